package cn.zhengyin.seal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * The memo of verified bearer tokens (issue #18): a token is verified by the full decoder once, then only its claims
 * are validated again on every use; it is never accepted past its expiry, a revoked token is refused, a token the
 * decoder refused is never remembered, and the memo stays bounded.
 */
class VerifiedTokenMemoTest {
    private static final Instant T = Instant.parse("2026-12-06T16:00:00Z");

    /** A settable clock. */
    private static final class Now extends Clock {
        Instant at = T;

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return at;
        }
    }

    private final Now now = new Now();
    private final AtomicBoolean revoked = new AtomicBoolean();
    /** As Boot's: the validity window (with its default 60 s skew) and, here, a stand-in for the revocation check. */
    private final OAuth2TokenValidator<Jwt> validator = token -> {
        JwtTimestampValidator window = new JwtTimestampValidator();
        window.setClock(now);
        OAuth2TokenValidatorResult result = window.validate(token);
        if (result.hasErrors()) {
            return result;
        }
        return revoked.get()
                ? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "revoked", null))
                : OAuth2TokenValidatorResult.success();
    };
    /** Tokens "good-<seconds to expiry>" verify; anything else is a bad signature. Counts the verifications. */
    private final List<String> verified = new ArrayList<>();

    private final JwtDecoder decoder = token -> {
        if (!token.startsWith("good-")) {
            throw new BadJwtException("bad signature");
        }
        verified.add(token);
        Jwt jwt = Jwt.withTokenValue(token)
                .header("alg", "ES256")
                .subject("licence-service")
                .issuedAt(T)
                .expiresAt(T.plusSeconds(Long.parseLong(token.substring(5))))
                .build();
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException("invalid", result.getErrors());
        }
        return jwt;
    };

    private VerifiedTokenMemo memo(Duration maxAge, int maxEntries) {
        return new VerifiedTokenMemo(decoder, validator, now, maxAge, maxEntries);
    }

    @Test
    void aTokenIsVerifiedOnceThenOnlyValidatedUntilItExpires() {
        VerifiedTokenMemo memo = memo(Duration.ofMinutes(5), 10);
        Jwt first = memo.decode("good-120");
        now.at = T.plusSeconds(119);
        assertThat(memo.decode("good-120")).isSameAs(first);
        assertThat(verified).containsExactly("good-120");

        // at its expiry the memo no longer answers: the full decoder does (it allows its 60 s clock skew) ...
        now.at = T.plusSeconds(120);
        assertThat(memo.decode("good-120").getSubject()).isEqualTo("licence-service");
        assertThat(verified).containsExactly("good-120", "good-120");
        // ... and past that the token is refused, as without the memo
        now.at = T.plusSeconds(181);
        assertThatThrownBy(() -> memo.decode("good-120")).isInstanceOf(JwtValidationException.class);
        assertThat(memo.size()).isZero();
    }

    @Test
    void aRememberedTokenIsVerifiedAgainAfterTheMaximumAge() {
        VerifiedTokenMemo memo = memo(Duration.ofSeconds(30), 10);
        memo.decode("good-3600");
        now.at = T.plusSeconds(29);
        memo.decode("good-3600");
        now.at = T.plusSeconds(30);
        memo.decode("good-3600");
        assertThat(verified).containsExactly("good-3600", "good-3600");
    }

    @Test
    void aRevokedTokenIsRefusedThoughRemembered() {
        VerifiedTokenMemo memo = memo(Duration.ofMinutes(5), 10);
        memo.decode("good-600");
        revoked.set(true);
        assertThatThrownBy(() -> memo.decode("good-600"))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("revoked");
        assertThat(memo.size()).isZero();
        assertThatThrownBy(() -> memo.decode("good-600")).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void aRefusedTokenIsNeverRememberedAndTheMemoIsBounded() {
        VerifiedTokenMemo memo = memo(Duration.ofMinutes(5), 3);
        assertThatThrownBy(() -> memo.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> memo.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(memo.size()).isZero();
        for (int i = 0; i < 10; i++) {
            memo.decode("good-" + (600 + i));
            assertThat(memo.size()).isBetween(1, 3);
        }
        // the same prefix is not the same token: each one is verified on its own
        assertThat(verified).hasSize(10).doesNotHaveDuplicates();
        assertThat(memo(Duration.ofMinutes(5), 0).decode("good-600")).isNotNull();
    }
}
