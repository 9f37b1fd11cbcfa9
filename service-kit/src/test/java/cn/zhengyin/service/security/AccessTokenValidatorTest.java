package cn.zhengyin.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionException;

/** Issue #14, finding 5: a token must carry the configured issuer and this service's audience, and not be revoked. */
class AccessTokenValidatorTest {
    static final String ISSUER = "http://localhost:8081";
    static final String SEAL = "urn:zhengyin:seal-service";

    static Jwt token(String value, String issuer, List<String> audience) {
        Jwt.Builder b = Jwt.withTokenValue(value)
                .header("alg", "RS256")
                .subject("licence-service")
                .issuedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .expiresAt(Instant.parse("2026-01-01T00:30:00Z"));
        if (issuer != null) {
            b.issuer(issuer);
        }
        if (audience != null) {
            b.audience(audience);
        }
        return b.build();
    }

    static String description(OAuth2TokenValidatorResult result) {
        return result.getErrors().iterator().next().getDescription();
    }

    @Test
    void theConfiguredIssuerAndThisServicesAudienceAreRequired() {
        AccessTokenValidator validator = new AccessTokenValidator(ISSUER, SEAL, Optional.empty());
        assertThat(validator
                        .validate(token("t", ISSUER, List.of("urn:zhengyin:licence-service", SEAL)))
                        .hasErrors())
                .isFalse();
        assertThat(description(validator.validate(token("t", "http://evil.example", List.of(SEAL)))))
                .contains("issuer");
        assertThat(description(validator.validate(token("t", null, List.of(SEAL)))))
                .contains("issuer");
        assertThat(description(validator.validate(token("t", ISSUER + "/", List.of(SEAL)))))
                .as("compared exactly")
                .contains("issuer");
        assertThat(description(validator.validate(token("t", ISSUER, List.of("urn:zhengyin:licence-service")))))
                .contains("audience");
        assertThat(description(validator.validate(token("t", ISSUER, List.of("licence-service")))))
                .as("the client id is no audience")
                .contains("audience");
        assertThat(description(validator.validate(token("t", ISSUER, null)))).contains("audience");
        assertThatThrownBy(() -> new AccessTokenValidator("", SEAL, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zhengyin.tokens.issuer");
    }

    @Test
    void revocationIsAskedOnlyForOtherwiseValidTokensAndTheAnswerIsReusedForTheCacheTime() {
        MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
        List<String> asked = new ArrayList<>();
        Set<String> revoked = new java.util.HashSet<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        IntrospectedRevocation revocation = new IntrospectedRevocation(
                token -> {
                    asked.add(token);
                    if (failure.get() != null) {
                        throw failure.get();
                    }
                    if (revoked.contains(token)) {
                        throw new BadOpaqueTokenException("Provided token isn't active");
                    }
                    return new DefaultOAuth2AuthenticatedPrincipal(Map.of("active", true), List.of());
                },
                Duration.ofSeconds(30),
                clock);
        AccessTokenValidator validator = new AccessTokenValidator(ISSUER, SEAL, Optional.of(revocation));

        assertThat(validator
                        .validate(token("wrong-audience", ISSUER, List.of("x")))
                        .hasErrors())
                .isTrue();
        assertThat(asked)
                .as("a token of another audience is never introspected")
                .isEmpty();

        Jwt a = token("a", ISSUER, List.of(SEAL));
        assertThat(validator.validate(a).hasErrors()).isFalse();
        revoked.add("a");
        clock.advance(Duration.ofSeconds(29));
        assertThat(validator.validate(a).hasErrors())
                .as("within the cache time the earlier answer stands")
                .isFalse();
        assertThat(asked).containsExactly("a");
        clock.advance(Duration.ofSeconds(1));
        assertThat(description(validator.validate(a))).contains("revoked");
        assertThat(asked).containsExactly("a", "a");

        failure.set(new OAuth2IntrospectionException("connection refused"));
        Jwt b = token("b", ISSUER, List.of(SEAL));
        assertThat(description(validator.validate(b)))
                .as("fail closed when the authorisation server cannot answer")
                .contains("could not be checked");
        failure.set(null);
        assertThat(validator.validate(b).hasErrors())
                .as("a failed check is not cached")
                .isFalse();
    }
}
