package cn.zhengyin.licence.lifecycle.internal;

import cn.zhengyin.licence.issuance.IssuanceException;
import cn.zhengyin.licence.issuance.IssuanceProblems;
import cn.zhengyin.licence.issuance.VersionProducer;
import cn.zhengyin.licence.lifecycle.LicenceChanges;
import cn.zhengyin.licence.monitoring.LicenceMetrics;
import cn.zhengyin.licence.registry.LicenceView;
import cn.zhengyin.licence.sealing.LicenceSealer;
import cn.zhengyin.service.audit.AuditEvent;
import cn.zhengyin.service.audit.AuditLog;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Changes to an issued licence by the approval system of its issuing authority. New versions need scope
 * {@code licence:issue}; status changes need {@code licence:status}. Every endpoint accepts an {@code Idempotency-Key}.
 * Every change (not a replay) is an audit event {@code licence.<amend|renew|correct|suspend|reinstate|revoke|cancel>}
 * with outcome SUCCESS, and every refusal one with DENIED (another authority's licence) or FAILURE.
 */
@RestController
@RequestMapping("/api/v1/licences/{identifier}")
class LicenceChangeController {
    private final LicenceChanges changes;
    private final Clock clock;
    private final AuditLog audit;
    private final LicenceMetrics metrics;

    LicenceChangeController(LicenceChanges changes, Clock clock, AuditLog audit, LicenceMetrics metrics) {
        this.changes = changes;
        this.clock = clock;
        this.audit = audit;
        this.metrics = metrics;
    }

    /** @param fields only the fields that change; {@code null} clears an optional field */
    record VersionRequest(String caseNumber, String reason, Map<String, Object> fields) {}

    record StatusRequest(String caseNumber, String reason) {}

    @PostMapping("/amendments")
    ResponseEntity<LicenceView> amend(
            @AuthenticationPrincipal Jwt caller,
            @PathVariable String identifier,
            @RequestBody VersionRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return newVersion(caller, identifier, LicenceChanges.VersionChange.AMEND, body, key);
    }

    @PostMapping("/renewals")
    ResponseEntity<LicenceView> renew(
            @AuthenticationPrincipal Jwt caller,
            @PathVariable String identifier,
            @RequestBody VersionRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return newVersion(caller, identifier, LicenceChanges.VersionChange.RENEW, body, key);
    }

    @PostMapping("/corrections")
    ResponseEntity<LicenceView> correct(
            @AuthenticationPrincipal Jwt caller,
            @PathVariable String identifier,
            @RequestBody VersionRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return newVersion(caller, identifier, LicenceChanges.VersionChange.CORRECT, body, key);
    }

    @PostMapping("/suspension")
    ResponseEntity<LicenceView> suspend(
            @AuthenticationPrincipal Jwt caller,
            @PathVariable String identifier,
            @RequestBody StatusRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return status(caller, identifier, LicenceChanges.StatusAction.SUSPEND, body, key);
    }

    @PostMapping("/reinstatement")
    ResponseEntity<LicenceView> reinstate(
            @AuthenticationPrincipal Jwt caller,
            @PathVariable String identifier,
            @RequestBody(required = false) StatusRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return status(caller, identifier, LicenceChanges.StatusAction.REINSTATE, body, key);
    }

    @PostMapping("/revocation")
    ResponseEntity<LicenceView> revoke(
            @AuthenticationPrincipal Jwt caller,
            @PathVariable String identifier,
            @RequestBody StatusRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return status(caller, identifier, LicenceChanges.StatusAction.REVOKE, body, key);
    }

    @PostMapping("/cancellation")
    ResponseEntity<LicenceView> cancel(
            @AuthenticationPrincipal Jwt caller,
            @PathVariable String identifier,
            @RequestBody StatusRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return status(caller, identifier, LicenceChanges.StatusAction.CANCEL, body, key);
    }

    private ResponseEntity<LicenceView> newVersion(
            Jwt caller, String identifier, LicenceChanges.VersionChange change, VersionRequest body, String key) {
        String caseNumber = body == null ? null : body.caseNumber();
        String reason = body == null ? null : body.reason();
        LicenceChanges.Changed changed = guarded(
                change.name(),
                caller,
                identifier,
                caseNumber,
                reason,
                () -> changes.newVersion(
                        caller.getSubject(),
                        identifier,
                        change,
                        body == null ? Map.of() : body.fields(),
                        caseNumber,
                        reason,
                        Optional.ofNullable(key)));
        return ResponseEntity.status(changed.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .location(URI.create("/api/v1/licences/" + changed.version().identifier()))
                .header("Idempotent-Replayed", String.valueOf(changed.replayed()))
                .body(LicenceView.of(
                        changed.licence(), changed.version(), LocalDate.now(clock.withZone(VersionProducer.CHINA))));
    }

    private ResponseEntity<LicenceView> status(
            Jwt caller, String identifier, LicenceChanges.StatusAction action, StatusRequest body, String key) {
        String caseNumber = body == null ? null : body.caseNumber();
        String reason = body == null ? null : body.reason();
        LicenceChanges.Changed changed = guarded(
                action.name(),
                caller,
                identifier,
                caseNumber,
                reason,
                () -> changes.changeStatus(
                        caller.getSubject(), identifier, action, reason, caseNumber, Optional.ofNullable(key)));
        return ResponseEntity.ok()
                .header("Idempotent-Replayed", String.valueOf(changed.replayed()))
                .body(LicenceView.of(
                        changed.licence(), changed.version(), LocalDate.now(clock.withZone(VersionProducer.CHINA))));
    }

    private LicenceChanges.Changed guarded(
            String name,
            Jwt caller,
            String identifier,
            String caseNumber,
            String reason,
            Supplier<LicenceChanges.Changed> change) {
        Timer.Sample sample = metrics.start();
        String outcome = LicenceMetrics.ERROR;
        try {
            LicenceChanges.Changed changed = audited(name, caller, identifier, caseNumber, reason, change);
            outcome = changed.replayed() ? "replayed" : "changed";
            return changed;
        } catch (RuntimeException e) {
            outcome = LicenceMetrics.outcomeOf(e);
            throw e;
        } finally {
            metrics.change(sample, name, caller.getSubject(), typeCodeOf(identifier), outcome);
        }
    }

    /**
     * The type code in a licence identifier or identifier root ({@code 1.2.156.3005.2.<type>.<issuer>.<serial>…}), or
     * "" when it has none (the metrics label is then "unknown": only known type codes become labels).
     */
    static String typeCodeOf(String identifier) {
        String prefix = "1.2.156.3005.2.";
        if (identifier == null || !identifier.startsWith(prefix)) {
            return "";
        }
        int end = identifier.indexOf('.', prefix.length());
        return end < 0 ? identifier.substring(prefix.length()) : identifier.substring(prefix.length(), end);
    }

    private LicenceChanges.Changed audited(
            String name,
            Jwt caller,
            String identifier,
            String caseNumber,
            String reason,
            Supplier<LicenceChanges.Changed> change) {
        String action = "licence." + name.toLowerCase(Locale.ROOT);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("caseNumber", caseNumber == null ? "" : caseNumber);
        details.put("reason", reason == null ? "" : reason);
        try {
            LicenceChanges.Changed changed = change.get();
            if (!changed.replayed()) {
                details.put("version", changed.version().identifier());
                details.put("status", String.valueOf(changed.licence().status()));
                audit.record(
                        action,
                        AuditEvent.Outcome.SUCCESS,
                        caller.getSubject(),
                        changed.licence().root(),
                        details);
            }
            return changed;
        } catch (IssuanceException | VersionProducer.VersionTaken | LicenceSealer.SealingFailedException e) {
            details.put("refusal", e.getClass().getSimpleName() + ": " + e.getMessage());
            audit.record(
                    action,
                    e instanceof IssuanceException.NotPermitted
                            ? AuditEvent.Outcome.DENIED
                            : AuditEvent.Outcome.FAILURE,
                    caller.getSubject(),
                    identifier,
                    details);
            throw IssuanceProblems.of(e, clock);
        }
    }
}
