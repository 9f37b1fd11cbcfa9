package cn.zhengyin.seal.console.internal;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Turns a person signed in through OpenID Connect into a console user: the actor is the configured claim (default
 * {@code sub}), roles come from the configured roles claim (ID token, then user info), mapped by
 * {@link ConsoleProperties.Oidc#roleValues()}. A person without any console role can sign in but sees only the list.
 */
final class ConsoleOidcUsers implements OAuth2UserService<OidcUserRequest, OidcUser> {
    private final OidcUserService delegate = new OidcUserService();
    private final ConsoleProperties.Oidc config;

    ConsoleOidcUsers(ConsoleProperties.Oidc config) {
        this.config = config;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser user = delegate.loadUser(request);
        Set<GrantedAuthority> authorities = new HashSet<>();
        Set<String> values = claimValues(user.getClaims().get(config.rolesClaim()));
        config.roleValues().forEach((role, value) -> {
            if (values.contains(value)) {
                authorities.add(role.authority());
            }
        });
        String actorClaim = user.getClaims().containsKey(config.actorClaim()) ? config.actorClaim() : "sub";
        String name = user.getClaimAsString(config.nameClaim());
        return new Named(
                authorities,
                user,
                actorClaim,
                name,
                claimValues(user.getClaims().get(config.organisationsClaim())));
    }

    static Set<String> claimValues(Object claim) {
        Set<String> values = new HashSet<>();
        switch (claim) {
            case Collection<?> list -> list.forEach(v -> values.add(String.valueOf(v)));
            case String s -> values.addAll(List.of(s.strip().split("\\s+")));
            case null, default -> {}
        }
        return values;
    }

    /** An OIDC user whose name attribute is the actor claim and whose full name is the configured name claim. */
    static final class Named extends DefaultOidcUser {
        private final String fullName;
        private final Set<String> organisations;

        Named(
                Collection<? extends GrantedAuthority> authorities,
                OidcUser user,
                String actorClaim,
                String fullName,
                Set<String> organisations) {
            super(authorities, user.getIdToken(), user.getUserInfo(), actorClaim);
            this.fullName = fullName;
            this.organisations = Set.copyOf(organisations);
        }

        /** The 统一社会信用代码 of the organisations whose seals the person manages (the organisations claim). */
        Set<String> organisations() {
            return organisations;
        }

        @Override
        public String getFullName() {
            return fullName;
        }
    }
}
