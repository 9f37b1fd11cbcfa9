package cn.zhengyin.service.monitoring;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;

/**
 * Gives a request's error dispatch (an error page for a {@code sendError} or an exception outside Spring MVC) the trace
 * id of the request itself, so that its problem+json and log lines carry the id the caller and the request's other log
 * lines know. Spring's server observation does not take part in error dispatches; until issue #18 turned Spring
 * Security's observations off, the security filter chain's observation happened to open a span there. Runs inside the
 * server observation's scope on the request dispatch (it remembers the id in a request attribute) and puts the id into
 * the logging context for the error dispatch when no span is in scope there.
 */
public final class ErrorDispatchTraceId extends HttpFilter {
    /** The request attribute holding the request dispatch's trace id. */
    public static final String ATTRIBUTE = ErrorDispatchTraceId.class.getName() + ".traceId";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getDispatcherType() == DispatcherType.REQUEST) {
            TraceIds.current().ifPresent(id -> request.setAttribute(ATTRIBUTE, id));
            chain.doFilter(request, response);
            return;
        }
        if (request.getDispatcherType() == DispatcherType.ERROR
                && TraceIds.current().isEmpty()
                && request.getAttribute(ATTRIBUTE) instanceof String id) {
            MDC.put(TraceIds.MDC_KEY, id);
            try {
                chain.doFilter(request, response);
            } finally {
                MDC.remove(TraceIds.MDC_KEY);
            }
            return;
        }
        chain.doFilter(request, response);
    }
}
