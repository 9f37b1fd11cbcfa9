package cn.zhengyin.service.apidocs;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Who may call an operation, read from the service's own security rules rather than written down twice: a request for
 * the operation's method and path (path variables filled with a placeholder) is put to the authorisation rule of the
 * filter chain that would serve it, first as an anonymous caller, then as a caller holding one scope at a time.
 */
final class OperationAccess {
    /** What a rule allows: public, any valid token ({@code scopes} empty), or a token with one of {@code scopes}. */
    record Access(boolean isPublic, List<String> scopes) {}

    /** The dispatcher servlet's default mapping ("/"), as the services have it. */
    private static final jakarta.servlet.http.HttpServletMapping MAPPING =
            new jakarta.servlet.http.HttpServletMapping() {
                @Override
                public String getMatchValue() {
                    return "";
                }

                @Override
                public String getPattern() {
                    return "/";
                }

                @Override
                public String getServletName() {
                    return "dispatcherServlet";
                }

                @Override
                public jakarta.servlet.http.MappingMatch getMappingMatch() {
                    return jakarta.servlet.http.MappingMatch.DEFAULT;
                }
            };

    private final List<SecurityFilterChain> chains;
    private final List<String> scopes;

    OperationAccess(List<SecurityFilterChain> chains, List<String> scopes) {
        this.chains = chains;
        this.scopes = scopes;
    }

    /** Empty when no chain or rule could be consulted: the operation then gets no security statement. */
    Optional<Access> of(String method, String pathTemplate) {
        try {
            return consult(method, pathTemplate);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<Access> consult(String method, String pathTemplate) {
        String path = pathTemplate.replaceAll("\\{[^/}]+}", "x").replace("/**", "/x");
        HttpServletRequest request = request(method, path);
        for (SecurityFilterChain chain : chains) {
            if (!chain.matches(request)) {
                continue;
            }
            Optional<AuthorizationManager<HttpServletRequest>> rule = chain.getFilters().stream()
                    .filter(AuthorizationFilter.class::isInstance)
                    .map(f -> ((AuthorizationFilter) f).getAuthorizationManager())
                    .findFirst();
            if (rule.isEmpty()) {
                return Optional.empty();
            }
            if (granted(
                    rule.get(),
                    request,
                    () -> new AnonymousAuthenticationToken(
                            "api-docs", "anonymous", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")))) {
                return Optional.of(new Access(true, List.of()));
            }
            if (granted(rule.get(), request, () -> caller(List.of()))) {
                return Optional.of(new Access(false, List.of()));
            }
            List<String> allowed = new ArrayList<>();
            for (String scope : scopes) {
                if (granted(rule.get(), request, () -> caller(List.of("SCOPE_" + scope)))) {
                    allowed.add(scope);
                }
            }
            return Optional.of(new Access(false, allowed));
        }
        return Optional.empty();
    }

    private static Authentication caller(List<String> authorities) {
        return UsernamePasswordAuthenticationToken.authenticated(
                "api-docs-caller", null, AuthorityUtils.createAuthorityList(authorities));
    }

    private static boolean granted(
            AuthorizationManager<HttpServletRequest> rule, HttpServletRequest request, Supplier<Authentication> who) {
        try {
            var result = rule.authorize(who, request);
            return result != null && result.isGranted();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A minimal request: method, path, attributes; nothing else is consulted by path and method rules. */
    private static HttpServletRequest request(String method, String path) {
        Map<String, Object> attributes = new HashMap<>();
        return (HttpServletRequest) Proxy.newProxyInstance(
                OperationAccess.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class}, (p, m, args) -> {
                    return switch (m.getName()) {
                        case "getMethod" -> method;
                        case "getRequestURI", "getServletPath" -> path;
                        case "getRequestURL" -> new StringBuffer("http://localhost" + path);
                        case "getContextPath" -> "";
                        case "getPathInfo", "getQueryString", "getHeader", "getParameter", "getContentType" -> null;
                        case "getDispatcherType" -> DispatcherType.REQUEST;
                        case "getHttpServletMapping" -> MAPPING;
                        case "getAttribute" -> attributes.get((String) args[0]);
                        case "setAttribute" -> {
                            attributes.put((String) args[0], args[1]);
                            yield null;
                        }
                        case "removeAttribute" -> {
                            attributes.remove((String) args[0]);
                            yield null;
                        }
                        case "getAttributeNames" -> Collections.enumeration(attributes.keySet());
                        case "getHeaders", "getHeaderNames", "getParameterNames" -> Collections.emptyEnumeration();
                        case "getParameterMap" -> Map.of();
                        case "getScheme" -> "http";
                        case "getServerName", "getRemoteAddr", "getLocalName" -> "localhost";
                        case "getServerPort", "getLocalPort" -> 80;
                        case "isSecure" -> false;
                        case "getSession" -> null;
                        case "hashCode" -> System.identityHashCode(p);
                        case "equals" -> p == args[0];
                        case "toString" -> method + " " + path;
                        default -> null;
                    };
                });
    }
}
