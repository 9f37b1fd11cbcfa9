package cn.zhengyin.service.custody;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Certificate chains of keys held by a custody that cannot store certificates itself (Vault Transit). Chains are
 * public data; losing one makes its key unusable until the chain is attached again.
 */
public interface CertificateChainStore {

    /** @return the chain stored for the key (signer first), or empty */
    Optional<List<X509Certificate>> find(String keyId);

    /** Stores or replaces the chain of a key. */
    void put(String keyId, List<X509Certificate> chain);

    /** Removes the chain of a key, if any. */
    void remove(String keyId);
}
