package cn.zhengyin.trust.crypto;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** A key pair made inside a {@link KeyCustody}: its id, algorithm and public key (the private key stays inside). */
public record GeneratedKey(String keyId, SignatureAlgorithm algorithm, PublicKey publicKey) {
    public GeneratedKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    /**
     * Checks a chain before a custody attaches it to this key: not empty, and its first certificate certifies this
     * key's public key.
     *
     * @throws KeyCustodyException naming the certificate and the key when either does not hold
     */
    public void requireCertifiedBy(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new KeyCustodyException("The certificate chain for key '" + keyId + "' is empty; give the key's"
                    + " certificate first, then its issuers.");
        }
        if (!Arrays.equals(chain.getFirst().getPublicKey().getEncoded(), publicKey.getEncoded())) {
            throw new KeyCustodyException("Certificate "
                    + chain.getFirst().getSubjectX500Principal().getName()
                    + " does not certify key '" + keyId + "' (public keys differ); attach the certificate issued for"
                    + " this key.");
        }
    }
}
