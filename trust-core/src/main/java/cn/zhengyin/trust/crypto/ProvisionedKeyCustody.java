package cn.zhengyin.trust.crypto;

import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pre-provisioned keys (made beforehand, e.g. a configured seal's key from keys-dev) in front of a generating custody
 * for the keys made here. Destroying a pre-provisioned key drops it from this process only (its file is
 * configuration); whoever owns the key must keep it from signing after a restart (the seal service: the seal's
 * DESTROYED state).
 */
public final class ProvisionedKeyCustody implements KeyCustody {
    private final Map<String, SigningKey> provisioned = new ConcurrentHashMap<>();
    private final KeyCustody generating;

    public ProvisionedKeyCustody(Collection<SigningKey> provisioned, KeyCustody generating) {
        provisioned.forEach(k -> this.provisioned.put(k.keyId(), k));
        this.generating = generating;
    }

    @Override
    public SigningKey signingKey(String keyId) {
        SigningKey key = provisioned.get(keyId);
        return key != null ? key : generating.signingKey(keyId);
    }

    @Override
    public GeneratedKey generate(String keyId, SignatureAlgorithm algorithm) {
        if (provisioned.containsKey(keyId)) {
            throw new KeyCustodyException("key id '" + keyId + "' is a configured key");
        }
        return generating.generate(keyId, algorithm);
    }

    @Override
    public Optional<GeneratedKey> find(String keyId) {
        SigningKey key = provisioned.get(keyId);
        if (key != null) {
            return Optional.of(new GeneratedKey(
                    keyId, key.algorithm(), key.certificateChain().getFirst().getPublicKey()));
        }
        return generating.find(keyId);
    }

    @Override
    public void attachCertificateChain(String keyId, List<X509Certificate> chain) {
        generating.attachCertificateChain(keyId, chain);
    }

    @Override
    public boolean destroy(String keyId) {
        return provisioned.remove(keyId) != null | generating.destroy(keyId);
    }

    @Override
    public String toString() {
        return "ProvisionedKeyCustody[" + provisioned.size() + " provisioned keys, generating: " + generating + "]";
    }
}
