package cn.zhengyin.licence.lifecycle;

import cn.zhengyin.licence.issuance.IssuanceException;
import cn.zhengyin.licence.issuance.IssuanceProblems;
import cn.zhengyin.licence.issuance.LicenceSealer;
import cn.zhengyin.licence.issuance.VersionProducer;
import cn.zhengyin.licence.registry.LicenceView;
import java.net.URI;
import java.time.Clock;
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
 */
@RestController
@RequestMapping("/api/v1/licences/{identifier}")
class LicenceChangeController {
    private final LicenceChanges changes;
    private final Clock clock;

    LicenceChangeController(LicenceChanges changes, Clock clock) {
        this.changes = changes;
        this.clock = clock;
    }

    /** @param fields only the fields that change; {@code null} clears an optional field */
    record VersionRequest(String caseNumber, String reason, Map<String, Object> fields) {
    }

    record StatusRequest(String caseNumber, String reason) {
    }

    @PostMapping("/amendments")
    ResponseEntity<LicenceView> amend(@AuthenticationPrincipal Jwt caller, @PathVariable String identifier,
                                      @RequestBody VersionRequest body, @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return newVersion(caller, identifier, LicenceChanges.VersionChange.AMEND, body, key);
    }

    @PostMapping("/renewals")
    ResponseEntity<LicenceView> renew(@AuthenticationPrincipal Jwt caller, @PathVariable String identifier,
                                      @RequestBody VersionRequest body, @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return newVersion(caller, identifier, LicenceChanges.VersionChange.RENEW, body, key);
    }

    @PostMapping("/corrections")
    ResponseEntity<LicenceView> correct(@AuthenticationPrincipal Jwt caller, @PathVariable String identifier,
                                        @RequestBody VersionRequest body, @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return newVersion(caller, identifier, LicenceChanges.VersionChange.CORRECT, body, key);
    }

    @PostMapping("/suspension")
    ResponseEntity<LicenceView> suspend(@AuthenticationPrincipal Jwt caller, @PathVariable String identifier,
                                        @RequestBody StatusRequest body, @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return status(caller, identifier, LicenceChanges.StatusAction.SUSPEND, body, key);
    }

    @PostMapping("/reinstatement")
    ResponseEntity<LicenceView> reinstate(@AuthenticationPrincipal Jwt caller, @PathVariable String identifier,
                                          @RequestBody(required = false) StatusRequest body, @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return status(caller, identifier, LicenceChanges.StatusAction.REINSTATE, body, key);
    }

    @PostMapping("/revocation")
    ResponseEntity<LicenceView> revoke(@AuthenticationPrincipal Jwt caller, @PathVariable String identifier,
                                       @RequestBody StatusRequest body, @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return status(caller, identifier, LicenceChanges.StatusAction.REVOKE, body, key);
    }

    @PostMapping("/cancellation")
    ResponseEntity<LicenceView> cancel(@AuthenticationPrincipal Jwt caller, @PathVariable String identifier,
                                       @RequestBody StatusRequest body, @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return status(caller, identifier, LicenceChanges.StatusAction.CANCEL, body, key);
    }

    private ResponseEntity<LicenceView> newVersion(Jwt caller, String identifier, LicenceChanges.VersionChange change,
                                                   VersionRequest body, String key) {
        LicenceChanges.Changed changed = guarded(() -> changes.newVersion(caller.getSubject(), identifier, change,
                body == null ? Map.of() : body.fields(), body == null ? null : body.caseNumber(),
                body == null ? null : body.reason(), Optional.ofNullable(key)));
        return ResponseEntity.status(changed.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .location(URI.create("/api/v1/licences/" + changed.version().identifier()))
                .header("Idempotent-Replayed", String.valueOf(changed.replayed()))
                .body(LicenceView.of(changed.licence(), changed.version(), VersionProducer.CHINA));
    }

    private ResponseEntity<LicenceView> status(Jwt caller, String identifier, LicenceChanges.StatusAction action,
                                               StatusRequest body, String key) {
        LicenceChanges.Changed changed = guarded(() -> changes.changeStatus(caller.getSubject(), identifier, action,
                body == null ? null : body.reason(), body == null ? null : body.caseNumber(), Optional.ofNullable(key)));
        return ResponseEntity.ok().header("Idempotent-Replayed", String.valueOf(changed.replayed()))
                .body(LicenceView.of(changed.licence(), changed.version(), VersionProducer.CHINA));
    }

    private LicenceChanges.Changed guarded(Supplier<LicenceChanges.Changed> change) {
        try {
            return change.get();
        } catch (IssuanceException | VersionProducer.VersionTaken | LicenceSealer.SealingFailedException e) {
            throw IssuanceProblems.of(e, clock);
        }
    }
}
