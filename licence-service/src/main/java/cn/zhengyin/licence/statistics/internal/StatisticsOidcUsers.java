package cn.zhengyin.licence.statistics.internal;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A person signed in through OpenID Connect becomes a {@link StatisticsViewer} when their roles claim holds the
 * province role (sees all) or the authority role together with an authority code claim (sees that authority); anyone
 * else signs in without the statistics role and is refused (403).
 */
final class StatisticsOidcUsers implements OAuth2UserService<OidcUserRequest, OidcUser> {
    static final String ROLE = "ROLE_STATISTICS";
    private final OidcUserService delegate = new OidcUserService();
    private final StatisticsProperties.Oidc config;

    StatisticsOidcUsers(StatisticsProperties.Oidc config) {
        this.config = config;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser user = delegate.loadUser(request);
        Optional<StatisticsViewer> viewer = viewerOf(user.getSubject(), user.getClaims(), config);
        return new ViewerOidcUser(user, viewer.orElse(null));
    }

    /** The viewer these claims make, if the roles claim grants the province or the authority role. */
    static Optional<StatisticsViewer> viewerOf(
            String subject, Map<String, Object> claims, StatisticsProperties.Oidc c) {
        Set<String> roles = new HashSet<>();
        switch (claims.get(c.rolesClaim())) {
            case Collection<?> list -> list.forEach(v -> roles.add(String.valueOf(v)));
            case String s -> roles.addAll(List.of(s.strip().split("\\s+")));
            case null, default -> {}
        }
        String name = Optional.ofNullable(claims.get(c.nameClaim()))
                .map(String::valueOf)
                .orElse(subject);
        if (roles.contains(c.provinceRole())) {
            return Optional.of(new StatisticsViewer(subject, name, ""));
        }
        Object authority = claims.get(c.authorityClaim());
        if (roles.contains(c.authorityRole()) && authority instanceof String code && !code.isBlank()) {
            return Optional.of(new StatisticsViewer(subject, name, code.strip()));
        }
        return Optional.empty();
    }

    /** An OIDC user carrying the statistics viewer it maps to (none: no statistics role). */
    static final class ViewerOidcUser extends DefaultOidcUser {
        private final StatisticsViewer viewer;

        ViewerOidcUser(OidcUser user, StatisticsViewer viewer) {
            super(
                    viewer == null ? List.of() : List.of(new SimpleGrantedAuthority(ROLE)),
                    user.getIdToken(),
                    user.getUserInfo());
            this.viewer = viewer;
        }

        Optional<StatisticsViewer> viewer() {
            return Optional.ofNullable(viewer);
        }
    }
}
