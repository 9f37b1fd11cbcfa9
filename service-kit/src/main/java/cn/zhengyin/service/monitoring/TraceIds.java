package cn.zhengyin.service.monitoring;

import java.util.Optional;
import org.slf4j.MDC;

/**
 * The trace id of the work the current thread does, as Micrometer Tracing puts it into the logging context (MDC key
 * {@value #MDC_KEY}) while a span is in scope: the same id the log lines print, the problem+json answers carry and the
 * seal service's usage records keep. A request that arrived with a W3C {@code traceparent} header has the caller's
 * trace id.
 */
public final class TraceIds {
    /** The MDC key Micrometer Tracing writes the current trace id to. */
    public static final String MDC_KEY = "traceId";

    private TraceIds() {}

    /** The current trace id (32 lower-case hex digits), or empty outside a traced request. */
    public static Optional<String> current() {
        String id = MDC.get(MDC_KEY);
        if (id == null || id.isBlank() || id.chars().allMatch(c -> c == '0')) {
            return Optional.empty();
        }
        return Optional.of(id);
    }
}
