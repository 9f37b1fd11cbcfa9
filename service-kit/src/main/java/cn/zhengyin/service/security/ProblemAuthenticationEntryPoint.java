package cn.zhengyin.service.security;

import cn.zhengyin.service.audit.AuditEvent;
import cn.zhengyin.service.audit.AuditLog;
import cn.zhengyin.service.audit.AuditRequests;
import cn.zhengyin.service.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.AuthenticationEntryPoint;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers an unauthenticated request with 401, {@code WWW-Authenticate: Bearer} (RFC 6750, with {@code error} when a
 * token was presented and rejected) and a problem+json body of type {@code .../problems/unauthorized}. A presented
 * token that was rejected (invalid, expired, forged, malformed) is recorded in the audit log, when there is one, as
 * {@code authentication} FAILURE; the token itself never is.
 */
public final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final JsonMapper mapper;
    private final Optional<AuditLog> audit;

    public ProblemAuthenticationEntryPoint(JsonMapper mapper, Optional<AuditLog> audit) {
        this.mapper = mapper;
        this.audit = audit;
    }

    public ProblemAuthenticationEntryPoint(JsonMapper mapper) {
        this(mapper, Optional.empty());
    }

    public ProblemAuthenticationEntryPoint() {
        this(JsonMapper.builder().build());
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        String challenge = "Bearer";
        String detail = "This request needs a valid bearer token (OAuth 2.0 access token) in the Authorization header.";
        if (exception instanceof OAuth2AuthenticationException oauth2) {
            OAuth2Error error = oauth2.getError();
            challenge += " error=\"" + quoted(error.getErrorCode()) + "\"";
            if (error.getDescription() != null) {
                challenge += ", error_description=\"" + quoted(error.getDescription()) + "\"";
                detail = "The bearer token was rejected: " + error.getDescription();
            }
            record(request, error);
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        ProblemDetail problem = Problems.problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        ProblemResponses.write(response, problem, mapper);
    }

    private void record(HttpServletRequest request, OAuth2Error error) {
        audit.ifPresent(log -> {
            Map<String, String> details = AuditRequests.describe(request);
            details.put("error", error.getErrorCode());
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            String description = error.getDescription() == null ? "" : error.getDescription();
            if (header != null && header.length() > 7) {
                description = description.replace(header.substring(7).strip(), "[token]");
            }
            details.put("reason", description);
            log.record("authentication", AuditEvent.Outcome.FAILURE, "", request.getRequestURI(), details);
        });
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "'");
    }
}
