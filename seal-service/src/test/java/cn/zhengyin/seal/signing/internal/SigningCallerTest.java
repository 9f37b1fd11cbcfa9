package cn.zhengyin.seal.signing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.seal.authorisation.Grantee;
import cn.zhengyin.seal.signing.SigningRefusedException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/** Persons and clients are separate namespaces (issue #14): who a bearer token says is asking to sign. */
class SigningCallerTest {

    static Jwt.Builder token() {
        return Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .issuedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .expiresAt(Instant.parse("2026-01-01T00:30:00Z"));
    }

    @Test
    void aClientCredentialsTokenIsTheClient() {
        assertThat(SigningCaller.of(token().subject("licence-service")
                        .claim("client_id", "licence-service")
                        .build()))
                .isEqualTo(Grantee.client("licence-service"));
        assertThat(SigningCaller.of(token().subject("licence-service").build()))
                .as("a token without client_id (another authorisation server's client-credentials token)")
                .isEqualTo(Grantee.client("licence-service"));
    }

    @Test
    void aTokenIssuedToAClientForAPersonIsThePersonNeverTheClientOfThatName() {
        Grantee caller = SigningCaller.of(token().subject("licence-service")
                .claim("client_id", "console-app")
                .build());
        assertThat(caller).isEqualTo(Grantee.person("licence-service"));
        assertThat(caller).isNotEqualTo(Grantee.client("licence-service"));
        assertThat(caller.toString()).isEqualTo("person:licence-service");
    }

    @Test
    void aTokenWithoutSubjectIsRefused() {
        assertThatThrownBy(
                        () -> SigningCaller.of(token().claim("client_id", "x").build()))
                .isInstanceOf(SigningRefusedException.class)
                .hasMessageContaining("names no subject");
    }
}
