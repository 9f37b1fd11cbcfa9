package cn.zhengyin.seal.config;

import cn.zhengyin.service.audit.AuditEventController;
import cn.zhengyin.service.security.JwtScopes;
import cn.zhengyin.service.security.ProblemAccessDeniedHandler;
import cn.zhengyin.service.security.ProblemAuthenticationEntryPoint;
import cn.zhengyin.service.security.PublicPaths;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call the seal service. Callers authenticate with OAuth2 bearer JWTs (the dev issuer is the licence service,
 * production uses the province's authorisation server); scopes decide what they may do. The time-stamping authority,
 * CRLs, OCSP, health and the OpenAPI description are public, as a TSA and a CA's distribution points must be; the
 * metrics and the health's details need scope {@code monitoring:read}.
 */
@Configuration(proxyBeanMethods = false)
class SealSecurityConfiguration {
    /** Reads the metrics ({@code /actuator/prometheus}) and the health details (dev client {@code monitoring-demo}). */
    static final String MONITORING_SCOPE = "SCOPE_monitoring:read";

    /**
     * Puts {@link VerifiedTokenMemo} in front of Boot's JWT decoder (a {@link NimbusJwtDecoder} from {@code
     * spring.security.oauth2.resourceserver.jwt.*}): a bearer token verified once is not parsed and signature-checked
     * again while it is remembered ({@code zhengyin.tokens.verified-memo.max-age}, default 5 min, never past its
     * expiry; {@code max-entries}, default 1,000, 0 turns the memo off). Its claims are validated on every request by
     * one validator, set here on the decoder and used by the memo, so both paths check the same: the validators Boot
     * would give the decoder (the default timestamp validator, the issuer-uri and audiences properties if set, and this
     * service's {@code OAuth2TokenValidator} beans: issuer, audience, revocation by introspection). Other decoders
     * (tests') are left alone.
     */
    @Bean
    static BeanPostProcessor verifiedTokenMemo(
            ObjectProvider<OAuth2TokenValidator<Jwt>> validators,
            ObjectProvider<Clock> clock,
            org.springframework.core.env.Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof NimbusJwtDecoder decoder)) {
                    return bean;
                }
                int maxEntries =
                        environment.getProperty("zhengyin.tokens.verified-memo.max-entries", Integer.class, 1000);
                if (maxEntries == 0) {
                    return bean;
                }
                List<OAuth2TokenValidator<Jwt>> checks = new ArrayList<>();
                String issuerUri = environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri");
                if (issuerUri != null && !issuerUri.isBlank()) {
                    checks.add(new JwtIssuerValidator(issuerUri));
                }
                List<String> audiences = List.of(environment.getProperty(
                        "spring.security.oauth2.resourceserver.jwt.audiences", String[].class, new String[0]));
                if (!audiences.isEmpty()) {
                    checks.add(new JwtClaimValidator<List<String>>(
                            "aud", aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
                }
                validators.orderedStream().forEach(checks::add);
                OAuth2TokenValidator<Jwt> validator = JwtValidators.createDefaultWithValidators(checks);
                decoder.setJwtValidator(validator);
                return new VerifiedTokenMemo(
                        decoder,
                        validator,
                        clock.getObject(),
                        environment.getProperty(
                                "zhengyin.tokens.verified-memo.max-age", Duration.class, Duration.ofMinutes(5)),
                        maxEntries);
            }
        };
    }

    @Bean
    SecurityFilterChain sealApi(
            HttpSecurity http, ProblemAuthenticationEntryPoint entryPoint, ProblemAccessDeniedHandler denied) {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.requestMatchers(HttpMethod.POST, "/tsa", "/ocsp")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/crl/**", "/ocsp/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, PublicPaths.HEALTH_AND_API_DOCS)
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/sealings")
                        .hasAuthority("SCOPE_seal:use")
                        .requestMatchers(HttpMethod.POST, "/api/v1/signatures/**")
                        .hasAuthority("SCOPE_seal:sign")
                        .requestMatchers(HttpMethod.POST, "/api/v1/seals")
                        .hasAuthority("SCOPE_seal:apply")
                        .requestMatchers(HttpMethod.POST, "/api/v1/seals/*/approve", "/api/v1/seals/*/reject")
                        .hasAuthority("SCOPE_seal:approve")
                        .requestMatchers(
                                HttpMethod.POST,
                                "/api/v1/seals/*/make",
                                "/api/v1/seals/*/image",
                                "/api/v1/seals/*/issue",
                                "/api/v1/seals/*/suspend",
                                "/api/v1/seals/*/reinstate",
                                "/api/v1/seals/*/revoke",
                                "/api/v1/seals/*/destroy",
                                "/api/v1/seals/*/authorisations")
                        .hasAuthority("SCOPE_seal:admin")
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/seals/*/authorisations/*")
                        .hasAuthority("SCOPE_seal:admin")
                        .requestMatchers(
                                HttpMethod.GET,
                                "/api/v1/seals/*/usages",
                                "/api/v1/seals/*/authorisations",
                                "/api/v1/seal-usages")
                        .hasAnyAuthority("SCOPE_seal:read", "SCOPE_seal:admin")
                        .requestMatchers(HttpMethod.GET, "/api/v1/seals", "/api/v1/seals/**")
                        .hasAnyAuthority("SCOPE_seal:read", "SCOPE_seal:sign", "SCOPE_seal:admin")
                        .requestMatchers(HttpMethod.GET, AuditEventController.PATH)
                        .hasAuthority("SCOPE_" + AuditEventController.SCOPE)
                        // metrics for Prometheus (docs/operations.md); health stays public, its details need this scope
                        .requestMatchers(HttpMethod.GET, "/actuator/prometheus")
                        .hasAuthority(MONITORING_SCOPE)
                        .dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .anyRequest()
                        .denyAll())
                .oauth2ResourceServer(JwtScopes.resourceServer(entryPoint, denied))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied));
        return http.build();
    }
}
