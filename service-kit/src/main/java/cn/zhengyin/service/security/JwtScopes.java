package cn.zhengyin.service.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.resource.OAuth2ResourceServerConfigurer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/**
 * JWT bearer-token authentication for the services' resource servers.
 *
 * <pre>{@code
 * @Bean SecurityFilterChain api(HttpSecurity http, ProblemAuthenticationEntryPoint entryPoint,
 *                              ProblemAccessDeniedHandler denied) throws Exception {
 *     return http
 *         .authorizeHttpRequests(a -> a
 *             .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
 *             .requestMatchers(HttpMethod.POST, "/api/seals/**").hasAuthority("SCOPE_seal:write")
 *             .anyRequest().authenticated())
 *         .oauth2ResourceServer(JwtScopes.resourceServer(entryPoint, denied))
 *         .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
 *         .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
 *         .csrf(c -> c.disable())
 *         .build();
 * }
 * }</pre>
 */
public final class JwtScopes {

    /** Authority prefix for scopes: scope {@code seal:write} becomes authority {@code SCOPE_seal:write}. */
    public static final String PREFIX = "SCOPE_";

    private JwtScopes() {}

    /**
     * The {@code SCOPE_x} authorities of a JWT: the union of its {@code scope} and {@code scp} claims, each either a
     * space-separated string (RFC 8693 / RFC 9068) or an array of strings.
     */
    public static Collection<GrantedAuthority> authorities(Jwt jwt) {
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        for (String claim : List.of("scope", "scp")) {
            Object value = jwt.getClaims().get(claim);
            if (value instanceof String text) {
                for (String scope : text.trim().split("\\s+")) {
                    add(authorities, scope);
                }
            } else if (value instanceof Collection<?> values) {
                values.forEach(v -> add(authorities, String.valueOf(v)));
            }
        }
        return List.copyOf(authorities);
    }

    private static void add(Set<GrantedAuthority> authorities, String scope) {
        if (!scope.isBlank()) {
            authorities.add(new SimpleGrantedAuthority(PREFIX + scope));
        }
    }

    /** A converter from a validated JWT to an authentication carrying {@link #authorities(Jwt)}; principal = sub. */
    public static Converter<Jwt, AbstractAuthenticationToken> authenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(JwtScopes::authorities);
        return converter;
    }

    /**
     * Configures {@code http.oauth2ResourceServer(..)}: JWT tokens (decoder from Boot's
     * {@code spring.security.oauth2.resourceserver.jwt.*} properties or a {@code JwtDecoder} bean) converted with
     * {@link #authenticationConverter()}, and problem+json 401/403 answers.
     */
    public static Customizer<OAuth2ResourceServerConfigurer<HttpSecurity>> resourceServer(
            ProblemAuthenticationEntryPoint entryPoint, ProblemAccessDeniedHandler accessDeniedHandler) {
        return resourceServer -> resourceServer
                .jwt(jwt -> jwt.jwtAuthenticationConverter(authenticationConverter()))
                .authenticationEntryPoint(entryPoint)
                .accessDeniedHandler(accessDeniedHandler);
    }
}
