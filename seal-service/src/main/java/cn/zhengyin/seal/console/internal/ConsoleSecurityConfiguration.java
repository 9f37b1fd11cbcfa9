package cn.zhengyin.seal.console.internal;

import cn.zhengyin.service.problem.Problems;
import cn.zhengyin.service.security.BodyOnlyCsrfTokens;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's own security filter chain for {@code /console/**}, ahead of the stateless bearer-token API chain:
 * a session (cookie) after sign-in, CSRF tokens on every form, sign-out by POST. Sign-in is OpenID Connect
 * ({@code oauth2Login}) when a client registration is configured, and/or the development page when
 * {@code zhengyin.console.dev-sign-in.enabled=true}. Who may run which action is decided per request by
 * {@link ConsolePermissions} and, finally, by the domain services themselves.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {
    static final String SIGN_IN = "/console/sign-in";
    private static final Logger log = LoggerFactory.getLogger(ConsoleSecurityConfiguration.class);

    @Bean
    SecurityContextRepository consoleSecurityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain sealConsole(
            HttpSecurity http,
            ConsoleProperties properties,
            SecurityContextRepository consoleSecurityContextRepository,
            ObjectProvider<ClientRegistrationRepository> registrations) {
        http.securityMatcher("/console", "/console/**")
                .securityContext(c -> c.securityContextRepository(consoleSecurityContextRepository))
                // the form's token counts, one in the query string does not (review #14, finding 9)
                .csrf(csrf -> csrf.csrfTokenRequestHandler(BodyOnlyCsrfTokens.masked()))
                .authorizeHttpRequests(auth -> auth.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, SIGN_IN, "/console/*.css", "/console/*.js")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, SIGN_IN)
                        .permitAll()
                        .requestMatchers("/console/seals/new")
                        .hasAuthority(ConsoleRole.APPLICANT.authority().getAuthority())
                        .requestMatchers(HttpMethod.POST, "/console/seals")
                        .hasAuthority(ConsoleRole.APPLICANT.authority().getAuthority())
                        .anyRequest()
                        .authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(SIGN_IN))
                        .accessDeniedHandler(accessDenied()))
                .logout(l -> l.logoutUrl("/console/sign-out").logoutSuccessUrl(SIGN_IN + "?signedOut"))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"))
                        .referrerPolicy(r -> r.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter
                                        .ReferrerPolicy.NO_REFERRER)));
        ClientRegistrationRepository oidc = registrations.getIfAvailable();
        if (oidc != null) {
            http.oauth2Login(o -> o.loginPage(SIGN_IN)
                    .authorizationEndpoint(a -> a.baseUri("/console/oauth2/authorization"))
                    .redirectionEndpoint(r -> r.baseUri("/console/login/oauth2/code/*"))
                    .userInfoEndpoint(u -> u.oidcUserService(new ConsoleOidcUsers(properties.oidc())))
                    .defaultSuccessUrl("/console/seals", true));
        }
        if (properties.devSignIn().enabled()) {
            log.warn(
                    "The seal console's DEVELOPMENT sign-in is enabled (zhengyin.console.dev-sign-in.enabled=true): "
                            + "anyone reaching {} can act as {}. Disable it in production.",
                    SIGN_IN,
                    properties.devSignIn().people().stream()
                            .map(ConsoleProperties.DevPerson::id)
                            .toList());
        }
        return http.build();
    }

    /**
     * A refused console request (a missing or stale CSRF token, or a role the person lacks): browsers go back to
     * the list, which says so (or, without a session, on to the sign-in page); other clients get problem+json.
     */
    private static AccessDeniedHandler accessDenied() {
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
        JsonMapper json = JsonMapper.builder().build();
        return (request, response, exception) -> {
            if (html.matches(request)) {
                response.sendRedirect(request.getContextPath() + "/console/seals?denied");
                return;
            }
            ProblemDetail problem = Problems.problem(
                    HttpStatus.FORBIDDEN,
                    "forbidden",
                    "Forbidden",
                    "The seal console accepts only signed-in browser sessions with a CSRF token on every change; "
                            + "use the REST API with a bearer token instead.");
            problem.setInstance(URI.create(request.getRequestURI()));
            response.setStatus(403);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            try {
                response.getOutputStream().write(json.writeValueAsBytes(problem));
            } catch (RuntimeException e) {
                throw new IOException(e);
            }
        };
    }
}
