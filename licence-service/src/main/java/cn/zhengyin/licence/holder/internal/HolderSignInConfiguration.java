package cn.zhengyin.licence.holder.internal;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

import cn.zhengyin.service.audit.AuditEvent;
import cn.zhengyin.service.audit.AuditLog;
import cn.zhengyin.service.audit.AuditRequests;
import cn.zhengyin.service.security.BodyOnlyCsrfTokens;
import cn.zhengyin.service.security.PageSecurityHeaders;
import cn.zhengyin.service.security.ProblemAuthenticationEntryPoint;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcherEntry;

/**
 * The session-based security of everything a holder does in a browser: the wallet pages ({@code /wallet/**}), the
 * holder API ({@code /api/v1/holder/**}, same-origin JSON for the wallet's pages), sign-in and sign-out. Sessions are
 * created only here; the machine API stays stateless with bearer tokens. CSRF protection is on: forms carry the
 * token in their body, scripts send the {@code XSRF-TOKEN} cookie's value in the {@code X-XSRF-TOKEN} header; a token
 * in the query string does not count. Pages get a Content-Security-Policy and {@code Referrer-Policy: no-referrer}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HolderProperties.class)
class HolderSignInConfiguration {

    static final String SIGN_IN_PAGE = "/sign-in";

    @Bean
    SecurityContextRepository holderSecurityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    @Order(0)
    SecurityFilterChain holderSessions(
            HttpSecurity http,
            HolderProperties properties,
            SecurityContextRepository holderSecurityContextRepository,
            ProblemAuthenticationEntryPoint problems,
            @Qualifier("pageAccessDenied") AccessDeniedHandler pageAccessDenied,
            AuditLog audit) {
        RequestMatcher api = pathPattern("/api/v1/holder/**");
        var entryPoint = new DelegatingAuthenticationEntryPoint(
                new LoginUrlAuthenticationEntryPoint(SIGN_IN_PAGE),
                new RequestMatcherEntry<AuthenticationEntryPoint>(api, problems));

        http.securityMatcher(
                        "/wallet",
                        "/wallet/**",
                        "/api/v1/holder/**",
                        SIGN_IN_PAGE,
                        SIGN_IN_PAGE + "/**",
                        "/sign-out",
                        "/oauth2/authorization/**",
                        "/login/oauth2/**")
                .securityContext(c -> c.securityContextRepository(holderSecurityContextRepository))
                // as csrf.spa(), but a token in the query string does not count (review #14, finding 9)
                .csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(BodyOnlyCsrfTokens.spa()))
                .headers(
                        PageSecurityHeaders
                                .forPagesWithOwnScripts()) // the wallet's /js/wallet.js and its service worker
                .authorizeHttpRequests(auth -> auth.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, SIGN_IN_PAGE)
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, SIGN_IN_PAGE + "/dev")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .logout(logout -> logout.logoutUrl("/sign-out").logoutSuccessUrl(SIGN_IN_PAGE + "?signed-out"))
                .exceptionHandling(
                        // a form post without a valid CSRF token: the 403 page for a browser (ErrorPages)
                        e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(pageAccessDenied));
        if (properties.oidc().enabled()) {
            var success =
                    new org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler();
            success.setDefaultTargetUrl("/wallet");
            var failure = new org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler(
                    SIGN_IN_PAGE + "?error");
            http.oauth2Login(login -> login.loginPage(SIGN_IN_PAGE)
                    .successHandler((request, response, authentication) -> {
                        var details = AuditRequests.describe(request);
                        details.put("method", "oidc");
                        audit.record(
                                HolderSignInController.SIGN_IN,
                                AuditEvent.Outcome.SUCCESS,
                                AuditRequests.actor(authentication).orElse(""),
                                "",
                                details);
                        success.onAuthenticationSuccess(request, response, authentication);
                    })
                    .failureHandler((request, response, exception) -> {
                        var details = AuditRequests.describe(request);
                        details.put("method", "oidc");
                        details.put("reason", exception.getClass().getSimpleName() + ": " + exception.getMessage());
                        audit.record(HolderSignInController.SIGN_IN, AuditEvent.Outcome.FAILURE, "", "", details);
                        failure.onAuthenticationFailure(request, response, exception);
                    }));
        }
        return http.build();
    }
}
