package cn.zhengyin.trust.crypto;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Where signing keys live: a software keystore in development, an HSM (PKCS#11) or Vault Transit in production.
 * Keys are referenced by id only; no private key ever crosses this interface.
 *
 * <p>Custodies that hold only pre-provisioned keys implement {@link #signingKey(String)}; those that can make keys
 * also implement the generation methods, whose defaults refuse. Life of a generated key:
 * {@link #generate} → (a CA certifies {@link GeneratedKey#publicKey()}) → {@link #attachCertificateChain} →
 * {@link #signingKey} … → {@link #destroy}.
 */
public interface KeyCustody {

    /**
     * @param keyId the custody's identifier of the key
     * @return the key, ready to sign
     * @throws KeyNotFoundException if the custody holds no key with that identifier
     * @throws KeyCustodyException  if the key has no certificate chain attached yet
     */
    SigningKey signingKey(String keyId);

    /**
     * Generates a key pair inside the custody. Not idempotent: fails if the id is taken; callers that retry look the
     * key up first with {@link #find(String)}.
     *
     * @throws KeyCustodyException if the id is taken or this custody cannot generate keys
     */
    default GeneratedKey generate(String keyId, SignatureAlgorithm algorithm) {
        throw new KeyCustodyException(
                getClass().getSimpleName() + " holds pre-provisioned keys only and cannot generate" + " key '" + keyId
                        + "'; configure a generating custody (software keystore, PKCS#11, Vault)");
    }

    /** The public half of a key in custody, whether or not it has a certificate yet; empty if there is none. */
    default Optional<GeneratedKey> find(String keyId) {
        return Optional.empty();
    }

    /**
     * Stores the certificate chain (signer first) of a key; replaces a chain attached before, so a retry is harmless.
     *
     * @throws KeyNotFoundException if there is no such key
     * @throws KeyCustodyException  if the first certificate does not certify the key's public key
     */
    default void attachCertificateChain(String keyId, List<X509Certificate> chain) {
        throw new KeyCustodyException(
                getClass().getSimpleName() + " cannot store certificates for key '" + keyId + "'");
    }

    /**
     * Destroys a key for ever. Idempotent.
     *
     * @return true if a key was destroyed, false if there was none with that id
     */
    default boolean destroy(String keyId) {
        throw new KeyCustodyException(getClass().getSimpleName() + " cannot destroy key '" + keyId + "'");
    }
}
