package cn.zhengyin.service.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records every 403 the application itself answers (a rule refusal behind the scope check: another authority's
 * licence, a seal not authorised for the client, an applicant approving their own seal...) as an {@code access}
 * event with outcome DENIED. Runs inside the security filter chain (after authentication), so it knows the caller;
 * 403s of the scope check itself are recorded by the access-denied handler and never reach this filter.
 */
public final class ForbiddenResponseAuditFilter extends OncePerRequestFilter {
    private final AuditLog audit;

    public ForbiddenResponseAuditFilter(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            if (response.getStatus() == HttpServletResponse.SC_FORBIDDEN) {
                Map<String, String> details = AuditRequests.describe(request);
                details.put("reason", "refused by a rule of the service");
                audit.record(
                        "access",
                        AuditEvent.Outcome.DENIED,
                        AuditRequests.currentActor().orElse(""),
                        request.getRequestURI(),
                        details);
            }
        }
    }
}
