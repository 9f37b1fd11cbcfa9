package cn.zhengyin.licence.monitoring;

import java.security.cert.X509CRL;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CRL files the verifiers use besides the seal service's ({@code zhengyin.verification.crls}, e.g. other regions'
 * CAs), by file name. They are read once at start-up: when one passes its nextUpdate, revocation of the certificates
 * it covers is unknown and their licences verify INDETERMINATE, so each is watched to its nextUpdate.
 */
public record VerificationCrls(Map<String, X509CRL> byName) {
    public VerificationCrls {
        byName = Collections.unmodifiableMap(new TreeMap<>(byName));
    }
}
