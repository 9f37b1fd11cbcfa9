package cn.zhengyin.trust.crypto;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A private key held in custody, able to sign but never to reveal itself. Implementations are thread-safe.
 */
public interface SigningKey {

    /** @return the custody's identifier of this key */
    String keyId();

    /** @return the algorithm {@link #sign(byte[])} uses */
    SignatureAlgorithm algorithm();

    /** @return the certificate chain, signer certificate first, then its issuers (the root may or may not be present) */
    List<X509Certificate> certificateChain();

    /**
     * Signs data: hashes it with {@link SignatureAlgorithm#digestJcaName()} inside and signs the hash.
     *
     * @param data the bytes to sign (for CMS: the DER encoding of the signed attributes)
     * @return the signature value; for ECDSA and SM2 the DER {@code SEQUENCE {r, s}}
     * @throws KeyCustodyException if the custody cannot sign
     */
    byte[] sign(byte[] data);
}
