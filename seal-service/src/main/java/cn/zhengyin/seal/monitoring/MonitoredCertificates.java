package cn.zhengyin.seal.monitoring;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.TreeMap;

/**
 * The certificates the service itself depends on, besides the seals': the time-stamping authorities', the OCSP
 * responder's and the CAs', by name (the key file's, e.g. {@code tsa}, {@code seal-ca}). When one expires the service
 * can no longer time-stamp, answer OCSP or issue seal certificates, so each is watched to its notAfter.
 */
public record MonitoredCertificates(Map<String, X509Certificate> byName) {
    public MonitoredCertificates {
        byName = java.util.Collections.unmodifiableMap(new TreeMap<>(byName));
    }
}
