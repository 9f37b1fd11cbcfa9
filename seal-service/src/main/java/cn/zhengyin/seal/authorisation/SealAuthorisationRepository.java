package cn.zhengyin.seal.authorisation;

import java.util.List;
import java.util.Optional;

/** Port: the authorisations, one document each. */
public interface SealAuthorisationRepository {
    void insert(SealAuthorisation authorisation);

    Optional<SealAuthorisation> find(String sealId, String id);

    List<SealAuthorisation> forSeal(String sealId);

    /** Every authorisation of every seal (a start-up check reads them once). */
    List<SealAuthorisation> all();

    /** Marks it revoked if it is not yet; returns the stored authorisation. */
    SealAuthorisation markRevoked(SealAuthorisation revoked);
}
