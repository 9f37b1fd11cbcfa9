package cn.zhengyin.seal.console.internal;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the seal console ({@code zhengyin.console.*}; docs/seal-console.md).
 *
 * @param devSignIn the development sign-in page (sample people, no password): off unless enabled
 * @param oidc         how OpenID Connect ID tokens map to the console's actor and roles
 * @param displayNames people's and applications' names by the id recorded in seal events (actor, applicant, grantee,
 *                     caller): the pages show 王申, not {@code seal-applicant-demo}
 */
@ConfigurationProperties("zhengyin.console")
public record ConsoleProperties(DevSignIn devSignIn, Oidc oidc, Map<String, String> displayNames) {
    @org.springframework.boot.context.properties.bind.ConstructorBinding
    public ConsoleProperties {
        devSignIn = devSignIn == null ? new DevSignIn(false, List.of()) : devSignIn;
        oidc = oidc == null ? new Oidc(null, null, null, null) : oidc;
        displayNames = displayNames == null ? Map.of() : Map.copyOf(displayNames);
    }

    public ConsoleProperties(DevSignIn devSignIn, Oidc oidc) {
        this(devSignIn, oidc, Map.of());
    }

    /** The name to show for an id of seal events: the configured display name, a sample person's name, or the id. */
    public String displayName(String id) {
        if (id == null || id.isEmpty()) {
            return "";
        }
        String name = displayNames.get(id);
        if (name != null) {
            return name;
        }
        return devSignIn.people().stream()
                .filter(p -> p.id().equals(id))
                .map(DevPerson::name)
                .findFirst()
                .orElse(id);
    }

    /**
     * @param enabled true only in development: anyone can sign in as any of {@code people}
     * @param people  the sample people offered
     */
    public record DevSignIn(boolean enabled, List<DevPerson> people) {
        public DevSignIn {
            people = people == null ? List.of() : List.copyOf(people);
        }
    }

    /**
     * A sample person of the development sign-in.
     *
     * @param id    the actor recorded in seal events (the dev OAuth2 client of the same role uses the same id)
     * @param name  display name
     * @param roles what they may do
     * @param organisations the 统一社会信用代码 of the organisations whose seals they manage
     */
    public record DevPerson(String id, String name, Set<ConsoleRole> roles, Set<String> organisations) {
        public DevPerson(String id, String name, Set<ConsoleRole> roles) {
            this(id, name, roles, Set.of());
        }

        @org.springframework.boot.context.properties.bind.ConstructorBinding
        public DevPerson {
            organisations = organisations == null ? Set.of() : Set.copyOf(organisations);
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("zhengyin.console.dev-sign-in.people[].id is required");
            }
            name = name == null || name.isBlank() ? id : name;
            roles = roles == null ? Set.of() : Set.copyOf(roles);
        }
    }

    /**
     * @param actorClaim the ID token claim that identifies the person in seal events (default {@code sub}); the
     *                   four-eyes rule compares it between applicant and approver, so it must be stable and unique
     * @param nameClaim  the claim shown as the person's name (default {@code name})
     * @param rolesClaim the claim (a list of strings, or one space-separated string) holding the person's roles
     *                   (default {@code roles})
     * @param roleValues which value of {@code rolesClaim} grants which role (default: the API scope names
     *                   {@code seal:apply}, {@code seal:approve}, {@code seal:admin}, {@code seal:all-organisations})
     * @param organisationsClaim the claim (a list, or one space-separated string) with the 统一社会信用代码 of the
     *                   organisations whose seals the person manages (default {@code organisations})
     */
    public record Oidc(
            String actorClaim,
            String nameClaim,
            String rolesClaim,
            Map<ConsoleRole, String> roleValues,
            String organisationsClaim) {
        public Oidc(String actorClaim, String nameClaim, String rolesClaim, Map<ConsoleRole, String> roleValues) {
            this(actorClaim, nameClaim, rolesClaim, roleValues, null);
        }

        @org.springframework.boot.context.properties.bind.ConstructorBinding
        public Oidc {
            organisationsClaim =
                    organisationsClaim == null || organisationsClaim.isBlank() ? "organisations" : organisationsClaim;
            actorClaim = actorClaim == null || actorClaim.isBlank() ? "sub" : actorClaim;
            nameClaim = nameClaim == null || nameClaim.isBlank() ? "name" : nameClaim;
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
            Map<ConsoleRole, String> values = new EnumMap<>(ConsoleRole.class);
            for (ConsoleRole role : ConsoleRole.values()) {
                values.put(role, role.scope());
            }
            if (roleValues != null) {
                values.putAll(roleValues);
            }
            roleValues = Map.copyOf(values);
        }
    }
}
