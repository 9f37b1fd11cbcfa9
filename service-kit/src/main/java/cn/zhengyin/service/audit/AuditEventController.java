package cn.zhengyin.service.audit;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/audit-events}: the newest audit events of this service, newest first, optionally of one action
 * and/or subject. Each service's security chain admits it only with scope {@code audit:read}.
 */
@RestController
public class AuditEventController {
    public static final String PATH = "/api/v1/audit-events";
    public static final String SCOPE = "audit:read";
    private final AuditLog audit;

    public AuditEventController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping(PATH)
    public List<AuditEvent> events(
            @RequestParam(defaultValue = "") String action,
            @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "100") int limit) {
        return audit.recent(action.strip(), subject.strip(), Math.max(1, Math.min(limit, 1000)));
    }
}
