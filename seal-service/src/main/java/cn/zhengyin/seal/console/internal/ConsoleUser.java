package cn.zhengyin.seal.console.internal;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The person signed in to the console.
 *
 * @param actor       who they are in seal events and to the four-eyes rule (dev: the sample person's id; OIDC: the
 *                    configured actor claim)
 * @param displayName   shown in the header
 * @param organisations the 统一社会信用代码 of the organisations whose seals they manage: they see those seals and their
 *                      own applications, nothing else, unless they hold the role {@link ConsoleRole#PROVINCE}
 */
public record ConsoleUser(String actor, String displayName, Set<ConsoleRole> roles, Set<String> organisations)
        implements AuthenticatedPrincipal, Serializable {
    public ConsoleUser {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        organisations = organisations == null ? Set.of() : Set.copyOf(organisations);
    }

    /** A person of no organisation: sees only their own applications (or everything with the role PROVINCE). */
    public ConsoleUser(String actor, String displayName, Set<ConsoleRole> roles) {
        this(actor, displayName, roles, Set.of());
    }

    /** Whether they may see (and so act on) {@code seal}: province-wide, their organisation's, or their application. */
    public boolean sees(cn.zhengyin.seal.lifecycle.Seal seal) {
        return has(ConsoleRole.PROVINCE)
                || organisations.contains(seal.organisation().uscc())
                || seal.applicant().equals(actor);
    }

    public boolean isProvinceWide() {
        return has(ConsoleRole.PROVINCE);
    }

    @Override
    public String getName() {
        return actor;
    }

    public boolean has(ConsoleRole role) {
        return roles.contains(role);
    }

    /** For the templates: {@code user.applicant}. */
    public boolean isApplicant() {
        return has(ConsoleRole.APPLICANT);
    }

    public boolean isApprover() {
        return has(ConsoleRole.APPROVER);
    }

    public boolean isAdministrator() {
        return has(ConsoleRole.ADMINISTRATOR);
    }

    /** The console user behind an authentication of the console chain (dev sign-in or OpenID Connect). */
    public static ConsoleUser of(Authentication authentication) {
        Set<ConsoleRole> roles = EnumSet.noneOf(ConsoleRole.class);
        authentication
                .getAuthorities()
                .forEach(a -> ConsoleRole.ofAuthority(a.getAuthority()).ifPresent(roles::add));
        return switch (authentication.getPrincipal()) {
            case ConsoleUser user -> user;
            case OidcUser oidc ->
                new ConsoleUser(
                        authentication.getName(),
                        oidc.getFullName() != null ? oidc.getFullName() : authentication.getName(),
                        roles,
                        oidc instanceof ConsoleOidcUsers.Named named ? named.organisations() : Set.of());
            case null, default -> new ConsoleUser(authentication.getName(), authentication.getName(), roles);
        };
    }
}
