package cn.zhengyin.licence.config;

import cn.zhengyin.licence.audit.TokenEndpointAudit;
import cn.zhengyin.licence.pages.ErrorPages;
import cn.zhengyin.licence.tokens.ClientAuthenticationGuard;
import cn.zhengyin.licence.tokens.IntrospectionPolicy;
import cn.zhengyin.service.audit.AuditEventController;
import cn.zhengyin.service.audit.AuditLog;
import cn.zhengyin.service.security.JwtScopes;
import cn.zhengyin.service.security.PageSecurityHeaders;
import cn.zhengyin.service.security.ProblemAccessDeniedHandler;
import cn.zhengyin.service.security.ProblemAuthenticationEntryPoint;
import cn.zhengyin.service.security.PublicPaths;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call the licence service.
 *
 * <ul>
 *   <li>The OAuth2 token endpoint ({@code /oauth2/token}, client credentials grant) of the dev authorisation server
 *   (Spring Authorization Server) issues JWTs to registered clients, with the configured issuer and the audiences of
 *   the services the client is registered for (module {@code tokens}); introspection answers a client only about its
 *   own tokens, except for the seal service's {@code token:introspect}; failed client authentications are limited per
 *   client id and source address before any hashing ({@code ClientAuthenticationGuard}). Production points both
 *   services at the province's authorisation server instead.</li>
 *   <li>Approval systems issue with scope {@code licence:issue} and read with {@code licence:read}.</li>
 *   <li>Verification of a file is public: anyone holding a licence file may check it.</li>
 *   <li>Monitoring ({@code /actuator/prometheus}, the health's details) needs scope {@code monitoring:read}.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class LicenceSecurityConfiguration {
    /** Reads the metrics ({@code /actuator/prometheus}) and the health details (dev client {@code monitoring-demo}). */
    static final String MONITORING_SCOPE = "SCOPE_monitoring:read";

    @Bean
    @Order(1)
    SecurityFilterChain authorisationServer(
            HttpSecurity http,
            AuditLog audit,
            IntrospectionPolicy introspection,
            ClientAuthenticationGuard guard,
            RegisteredClientRepository clients) {
        TokenEndpointAudit tokenAudit = new TokenEndpointAudit(audit);
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.clientAuthentication(c -> c.authenticationProviders(providers -> providers.replaceAll(
                                            p -> p instanceof ClientSecretAuthenticationProvider secret
                                                    ? guard.around(secret, clients)
                                                    : p))
                                    .errorResponseHandler(
                                            guard.answeringLimits(tokenAudit.clientAuthenticationFailure(), audit)))
                            .tokenEndpoint(t -> t.accessTokenResponseHandler(tokenAudit.tokenIssued())
                                    .errorResponseHandler(tokenAudit.tokenRefused()))
                            .tokenIntrospectionEndpoint(i ->
                                    i.authenticationProviders(providers -> providers.replaceAll(
                                            p -> p instanceof OAuth2TokenIntrospectionAuthenticationProvider
                                                    ? introspection.around(p)
                                                    : p)));
                })
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain licenceApi(
            HttpSecurity http,
            ProblemAuthenticationEntryPoint entryPoint,
            ProblemAccessDeniedHandler denied,
            ErrorPages errorPages) {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // the public pages (/verify, /v/…, /s/… whose URL holds the share secret): CSP, no Referer
                .headers(PageSecurityHeaders.forPages())
                .authorizeHttpRequests(auth -> auth.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/verifications")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, PublicPaths.HEALTH_AND_API_DOCS)
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/licence-types", "/api/v1/licence-types/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/v/*", "/css/**", "/js/**", "/favicon.ico")
                        .permitAll()
                        // public share pages (SD-JWT VC, status list) and the verification page (docs/wallet.md)
                        .requestMatchers(HttpMethod.GET, "/s/*", "/s/*/credential", "/s/*/status", "/verify")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/verify")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/transparency/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/verifications/receipt-keys")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/licences", "/api/v1/licence-imports")
                        .hasAuthority("SCOPE_licence:issue")
                        .requestMatchers(
                                HttpMethod.POST,
                                "/api/v1/licences/*/amendments",
                                "/api/v1/licences/*/renewals",
                                "/api/v1/licences/*/corrections")
                        .hasAuthority("SCOPE_licence:issue")
                        .requestMatchers(
                                HttpMethod.POST,
                                "/api/v1/licences/*/suspension",
                                "/api/v1/licences/*/reinstatement",
                                "/api/v1/licences/*/revocation",
                                "/api/v1/licences/*/cancellation",
                                "/api/v1/licences/*/archive-renewals")
                        .hasAuthority("SCOPE_licence:status")
                        .requestMatchers(HttpMethod.GET, "/api/v1/licences/**")
                        .hasAuthority("SCOPE_licence:read")
                        .requestMatchers(HttpMethod.GET, AuditEventController.PATH)
                        .hasAuthority("SCOPE_" + AuditEventController.SCOPE)
                        // metrics for Prometheus (docs/operations.md); health stays public, its details need this scope
                        .requestMatchers(HttpMethod.GET, "/actuator/prometheus")
                        .hasAuthority(MONITORING_SCOPE)
                        .anyRequest()
                        .denyAll())
                .oauth2ResourceServer(JwtScopes.resourceServer(entryPoint, denied))
                .exceptionHandling(e -> e.authenticationEntryPoint(errorPages.forBrowsers(entryPoint))
                        .accessDeniedHandler(denied));
        return http.build();
    }

    /** Obtains and caches the licence service's own client-credentials token for calling the seal service. */
    @Bean
    OAuth2AuthorizedClientManager authorizedClientManager(
            ClientRegistrationRepository registrations, OAuth2AuthorizedClientService clients) {
        var manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .clientCredentials()
                .build());
        return manager;
    }
}
