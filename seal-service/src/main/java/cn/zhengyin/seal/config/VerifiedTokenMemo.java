package cn.zhengyin.seal.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A {@link JwtDecoder} that remembers the bearer tokens whose signature it has verified, so that a caller sending the
 * same token again (the licence service reuses its client-credentials token for many signing requests) costs a map
 * look-up instead of parsing the JWT and verifying its signature (issue #18: JWT decoding was 7 % of this service's
 * CPU). The claims are still validated on every request with the same validator as a fresh decode (validity window,
 * issuer, audience and the revocation check by introspection with its own cache), so a revoked token stops working
 * exactly as before.
 *
 * <p>Keyed by the whole token (never a prefix or a hash that could collide); only tokens that the full decoder
 * accepted, and that carry an expiry, are remembered, and never past that expiry nor longer than {@code maxAge} (so a
 * key removed from the authorisation server's JWK set stops signature reuse at most that long later, like the JWK
 * set's own cache). At most {@code maxEntries} tokens are kept. Anything the memo cannot answer goes to the full
 * decoder; a validation failure is thrown as the full decoder throws it (fail closed).
 */
public final class VerifiedTokenMemo implements JwtDecoder {
    private final JwtDecoder decoder;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Clock clock;
    private final Duration maxAge;
    private final int maxEntries;
    private final Map<String, Remembered> verified = new ConcurrentHashMap<>();

    private record Remembered(Jwt jwt, Instant until) {}

    /**
     * @param decoder   verifies the signature and validates the claims (Boot's decoder)
     * @param validator what {@code decoder} validates, applied again to a remembered token on every use
     */
    public VerifiedTokenMemo(
            JwtDecoder decoder, OAuth2TokenValidator<Jwt> validator, Clock clock, Duration maxAge, int maxEntries) {
        if (maxAge.isNegative() || maxEntries < 0) {
            throw new IllegalArgumentException("maxAge and maxEntries must not be negative");
        }
        this.decoder = decoder;
        this.validator = validator;
        this.clock = clock;
        this.maxAge = maxAge;
        this.maxEntries = maxEntries;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        Remembered remembered = token == null ? null : verified.get(token);
        if (remembered != null && now.isBefore(remembered.until())) {
            OAuth2TokenValidatorResult result = validator.validate(remembered.jwt());
            if (result.hasErrors()) {
                verified.remove(token);
                throw new JwtValidationException(
                        result.getErrors().iterator().next().getDescription(), result.getErrors());
            }
            return remembered.jwt();
        }
        if (remembered != null) {
            verified.remove(token, remembered);
        }
        Jwt jwt = decoder.decode(token); // throws for a bad signature or claims: nothing is remembered
        remember(token, jwt, now);
        return jwt;
    }

    /** How many verified tokens are remembered now. */
    int size() {
        return verified.size();
    }

    private void remember(String token, Jwt jwt, Instant now) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null || maxEntries == 0 || !now.isBefore(expiresAt)) {
            return;
        }
        Instant until = now.plus(maxAge);
        if (expiresAt.isBefore(until)) {
            until = expiresAt;
        }
        if (verified.size() >= maxEntries) {
            verified.values().removeIf(r -> !now.isBefore(r.until()));
            if (verified.size() >= maxEntries) {
                verified.clear();
            }
        }
        verified.put(token, new Remembered(jwt, until));
    }
}
