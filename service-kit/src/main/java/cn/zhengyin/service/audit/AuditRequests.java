package cn.zhengyin.service.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * What an audit event may say about an HTTP request: method, path (never the query string, which may carry
 * credentials) and the remote address; and who made it (a JWT's subject, i.e. the OAuth2 client id, or the
 * authenticated principal's name).
 */
public final class AuditRequests {

    private AuditRequests() {}

    /** {@code method}, {@code path} and {@code remote} of the request. */
    public static Map<String, String> describe(HttpServletRequest request) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("method", request.getMethod());
        details.put("path", request.getRequestURI());
        details.put("remote", String.valueOf(request.getRemoteAddr()));
        return details;
    }

    /** The caller of the current request, if authenticated: the JWT subject or the principal's name. */
    public static Optional<String> currentActor() {
        return actor(SecurityContextHolder.getContext().getAuthentication());
    }

    public static Optional<String> actor(Authentication authentication) {
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication.getClass().getSimpleName().equals("AnonymousAuthenticationToken")) {
            return Optional.empty();
        }
        if (authentication instanceof JwtAuthenticationToken jwt) {
            return Optional.ofNullable(jwt.getToken().getSubject());
        }
        return Optional.ofNullable(authentication.getName());
    }

    /** The scopes (authorities) the current caller holds, space-separated; empty when none. */
    public static String currentAuthorities() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            return "";
        }
        return String.join(
                " ",
                authentication.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .sorted()
                        .toList());
    }
}
