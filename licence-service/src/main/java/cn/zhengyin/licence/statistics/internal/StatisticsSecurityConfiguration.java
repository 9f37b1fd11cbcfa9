package cn.zhengyin.licence.statistics.internal;

import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * The statistics page's own session-based chain for {@code /statistics/**}, ahead of the bearer-token API: sign-in
 * (OpenID Connect when configured, the DEVELOPMENT page when {@code zhengyin.statistics.dev-sign-in=true}), a session
 * whose security context is kept under its own attribute (a wallet sign-in in the same browser is not a statistics
 * sign-in, nor the reverse), CSRF tokens on every form, sign-out by POST, and a content security policy without
 * scripts: the charts are SVG drawn on the server.
 */
@Configuration(proxyBeanMethods = false)
class StatisticsSecurityConfiguration {
    static final String SIGN_IN = "/statistics/sign-in";
    static final String CONTEXT_ATTRIBUTE = "ZY_STATISTICS_SECURITY_CONTEXT";
    private static final Logger LOG = LoggerFactory.getLogger(StatisticsSecurityConfiguration.class);

    static HttpSessionSecurityContextRepository contexts() {
        var repository = new HttpSessionSecurityContextRepository();
        repository.setSpringSecurityContextKey(CONTEXT_ATTRIBUTE);
        return repository;
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 20)
    SecurityFilterChain statisticsPages(
            HttpSecurity http,
            StatisticsProperties properties,
            @Qualifier("pageAccessDenied") AccessDeniedHandler denied) {
        http.securityMatcher("/statistics", "/statistics/**")
                .securityContext(c -> c.securityContextRepository(contexts()))
                .authorizeHttpRequests(auth -> auth.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, SIGN_IN)
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, SIGN_IN)
                        .permitAll()
                        .anyRequest()
                        .hasAuthority(StatisticsOidcUsers.ROLE))
                .exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(SIGN_IN))
                        .accessDeniedHandler(denied))
                .logout(l -> l.logoutUrl("/statistics/sign-out").logoutSuccessUrl(SIGN_IN + "?signed-out"))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; "
                                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")));
        if (properties.oidc().enabled()) {
            http.oauth2Login(o -> o.loginPage(SIGN_IN)
                    .authorizationEndpoint(a -> a.baseUri("/statistics/oauth2/authorization"))
                    .redirectionEndpoint(r -> r.baseUri("/statistics/login/oauth2/code/*"))
                    .userInfoEndpoint(u -> u.oidcUserService(new StatisticsOidcUsers(properties.oidc())))
                    .defaultSuccessUrl("/statistics", true));
        }
        if (properties.devSignIn()) {
            LOG.warn(
                    "The statistics page's DEVELOPMENT sign-in is enabled (zhengyin.statistics.dev-sign-in=true): "
                            + "anyone reaching {} can act as {}. Disable it in production.",
                    SIGN_IN,
                    properties.devPeople().stream()
                            .map(StatisticsProperties.DevPerson::id)
                            .toList());
        }
        return http.build();
    }
}
