package cn.zhengyin.service.testapp;

import cn.zhengyin.service.security.JwtScopes;
import cn.zhengyin.service.security.ProblemAccessDeniedHandler;
import cn.zhengyin.service.security.ProblemAuthenticationEntryPoint;
import jakarta.servlet.DispatcherType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/** A tiny service using service-kit the way seal-service and licence-service do. */
@SpringBootApplication
public class TestApplication {

    public static void main(String[] args) {
        SpringApplication.run(TestApplication.class, args);
    }

    /** The application's clock, as each service's composition root provides one (the audit log stamps events with it). */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Security only in the web application (the store tests start this application without a web server). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication
    static class Security {

        @Bean
        SecurityFilterChain api(
                HttpSecurity http, ProblemAuthenticationEntryPoint entryPoint, ProblemAccessDeniedHandler denied)
                throws Exception {
            return http.authorizeHttpRequests(a -> a.dispatcherTypeMatchers(DispatcherType.ERROR)
                            .permitAll()
                            .requestMatchers(HttpMethod.POST, "/secure/**")
                            .hasAuthority("SCOPE_seal:write")
                            .requestMatchers("/secure/**")
                            .hasAuthority("SCOPE_seal:read")
                            .anyRequest()
                            .permitAll())
                    .oauth2ResourceServer(JwtScopes.resourceServer(entryPoint, denied))
                    .exceptionHandling(
                            e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                    .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .csrf(c -> c.disable())
                    .build();
        }
    }

    /** Test token for a JWT whose {@code scope} claim is the given space-separated string. */
    public static String scopeToken(String scopes) {
        return "scope."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(scopes.getBytes(StandardCharsets.UTF_8));
    }

    /** Test token for a JWT whose {@code scp} claim is an array of the given scopes. */
    public static String scpToken(String... scopes) {
        return "scp."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(String.join(",", scopes).getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes the test tokens of {@link #scopeToken} and {@link #scpToken}; any other token is invalid. */
    @Bean
    JwtDecoder testJwtDecoder() {
        return token -> {
            Jwt.Builder jwt = Jwt.withTokenValue(token)
                    .header("alg", "none")
                    .subject("client-1")
                    .issuedAt(Instant.parse("2026-01-01T00:00:00Z"))
                    .expiresAt(Instant.parse("2099-01-01T00:00:00Z"));
            if (token.startsWith("scope.")) {
                return jwt.claim("scope", decode(token.substring("scope.".length())))
                        .build();
            }
            if (token.startsWith("scp.")) {
                return jwt.claim(
                                "scp",
                                List.of(decode(token.substring("scp.".length())).split(",")))
                        .build();
            }
            throw new BadJwtException("Malformed token");
        };
    }

    private static String decode(String base64) {
        return new String(Base64.getUrlDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    static Map<String, Object> ok(Object value) {
        return Map.of("ok", value);
    }
}
