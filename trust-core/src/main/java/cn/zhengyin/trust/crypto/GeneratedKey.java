package cn.zhengyin.trust.crypto;

import java.security.PublicKey;
import java.util.Objects;

/** A key pair made inside a {@link KeyCustody}: its id, algorithm and public key (the private key stays inside). */
public record GeneratedKey(String keyId, SignatureAlgorithm algorithm, PublicKey publicKey) {
    public GeneratedKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicKey, "publicKey");
    }
}
