package cn.zhengyin.service.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Where security events go. Recording never fails the caller's operation. */
public interface AuditLog {

    void record(AuditEvent event);

    /** The newest events first, optionally only those of one action or subject (empty string: any). */
    List<AuditEvent> recent(String action, String subject, int limit);

    /** The application's clock, which stamps the events recorded with {@link #record(String, AuditEvent.Outcome,
     * String, String, Map)}. */
    Clock clock();

    default void record(
            String action, AuditEvent.Outcome outcome, String actor, String subject, Map<String, String> details) {
        record(new AuditEvent(Instant.now(clock()), action, outcome, actor, subject, details));
    }
}
