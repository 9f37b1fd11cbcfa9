package cn.zhengyin.licence.statistics.internal;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may see the statistics page ({@code zhengyin.statistics.*}; docs/statistics.md).
 *
 * @param devSignIn the DEVELOPMENT sign-in (pick a sample administrator, no credential): off unless configured
 * @param devPeople the sample administrators it offers
 * @param oidc      sign-in through the province's identity provider (production)
 */
@ConfigurationProperties("zhengyin.statistics")
public record StatisticsProperties(
        @DefaultValue("false") boolean devSignIn,
        List<DevPerson> devPeople,
        @DefaultValue Oidc oidc) {

    public StatisticsProperties {
        devPeople = devPeople == null ? List.of() : List.copyOf(devPeople);
    }

    /**
     * A sample administrator.
     *
     * @param id        stable id (the actor in the audit log)
     * @param name      display name (a role, not a person's name)
     * @param authority the unified social credit code of the authority whose figures they see; empty for the
     *                  province-wide role that sees every authority's
     */
    public record DevPerson(
            String id, String name, @DefaultValue("") String authority) {
        public DevPerson {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("zhengyin.statistics.dev-people[].id is required");
            }
            name = name == null || name.isBlank() ? id : name;
            authority = authority == null ? "" : authority.strip();
        }

        StatisticsViewer toViewer() {
            return new StatisticsViewer("dev:" + id, name, authority);
        }
    }

    /**
     * OpenID Connect sign-in. The client registration is ordinary Spring Security configuration
     * ({@code spring.security.oauth2.client.registration.<registrationId>}, grant type authorization_code, scope
     * openid); its redirect URI must be {@code {baseUrl}/statistics/login/oauth2/code/{registrationId}}.
     *
     * @param registrationId the client registration; empty disables OIDC sign-in
     * @param nameClaim      claim shown as the person's name
     * @param rolesClaim     claim with the person's roles (a list, or a space-separated string)
     * @param authorityRole  the role value of an authority's statistics administrator
     * @param provinceRole   the role value of the province-wide statistics role (sees every authority)
     * @param authorityClaim claim with the unified social credit code of the administrator's authority
     */
    public record Oidc(
            @DefaultValue("") String registrationId,
            @DefaultValue("name") String nameClaim,
            @DefaultValue("roles") String rolesClaim,
            @DefaultValue("statistics:authority") String authorityRole,
            @DefaultValue("statistics:province") String provinceRole,
            @DefaultValue("authority_code") String authorityClaim) {
        public boolean enabled() {
            return !registrationId.isBlank();
        }
    }
}
