package cn.zhengyin.seal.lifecycle;

import cn.zhengyin.trust.seal.SealType;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/** Port: the seals, one document each with its events embedded. No multi-document transactions. */
public interface SealRepository {

    /**
     * Stores a new seal (revision 0).
     *
     * @throws IllegalStateException if the id is taken
     */
    void insert(Seal seal);

    Optional<Seal> find(String id);

    /**
     * Replaces the seal's state if its stored revision is still {@code seal.revision()}, appending {@code event} to
     * its events, in one conditional single-document update.
     *
     * @return the seal as stored, with revision + 1
     * @throws ConcurrentSealUpdateException if the seal changed meanwhile
     */
    Seal update(Seal seal, Optional<SealEvent> event);

    /** Seals matching the filters (each optional), newest application first. */
    List<Seal> search(Optional<String> organisationUscc, Optional<SealType> type);

    /** Seals whose certificates are on hold or revoked, for the CRLs. */
    List<Seal> withRevokedCertificates();

    /** The seal holding the certificate with this serial issued by the named CA. */
    Optional<Seal> findByCertificate(String issuerCa, BigInteger serial);
}
