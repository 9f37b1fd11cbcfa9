package cn.zhengyin.service.audit;

import java.util.List;
import java.util.Map;

/** Where security events go. Recording never fails the caller's operation. */
public interface AuditLog {

    void record(AuditEvent event);

    /** The newest events first, optionally only those of one action or subject (empty string: any). */
    List<AuditEvent> recent(String action, String subject, int limit);

    /** Records an event that happens now, by the log's injected clock. */
    void record(String action, AuditEvent.Outcome outcome, String actor, String subject, Map<String, String> details);
}
