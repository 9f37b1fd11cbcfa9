package cn.zhengyin.licence.holder;

import cn.zhengyin.licence.holder.internal.HolderProperties;
import cn.zhengyin.service.problem.ProblemException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * The holder signed in to this request: from the dev sign-in, or from the claims of the identity provider's ID token.
 */
@Component
public class CurrentHolder {
    private final HolderProperties properties;

    public CurrentHolder(HolderProperties properties) {
        this.properties = properties;
    }

    /** The signed-in holder, if the request's authentication is a holder sign-in. */
    public Optional<Holder> find(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        Object principal = authentication.getPrincipal();
        if (principal instanceof Holder holder) {
            return Optional.of(holder);
        }
        if (principal instanceof OidcUser user && properties.oidc().enabled()) {
            return fromClaims(user);
        }
        return Optional.empty();
    }

    /** The signed-in holder of the current request, or 401 problem. */
    public Holder require() {
        return find(SecurityContextHolder.getContext().getAuthentication())
                .orElseThrow(
                        () -> new ProblemException(
                                HttpStatus.UNAUTHORIZED,
                                "not-signed-in",
                                "Not signed in as a holder",
                                "Sign in to the wallet (/sign-in) first; holder pages and the holder API need a holder sign-in."));
    }

    private Optional<Holder> fromClaims(OidcUser user) {
        HolderProperties.Oidc oidc = properties.oidc();
        String personalCode = user.getClaimAsString(oidc.personalCodeClaim());
        if (personalCode == null || personalCode.isBlank()) {
            return Optional.empty();
        }
        Object represented = user.getClaims().get(oidc.representedCodesClaim());
        List<String> codes = represented instanceof Collection<?> c
                ? c.stream().map(String::valueOf).toList()
                : represented instanceof String s && !s.isBlank() ? List.of(s.split(",")) : List.of();
        String name =
                Optional.ofNullable(user.getClaimAsString(oidc.nameClaim())).orElse(personalCode);
        return Optional.of(new Holder(user.getSubject(), name, personalCode, codes));
    }
}
