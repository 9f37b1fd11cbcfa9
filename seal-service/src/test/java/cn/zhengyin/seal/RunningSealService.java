package cn.zhengyin.seal;

import cn.zhengyin.trust.testing.MovableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running seal service that the HTTP integration tests share (one Spring context per test JVM, issue #13): the
 * shipped configuration with its three dev seals, the in-memory store, keys-dev, a keystore file for the keys of
 * seals made here, tokens {@code t.<base64url of "subject|scope scope">} ({@link #token}), a {@link MovableClock} so
 * a test can make a seal expire (it sets the offset back when done), a directory person whose id is the OAuth2 client
 * id licence-service (issue #14) and a configured OCSP responder URL for the seals made here.
 *
 * <p>A test class extends this class and adds nothing to the context (no properties, beans or
 * {@code @DynamicPropertySource}), so Spring's context cache hands every such class the same service. The tests
 * therefore share its seals: a test that needs a seal of its own makes or imports it, and counts only the usages of
 * its own seals or requests.
 */
@SpringBootTest(
        classes = {SealServiceApplication.class, RunningSealService.TestBeans.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=seal-service",
            "spring.application.name=seal-service-test",
            "zhengyin.store.embedded.in-memory=true",
            "zhengyin.ocsp-url=http://ocsp.seal.test.example/ocsp",
            // a person of the directory whose id happens to be the OAuth2 client id licence-service (issue #14)
            "zhengyin.grantees.people[0]=licence-service"
        })
public abstract class RunningSealService {
    protected static final Path KEYS_DEV = Path.of("../keys-dev");

    /** The keystore of the keys made here: one per test JVM (surefire runs two), under target/. */
    protected static final Path KEY_STORE = Path.of(
                    "target", "running-seal-service", ProcessHandle.current().pid() + "")
            .resolve("keys.p12")
            .toAbsolutePath();

    @DynamicPropertySource
    static void keyStore(DynamicPropertyRegistry registry) throws java.io.IOException {
        java.nio.file.Files.createDirectories(KEY_STORE.getParent());
        registry.add(
                "zhengyin.keys-directory",
                () -> KEYS_DEV.toAbsolutePath().normalize().toString());
        registry.add("zhengyin.seal-keys.file", KEY_STORE::toString);
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class TestBeans {
        @Bean
        @Primary
        MovableClock testClock() {
            return MovableClock.running(); // so a seal can be made to expire
        }

        /** Tokens {@code t.<base64url of "subject|scope scope">}. */
        @Bean
        JwtDecoder testJwtDecoder() {
            return token -> {
                if (!token.startsWith("t.")) {
                    throw new BadJwtException("Malformed token");
                }
                String[] parts = new String(Base64.getUrlDecoder().decode(token.substring(2)), StandardCharsets.UTF_8)
                        .split("\\|", 2);
                return Jwt.withTokenValue(token)
                        .header("alg", "none")
                        .subject(parts[0])
                        .claim("scope", parts[1])
                        .issuedAt(Instant.parse("2026-01-01T00:00:00Z"))
                        .expiresAt(Instant.parse("2099-01-01T00:00:00Z"))
                        .build();
            };
        }
    }

    /** A bearer token the test decoder reads as {@code subject} with {@code scopes} (space-separated). */
    protected static String token(String subject, String scopes) {
        return "t."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString((subject + "|" + scopes).getBytes(StandardCharsets.UTF_8));
    }
}
