package cn.zhengyin.service.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * The revocation check of a resource server that is not the authorisation server: asks the authorisation server's
 * introspection endpoint (RFC 7662) whether a token is still active, and reuses the answer for {@code cacheFor}. A token
 * revoked at the authorisation server therefore stops working here at most {@code cacheFor} later. If the
 * authorisation server cannot answer, the token is refused (fail closed) and the answer is not cached.
 *
 * <p>Only tokens whose signature, validity, issuer and audience were already accepted get here, so a flood of forged
 * tokens never reaches the authorisation server. At most {@value #MAX_ENTRIES} answers are kept (tokens are keyed by
 * their SHA-256, never stored).
 */
public final class IntrospectedRevocation implements OAuth2TokenValidator<Jwt> {
    static final int MAX_ENTRIES = 10_000;
    private static final Logger log = LoggerFactory.getLogger(IntrospectedRevocation.class);

    private final OpaqueTokenIntrospector introspector;
    private final Duration cacheFor;
    private final Clock clock;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    private record Answer(boolean active, Instant until) {}

    public IntrospectedRevocation(OpaqueTokenIntrospector introspector, Duration cacheFor, Clock clock) {
        this.introspector = introspector;
        this.cacheFor = cacheFor;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        String key = sha256(token.getTokenValue());
        Instant now = clock.instant();
        Answer answer = answers.get(key);
        if (answer == null || !now.isBefore(answer.until())) {
            boolean active;
            try {
                introspector.introspect(token.getTokenValue());
                active = true;
            } catch (BadOpaqueTokenException inactive) {
                active = false;
            } catch (OAuth2IntrospectionException | IllegalStateException e) {
                log.warn("Token introspection failed, so the token is refused: {}", e.getMessage());
                return AccessTokenValidator.invalid(
                        "the token's revocation status could not be checked at the authorisation server");
            }
            answer = new Answer(active, now.plus(cacheFor));
            remember(key, answer, now);
        }
        return answer.active()
                ? OAuth2TokenValidatorResult.success()
                : AccessTokenValidator.invalid("the token was revoked or is no longer active");
    }

    private void remember(String key, Answer answer, Instant now) {
        if (answers.size() >= MAX_ENTRIES) {
            answers.values().removeIf(a -> !now.isBefore(a.until()));
            if (answers.size() >= MAX_ENTRIES) {
                answers.clear();
            }
        }
        answers.put(key, answer);
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
