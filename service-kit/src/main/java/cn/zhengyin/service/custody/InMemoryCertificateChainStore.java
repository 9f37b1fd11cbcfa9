package cn.zhengyin.service.custody;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Chains in memory: for tests and single-process development only (lost on restart). */
public final class InMemoryCertificateChainStore implements CertificateChainStore {
    private final Map<String, List<X509Certificate>> chains = new ConcurrentHashMap<>();

    @Override
    public Optional<List<X509Certificate>> find(String keyId) {
        return Optional.ofNullable(chains.get(keyId));
    }

    @Override
    public void put(String keyId, List<X509Certificate> chain) {
        chains.put(keyId, List.copyOf(chain));
    }

    @Override
    public void remove(String keyId) {
        chains.remove(keyId);
    }
}
