package cn.zhengyin.licence.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Issue #14, finding 2: failed client authentications are limited before hashing; known secrets keep working. */
class ClientAuthenticationGuardTest {

    @Test
    void aBucketRefusesWhenEmptyAndRefillsOneCheckAtATime() {
        MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
        AttemptBuckets buckets = new AttemptBuckets(3, Duration.ofSeconds(2), clock);
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("approval-demo")).isEmpty();
        }
        AttemptBuckets.Refusal first = buckets.take("approval-demo").orElseThrow();
        assertThat(first.first()).isTrue();
        assertThat(first.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(buckets.take("approval-demo").orElseThrow().first())
                .as("one audit record per run of refusals")
                .isFalse();
        assertThat(buckets.take("other")).as("each key has its own bucket").isEmpty();
        clock.advance(Duration.ofSeconds(2));
        assertThat(buckets.take("approval-demo")).isEmpty();
        assertThat(buckets.take("approval-demo")).isPresent();
        buckets.giveBack("approval-demo");
        assertThat(buckets.take("approval-demo")).as("a check given back").isEmpty();
        clock.advance(Duration.ofSeconds(60));
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("approval-demo"))
                    .as("full again, never more than the capacity")
                    .isEmpty();
        }
        assertThat(buckets.take("approval-demo")).isPresent();
    }

    @Test
    void aVerifiedSecretIsRememberedForItsStoredHashOnly() {
        MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
        RememberedSecrets secrets = new RememberedSecrets(Duration.ofHours(1), clock);
        String stored = secrets.encode("right");
        assertThat(secrets.remembers("right", stored)).isFalse();
        assertThat(secrets.matches("wrong", stored)).isFalse();
        assertThat(secrets.matches("right", stored)).isTrue();
        assertThat(secrets.remembers("right", stored)).isTrue();
        assertThat(secrets.remembers("wrong", stored)).isFalse();
        assertThat(secrets.remembers("right", secrets.encode("right")))
                .as("a new stored hash (rotated secret) is checked again")
                .isFalse();
        clock.advance(Duration.ofHours(1));
        assertThat(secrets.remembers("right", stored))
                .as("forgotten after its lifetime")
                .isFalse();
    }

    static OAuth2ClientAuthenticationToken attempt(String client, String secret, String address) {
        OAuth2ClientAuthenticationToken token = new OAuth2ClientAuthenticationToken(
                client, ClientAuthenticationMethod.CLIENT_SECRET_BASIC, secret, null);
        token.setDetails(new WebAuthenticationDetails(address, null));
        return token;
    }

    @Test
    void failuresAreLimitedBeforeHashingUnknownIdsCountAlikeAndARememberedSecretStillPasses() {
        MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
        ClientAuthenticationGuard guard = new ClientAuthenticationGuard(
                new ClientAuthenticationGuard.Limits(
                        3, Duration.ofSeconds(6), 5, Duration.ofSeconds(3), Duration.ofHours(1)),
                clock);
        RegisteredClient bank = RegisteredClient.withId("bank")
                .clientId("bank-demo")
                // a hash of the work factor the encoder wants, so it is not re-encoded ("upgraded") on first use
                .clientSecret("{bcrypt}" + new BCryptPasswordEncoder().encode("bank-demo-secret"))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .build();
        InMemoryRegisteredClientRepository clients = new InMemoryRegisteredClientRepository(bank);
        AuthenticationProvider guarded = guard.around(
                new ClientSecretAuthenticationProvider(clients, new InMemoryOAuth2AuthorizationService()), clients);

        Authentication ok = guarded.authenticate(attempt("bank-demo", "bank-demo-secret", "10.0.0.1"));
        assertThat(ok.isAuthenticated()).isTrue();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> guarded.authenticate(attempt("bank-demo", "guess", "10.0.0.2")))
                    .isInstanceOf(OAuth2AuthenticationException.class)
                    .isNotInstanceOf(ClientAuthenticationGuard.Limited.class)
                    .extracting(
                            e -> ((OAuth2AuthenticationException) e).getError().getErrorCode())
                    .isEqualTo("invalid_client");
        }
        assertThatThrownBy(() -> guarded.authenticate(attempt("bank-demo", "guess", "10.0.0.3")))
                .as("the client id is locked out, from any address")
                .isInstanceOf(ClientAuthenticationGuard.Limited.class)
                .satisfies(e -> assertThat(((ClientAuthenticationGuard.Limited) e).retryAfterSeconds())
                        .isEqualTo(6));
        assertThat(guarded.authenticate(attempt("bank-demo", "bank-demo-secret", "10.0.0.2"))
                        .isAuthenticated())
                .as("the client's verified secret still passes")
                .isTrue();

        // unknown ids: the same answer as a wrong secret, counted against the address
        assertThatThrownBy(() -> guarded.authenticate(attempt("nobody-1", "x", "10.0.0.2")))
                .isInstanceOf(OAuth2AuthenticationException.class)
                .isNotInstanceOf(ClientAuthenticationGuard.Limited.class)
                .extracting(e -> ((OAuth2AuthenticationException) e).getError().getErrorCode())
                .isEqualTo("invalid_client");
        assertThatThrownBy(() -> guarded.authenticate(attempt("nobody-2", "x", "10.0.0.2")))
                .isNotInstanceOf(ClientAuthenticationGuard.Limited.class);
        assertThatThrownBy(() -> guarded.authenticate(attempt("nobody-3", "x", "10.0.0.2")))
                .as("10.0.0.2 caused five failures: its bucket is empty")
                .isInstanceOf(ClientAuthenticationGuard.Limited.class);
        clock.advance(Duration.ofSeconds(3));
        assertThatThrownBy(() -> guarded.authenticate(attempt("nobody-4", "x", "10.0.0.2")))
                .as("one more check after the refill time")
                .isNotInstanceOf(ClientAuthenticationGuard.Limited.class);
    }
}
