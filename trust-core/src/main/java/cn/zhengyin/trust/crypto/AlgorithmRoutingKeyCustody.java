package cn.zhengyin.trust.crypto;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Generates ECDSA keys in one custody and SM2 keys in another (an HSM or Vault without SM2 beside a keystore for
 * SM2). Look-ups ask the ECDSA custody first, then the SM2 custody; key ids must not repeat across the two.
 */
public final class AlgorithmRoutingKeyCustody implements KeyCustody {
    private final KeyCustody ecdsa;
    private final KeyCustody sm2;

    public AlgorithmRoutingKeyCustody(KeyCustody ecdsa, KeyCustody sm2) {
        this.ecdsa = ecdsa;
        this.sm2 = sm2;
    }

    @Override
    public SigningKey signingKey(String keyId) {
        return ecdsa.find(keyId).isPresent() ? ecdsa.signingKey(keyId) : sm2.signingKey(keyId);
    }

    @Override
    public GeneratedKey generate(String keyId, SignatureAlgorithm algorithm) {
        return (algorithm == SignatureAlgorithm.SM2_SM3 ? sm2 : ecdsa).generate(keyId, algorithm);
    }

    @Override
    public Optional<GeneratedKey> find(String keyId) {
        return ecdsa.find(keyId).or(() -> sm2.find(keyId));
    }

    @Override
    public void attachCertificateChain(String keyId, List<X509Certificate> chain) {
        KeyCustody holder =
                ecdsa.find(keyId).isPresent() ? ecdsa : sm2.find(keyId).isPresent() ? sm2 : null;
        if (holder == null) {
            throw new KeyNotFoundException("No key with id '" + keyId + "' in " + this + " to attach certificates to.");
        }
        holder.attachCertificateChain(keyId, chain);
    }

    @Override
    public boolean destroy(String keyId) {
        return ecdsa.destroy(keyId) | sm2.destroy(keyId);
    }

    @Override
    public String toString() {
        return "AlgorithmRoutingKeyCustody[ECDSA: " + ecdsa + ", SM2: " + sm2 + "]";
    }
}
