package cn.zhengyin.licence.issuance.internal;

import cn.zhengyin.licence.issuance.FailedIssuances;
import cn.zhengyin.service.audit.AuditEvent;
import cn.zhengyin.service.audit.AuditLog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes each failed issuance to the audit log as {@code licence.issue}: DENIED when the caller may not issue the type,
 * FAILURE otherwise; the subject is the licence root when the request had taken an identifier (so a serial number that
 * was taken but not issued is accounted for), else empty.
 */
final class AuditedFailedIssuances implements FailedIssuances {
    private final AuditLog audit;

    AuditedFailedIssuances(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void record(FailedIssuance failure) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("licenceType", failure.licenceType());
        details.put("caseNumber", failure.caseNumber());
        failure.identifier().ifPresent(id -> details.put("identifier", id));
        details.put("refusal", failure.reason());
        audit.record(
                "licence.issue",
                failure.denied() ? AuditEvent.Outcome.DENIED : AuditEvent.Outcome.FAILURE,
                failure.client(),
                failure.identifier().map(AuditedFailedIssuances::root).orElse(""),
                details);
    }

    /** The licence root of a version identifier (without its version and check character). */
    private static String root(String identifier) {
        return cn.zhengyin.trust.identifier.LicenceIdentifier.parse(identifier).root();
    }
}
