package cn.zhengyin.service.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a bearer token must say to be accepted by this service ({@code zhengyin.tokens.*}; docs/security.md "Access
 * tokens").
 *
 * @param issuer        the {@code iss} every token must carry: the authorisation server's configured issuer (dev: the
 *                      licence service, {@code http://localhost:8081}), never taken from a request
 * @param audience      this service's own audience, which the token's {@code aud} must contain
 * @param introspection where this service asks whether a token was revoked; no {@code uri} = no revocation check
 *                      (then a revoked token is honoured until it expires)
 */
@ConfigurationProperties("zhengyin.tokens")
public record AccessTokenProperties(String issuer, String audience, Introspection introspection) {
    public AccessTokenProperties {
        issuer = issuer == null ? "" : issuer.strip();
        audience = audience == null ? "" : audience.strip();
        introspection = introspection == null ? new Introspection("", "", "", null) : introspection;
    }

    /**
     * Token introspection (RFC 7662) at the authorisation server, as the revocation check of a resource server that is
     * not the authorisation server itself.
     *
     * @param uri          the introspection endpoint, e.g. {@code http://localhost:8081/oauth2/introspect}; blank = off
     * @param clientId     this service's client id at the authorisation server (it needs scope {@code token:introspect})
     * @param clientSecret its secret
     * @param cacheFor     how long an answer is reused: a token revoked at the authorisation server stops working here
     *                     at most this long later (default 30 s)
     */
    public record Introspection(String uri, String clientId, String clientSecret, Duration cacheFor) {
        public Introspection {
            uri = uri == null ? "" : uri.strip();
            clientId = clientId == null ? "" : clientId.strip();
            clientSecret = clientSecret == null ? "" : clientSecret;
            cacheFor = cacheFor == null ? Duration.ofSeconds(30) : cacheFor;
        }

        public boolean enabled() {
            return !uri.isEmpty();
        }
    }
}
