package cn.zhengyin.licence.audit;

import cn.zhengyin.service.audit.AuditEvent;
import cn.zhengyin.service.audit.AuditLog;
import cn.zhengyin.service.audit.AuditRequests;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ErrorAuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * Handlers of the dev authorisation server's {@code /oauth2/token} that answer as Spring Authorization Server's
 * defaults (except that every failed client authentication gets the same answer) and record {@code oauth2.client-authentication} FAILURE (wrong or unknown client credentials),
 * {@code oauth2.token} FAILURE (an authenticated client's refused request, e.g. a scope it may not have) and
 * {@code oauth2.token} SUCCESS (client and scopes). The actor of a failed client authentication is the client id the
 * request claimed (Basic user name or {@code client_id}); secrets and tokens are never recorded.
 */
public final class TokenEndpointAudit {
    private final AuditLog audit;
    private final OAuth2ErrorHttpMessageConverter errors = new OAuth2ErrorHttpMessageConverter();

    public TokenEndpointAudit(AuditLog audit) {
        this.audit = audit;
    }

    /** What every failed client authentication is answered: the same for an unknown client id and a wrong secret. */
    static final OAuth2Error INVALID_CLIENT = new OAuth2Error(
            OAuth2ErrorCodes.INVALID_CLIENT,
            "Client authentication failed",
            "https://datatracker.ietf.org/doc/html/rfc6749#section-3.2.1");

    /**
     * For {@code clientAuthentication(c -> c.errorResponseHandler(..))}: 401 invalid_client (else 400), recorded with
     * the reason (unknown client id, wrong secret...), answered without it: an unknown client id and a wrong secret get
     * the same answer (issue #14).
     */
    public AuthenticationFailureHandler clientAuthenticationFailure() {
        return (request, response, exception) -> {
            SecurityContextHolder.clearContext();
            OAuth2Error error = error(exception);
            record(
                    request,
                    "oauth2.client-authentication",
                    claimedClient(request).orElse(""),
                    error);
            var http = new ServletServerHttpResponse(response);
            boolean invalidClient = OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode());
            http.setStatusCode(invalidClient ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST);
            errors.write(invalidClient ? INVALID_CLIENT : error, null, http);
        };
    }

    /** For {@code tokenEndpoint(t -> t.errorResponseHandler(..))}. */
    public AuthenticationFailureHandler tokenRefused() {
        OAuth2ErrorAuthenticationFailureHandler delegate = new OAuth2ErrorAuthenticationFailureHandler();
        return (request, response, exception) -> {
            record(
                    request,
                    "oauth2.token",
                    AuditRequests.currentActor()
                            .or(() -> claimedClient(request))
                            .orElse(""),
                    error(exception));
            delegate.onAuthenticationFailure(request, response, exception);
        };
    }

    /** For {@code tokenEndpoint(t -> t.accessTokenResponseHandler(..))}. */
    public AuthenticationSuccessHandler tokenIssued() {
        OAuth2AccessTokenResponseAuthenticationSuccessHandler delegate =
                new OAuth2AccessTokenResponseAuthenticationSuccessHandler();
        return (request, response, authentication) -> {
            if (authentication instanceof OAuth2AccessTokenAuthenticationToken issued) {
                Map<String, String> details = AuditRequests.describe(request);
                details.put("grant", String.valueOf(request.getParameter("grant_type")));
                details.put(
                        "scopes",
                        String.join(
                                " ",
                                issued.getAccessToken().getScopes().stream()
                                        .sorted()
                                        .toList()));
                details.put("expiresAt", String.valueOf(issued.getAccessToken().getExpiresAt()));
                audit.record(
                        "oauth2.token",
                        AuditEvent.Outcome.SUCCESS,
                        issued.getRegisteredClient().getClientId(),
                        "",
                        details);
            }
            delegate.onAuthenticationSuccess(request, response, authentication);
        };
    }

    private void record(HttpServletRequest request, String action, String actor, OAuth2Error error) {
        Map<String, String> details = AuditRequests.describe(request);
        details.put("error", error.getErrorCode());
        details.put("reason", error.getDescription() == null ? "" : error.getDescription());
        audit.record(action, AuditEvent.Outcome.FAILURE, actor, "", details);
    }

    private static OAuth2Error error(AuthenticationException exception) {
        return exception instanceof OAuth2AuthenticationException oauth2
                ? oauth2.getError()
                : new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT);
    }

    /** The client id a request claims: the user name of its Basic credentials, or its {@code client_id} parameter. */
    static Optional<String> claimedClient(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(
                        Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    return Optional.of(URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException e) {
                return Optional.of("(malformed Basic credentials)");
            }
            return Optional.of("(malformed Basic credentials)");
        }
        return Optional.ofNullable(request.getParameter("client_id")).filter(s -> !s.isBlank());
    }
}
