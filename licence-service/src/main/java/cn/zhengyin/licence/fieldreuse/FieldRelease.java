package cn.zhengyin.licence.fieldreuse;

import java.util.Map;

/**
 * Fields released to a third party: the claims (identifier, version, status now, time, purpose, basis and exactly the
 * covered fields) and the same claims signed by the service as a JWS compact serialisation.
 */
public record FieldRelease(Map<String, Object> claims, String jws) {
    public FieldRelease {
        claims = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(claims));
    }
}
