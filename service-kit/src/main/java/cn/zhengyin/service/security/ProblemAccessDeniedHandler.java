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
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers an authenticated request that lacks permission with 403,
 * {@code WWW-Authenticate: Bearer error="insufficient_scope"} (RFC 6750 §3.1) and a problem+json body of type
 * {@code .../problems/forbidden}. Recorded in the audit log, when there is one, as {@code access} DENIED with the
 * caller and the scopes it has.
 */
public final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    private final JsonMapper mapper;
    private final Optional<AuditLog> audit;

    public ProblemAccessDeniedHandler(JsonMapper mapper, Optional<AuditLog> audit) {
        this.mapper = mapper;
        this.audit = audit;
    }

    public ProblemAccessDeniedHandler(JsonMapper mapper) {
        this(mapper, Optional.empty());
    }

    public ProblemAccessDeniedHandler() {
        this(JsonMapper.builder().build());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException {
        boolean csrf = exception instanceof org.springframework.security.web.csrf.CsrfException;
        audit.ifPresent(log -> {
            Map<String, String> details = AuditRequests.describe(request);
            details.put(
                    "reason",
                    csrf ? "missing or invalid CSRF token" : "the caller lacks the scope or role this request needs");
            details.put("authorities", AuditRequests.currentAuthorities());
            log.record(
                    "access",
                    AuditEvent.Outcome.DENIED,
                    AuditRequests.currentActor().orElse(""),
                    request.getRequestURI(),
                    details);
        });
        if (csrf) {
            ProblemDetail problem = Problems.problem(
                    HttpStatus.FORBIDDEN,
                    "csrf",
                    "Forbidden",
                    "This session request needs the CSRF token: send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN "
                            + "header (or the _csrf form field).");
            problem.setInstance(URI.create(request.getRequestURI()));
            ProblemResponses.write(response, problem, mapper);
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
        ProblemDetail problem = Problems.problem(
                HttpStatus.FORBIDDEN,
                "forbidden",
                "Forbidden",
                "The access token does not grant the scope this request needs.");
        problem.setInstance(URI.create(request.getRequestURI()));
        ProblemResponses.write(response, problem, mapper);
    }
}
