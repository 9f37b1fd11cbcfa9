package cn.zhengyin.licence.issuance.internal;

import cn.zhengyin.licence.issuance.IssuanceException;
import cn.zhengyin.licence.issuance.IssuanceProblems;
import cn.zhengyin.licence.issuance.IssueLicenceCommand;
import cn.zhengyin.licence.issuance.LicenceIssuer;
import cn.zhengyin.licence.issuance.VersionProducer;
import cn.zhengyin.licence.monitoring.LicenceMetrics;
import cn.zhengyin.licence.registry.LicenceView;
import cn.zhengyin.licence.sealing.LicenceSealer;
import cn.zhengyin.service.audit.AuditEvent;
import cn.zhengyin.service.audit.AuditLog;
import cn.zhengyin.service.problem.ProblemException;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/licences}: an approval system issues a licence (scope {@code licence:issue}). Audit events
 * {@code licence.issue}: SUCCESS for a new licence here; DENIED for a type or authority the client may not issue and
 * FAILURE for every other failed request from the issuer ({@code AuditedFailedIssuances}).
 */
@RestController
@RequestMapping("/api/v1/licences")
class IssuanceController {
    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;
    private static final Logger LOG = LoggerFactory.getLogger(IssuanceController.class);
    private final LicenceIssuer issuer;
    private final Clock clock;
    private final AuditLog audit;
    private final LicenceMetrics metrics;

    IssuanceController(LicenceIssuer issuer, Clock clock, AuditLog audit, LicenceMetrics metrics) {
        this.issuer = issuer;
        this.clock = clock;
        this.audit = audit;
        this.metrics = metrics;
    }

    /**
     * @param licenceType type code (21 characters) or template name, e.g. {@code business-licence}
     * @param caseNumber  approval case number (办件编号)
     * @param fields      field values keyed by the template's field keys
     */
    record IssueRequest(String licenceType, String caseNumber, Map<String, Object> fields) {}

    /** Issues, timed into {@code zhengyin.licence.issuances} by type, authority and outcome (docs/operations.md). */
    @PostMapping
    ResponseEntity<LicenceView> issue(
            @AuthenticationPrincipal Jwt caller,
            @RequestBody IssueRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        Timer.Sample sample = metrics.start();
        String type = request == null ? null : request.licenceType();
        String outcome = LicenceMetrics.ERROR;
        try {
            ResponseEntity<LicenceView> issued = issueLicence(caller, request, idempotencyKey);
            LicenceView view = java.util.Objects.requireNonNull(issued.getBody());
            type = view.licenceType();
            outcome = issued.getStatusCode().value() == 201 ? "issued" : "replayed";
            return issued;
        } catch (RuntimeException e) {
            outcome = LicenceMetrics.outcomeOf(e);
            throw e;
        } finally {
            metrics.issuance(sample, caller.getSubject(), type, outcome);
        }
    }

    private ResponseEntity<LicenceView> issueLicence(Jwt caller, IssueRequest request, String idempotencyKey) {
        if (request == null
                || request.licenceType() == null
                || request.licenceType().isBlank()) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "missing-licence-type",
                    "Missing licence type",
                    "the request must name the licenceType (a type code or template name)");
        }
        if (request.fields() == null) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "missing-fields",
                    "Missing fields",
                    "the request must carry the licence's fields as a JSON object");
        }
        if (idempotencyKey != null
                && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "invalid-idempotency-key",
                    "Invalid Idempotency-Key",
                    "Idempotency-Key must have 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        try {
            LicenceIssuer.IssuedLicence issued = issuer.issue(new IssueLicenceCommand(
                    caller.getSubject(),
                    request.licenceType(),
                    request.caseNumber(),
                    request.fields(),
                    Optional.ofNullable(idempotencyKey)));
            LicenceView view = LicenceView.of(
                    issued.licence(), issued.version(), LocalDate.now(clock.withZone(LicenceIssuer.CHINA)));
            if (!issued.replayed()) {
                LOG.info(
                        "issued licence {} (type {}) for {}",
                        issued.version().identifier(),
                        issued.licence().typeCode(),
                        caller.getSubject());
                audit.record(
                        "licence.issue",
                        AuditEvent.Outcome.SUCCESS,
                        caller.getSubject(),
                        issued.licence().root(),
                        Map.of(
                                "version",
                                issued.version().identifier(),
                                "licenceType",
                                issued.licence().typeCode(),
                                "caseNumber",
                                request.caseNumber() == null ? "" : request.caseNumber()));
            }
            return ResponseEntity.status(issued.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                    .location(java.net.URI.create(
                            "/api/v1/licences/" + issued.version().identifier()))
                    .header("Idempotent-Replayed", String.valueOf(issued.replayed()))
                    .body(view);
        } catch (IssuanceException | VersionProducer.VersionTaken | LicenceSealer.SealingFailedException e) {
            // the issuer has written the failure to the audit log (AuditedFailedIssuances)
            throw IssuanceProblems.of(e, clock);
        }
    }
}
