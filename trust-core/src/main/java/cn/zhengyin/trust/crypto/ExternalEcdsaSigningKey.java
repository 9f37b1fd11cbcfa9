package cn.zhengyin.trust.crypto;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * An ECDSA P-256 signing key whose private half never leaves its custody (a PKCS#11 token, Vault Transit): it is known
 * here by its id and its certificate chain only, and {@link #sign} asks the custody. Holds nothing secret, so
 * {@link #toString()} names the key and its subject.
 */
public abstract class ExternalEcdsaSigningKey implements SigningKey {

    private final String keyId;
    private final List<X509Certificate> chain;

    /** {@code chain} starts with the key's own certificate. */
    protected ExternalEcdsaSigningKey(String keyId, List<X509Certificate> chain) {
        this.keyId = keyId;
        this.chain = List.copyOf(chain);
    }

    @Override
    public final String keyId() {
        return keyId;
    }

    @Override
    public final SignatureAlgorithm algorithm() {
        return SignatureAlgorithm.ECDSA_P256_SHA256;
    }

    @Override
    public final List<X509Certificate> certificateChain() {
        return chain;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + keyId + ", "
                + chain.getFirst().getSubjectX500Principal().getName() + "]";
    }
}
