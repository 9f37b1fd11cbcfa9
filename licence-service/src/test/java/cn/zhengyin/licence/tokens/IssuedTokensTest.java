package cn.zhengyin.licence.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/** Issue #14, finding 5: the store of issued tokens is the licence service's revocation check. */
class IssuedTokensTest {

    static final RegisteredClient CLIENT = RegisteredClient.withId("id-approval")
            .clientId("approval-demo")
            .clientSecret("{noop}x")
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
            .scope("licence:read")
            .build();

    static OAuth2Authorization issued(String value, Instant at) {
        return OAuth2Authorization.withRegisteredClient(CLIENT)
                .id("auth-" + value)
                .principalName("approval-demo")
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .token(new OAuth2AccessToken(
                        OAuth2AccessToken.TokenType.BEARER,
                        value,
                        at,
                        at.plus(Duration.ofMinutes(30)),
                        Set.of("licence:read")))
                .build();
    }

    static Jwt jwt(String value) {
        return Jwt.withTokenValue(value)
                .header("alg", "RS256")
                .subject("approval-demo")
                .issuedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .expiresAt(Instant.parse("2026-01-01T00:30:00Z"))
                .build();
    }

    @Test
    void aTokenIsValidWhileHeldAndUnrevoked() {
        MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
        IssuedTokens tokens = new IssuedTokens(clock);
        tokens.save(issued("t1", clock.instant()));
        assertThat(tokens.findByToken("t1", OAuth2TokenType.ACCESS_TOKEN)).isNotNull();
        assertThat(tokens.findByToken("t1", null)).isNotNull();
        assertThat(tokens.stillValid().validate(jwt("t1")).hasErrors()).isFalse();
        assertThat(tokens.stillValid().validate(jwt("never-issued")).getErrors())
                .extracting(e -> e.getDescription())
                .singleElement()
                .asString()
                .contains("not held");

        OAuth2Authorization held = tokens.findByToken("t1", null);
        tokens.save(OAuth2Authorization.from(held)
                .invalidate(held.getAccessToken().getToken())
                .build());
        assertThat(tokens.stillValid().validate(jwt("t1")).getErrors())
                .extracting(e -> e.getDescription())
                .singleElement()
                .asString()
                .contains("revoked");
    }

    @Test
    void expiredTokensAreForgottenSoTheStoreDoesNotGrowWithEveryRequest() {
        MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
        IssuedTokens tokens = new IssuedTokens(clock);
        for (int i = 0; i < 100; i++) {
            tokens.save(issued("old-" + i, clock.instant()));
        }
        clock.advance(Duration.ofMinutes(31));
        tokens.save(issued("new", clock.instant()));
        assertThat(tokens.size()).isEqualTo(1);
        assertThat(tokens.findByToken("old-1", null)).isNull();
        assertThat(tokens.findByToken("new", OAuth2TokenType.ACCESS_TOKEN)).isNotNull();
    }

    @Test
    void aTokenNamesEveryServiceOneOfWhoseScopesTheClientIsRegisteredFor() {
        TokenAudiences audiences = new TokenAudiences(List.of(
                new TokenAudiences.ResourceServer(
                        "urn:zhengyin:licence-service", Set.of("licence:read", "licence:issue", "audit:read")),
                new TokenAudiences.ResourceServer(
                        "urn:zhengyin:seal-service", Set.of("seal:sign", "seal:read", "audit:read"))));
        assertThat(audiences.of(Set.of("licence:issue", "licence:read")))
                .containsExactly("urn:zhengyin:licence-service");
        assertThat(audiences.of(Set.of("seal:sign", "seal:read"))).containsExactly("urn:zhengyin:seal-service");
        assertThat(audiences.of(Set.of("audit:read")))
                .containsExactly("urn:zhengyin:licence-service", "urn:zhengyin:seal-service");
        assertThat(audiences.of(Set.of("token:introspect"))).isEmpty();
    }
}
