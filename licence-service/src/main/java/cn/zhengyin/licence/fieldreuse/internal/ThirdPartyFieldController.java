package cn.zhengyin.licence.fieldreuse.internal;

import cn.zhengyin.licence.fieldreuse.AnnotatedCopy;
import cn.zhengyin.licence.fieldreuse.FieldRelease;
import cn.zhengyin.licence.fieldreuse.FieldReuse;
import cn.zhengyin.licence.fieldreuse.FieldReuse.Basis;
import cn.zhengyin.licence.fieldreuse.FieldReuseException;
import cn.zhengyin.licence.monitoring.LicenceMetrics;
import cn.zhengyin.service.problem.ProblemException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a third party (bearer token) does: read covered fields, redeem a use code, obtain a 加注件. A read names its
 * basis: a consent (optionally {@code consent=<id>}; scope {@code licence:fields}) or a duty ({@code serviceItem},
 * {@code caseNumber}, {@code purpose}; scope {@code licence:duty}).
 */
@RestController
class ThirdPartyFieldController {
    private final FieldReuse fieldReuse;
    private final LicenceMetrics metrics;

    ThirdPartyFieldController(FieldReuse fieldReuse, LicenceMetrics metrics) {
        this.metrics = metrics;
        this.fieldReuse = fieldReuse;
    }

    /** The answer to a read: the released claims and the same claims as a JWS signed by the service. */
    record ReleaseView(Map<String, Object> release, String jws) {
        static ReleaseView of(FieldRelease r) {
            return new ReleaseView(r.claims(), r.jws());
        }
    }

    @GetMapping("/api/v1/licences/{identifier}/fields")
    ReleaseView fields(
            @AuthenticationPrincipal Jwt caller,
            @PathVariable String identifier,
            @RequestParam(value = "fields", required = false) String fields,
            @RequestParam(value = "consent", required = false) String consent,
            @RequestParam(value = "serviceItem", required = false) String serviceItem,
            @RequestParam(value = "caseNumber", required = false) String caseNumber,
            @RequestParam(value = "purpose", required = false) String purpose) {
        Basis basis = basis(consent, serviceItem, caseNumber, purpose);
        return counted(
                basisOf(basis),
                "fields",
                () -> ReleaseView.of(fieldReuse.read(
                        caller.getSubject(), identifier, new FieldReuse.ReadRequest(basis, split(fields)))));
    }

    /** @param caseNumber optional 办件编号 recorded with the use */
    record RedemptionBody(String code, String caseNumber) {}

    @PostMapping("/api/v1/use-codes/redemption")
    ReleaseView redeem(@AuthenticationPrincipal Jwt caller, @RequestBody RedemptionBody body) {
        if (body.code() == null || body.code().isBlank()) {
            throw ProblemException.validationFailed("code is required: the use code the holder gave you", List.of());
        }
        return counted(
                "use-code",
                "fields",
                () -> ReleaseView.of(fieldReuse.redeem(
                        caller.getSubject(),
                        body.code(),
                        Optional.ofNullable(body.caseNumber()).filter(s -> !s.isBlank()))));
    }

    /**
     * @param consentId   with consent: the consent (optional); the copy's purpose is the consent's
     * @param serviceItem by duty: 事项编码, with {@code caseNumber} and {@code purpose}
     * @param expiresAt   wanted end of the copy's validity (optional; at most the basis's end and the maximum)
     */
    record CopyBody(String consentId, String serviceItem, String caseNumber, String purpose, Instant expiresAt) {}

    @PostMapping(value = "/api/v1/licences/{identifier}/annotated-copies", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> annotatedCopy(
            @AuthenticationPrincipal Jwt caller,
            @PathVariable String identifier,
            @RequestBody(required = false) CopyBody body) {
        CopyBody b = body == null ? new CopyBody(null, null, null, null, null) : body;
        Basis basis = basis(b.consentId(), b.serviceItem(), b.caseNumber(), b.purpose());
        AnnotatedCopy copy = counted(
                basisOf(basis),
                "annotated-copy",
                () -> fieldReuse.annotatedCopy(
                        caller.getSubject(),
                        identifier,
                        new FieldReuse.CopyRequest(basis, Optional.ofNullable(b.expiresAt()))));
        return ResponseEntity.status(HttpStatus.CREATED)
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        "Content-Disposition",
                        ContentDisposition.attachment()
                                .filename(copy.identifier() + "-copy.pdf")
                                .build()
                                .toString())
                .header("Zhengyin-Copy-Expires", copy.expiresAt().toString())
                .header("Zhengyin-Copy-Basis", copy.basis())
                .body(copy.pdf());
    }

    /** Counts a release (or its refusal) into {@code zhengyin.field.releases} by basis (docs/operations.md). */
    private <T> T counted(String basis, String kind, Supplier<T> release) {
        String outcome = LicenceMetrics.ERROR;
        try {
            T released = release.get();
            outcome = "released";
            return released;
        } catch (FieldReuseException e) {
            outcome = e.slug();
            throw e;
        } catch (RuntimeException e) {
            outcome = LicenceMetrics.outcomeOf(e);
            throw e;
        } finally {
            metrics.fieldRelease(basis, kind, outcome);
        }
    }

    private static String basisOf(Basis basis) {
        return basis instanceof Basis.OnDuty ? "duty" : "consent";
    }

    /** Duty if any duty parameter is given (needs scope licence:duty), else consent (needs licence:fields). */
    private static Basis basis(String consent, String serviceItem, String caseNumber, String purpose) {
        boolean duty = serviceItem != null || caseNumber != null;
        String needed = duty ? FieldReuseConfiguration.DUTY : FieldReuseConfiguration.FIELDS;
        boolean has = SecurityContextHolder.getContext().getAuthentication().getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals(needed));
        if (!has) {
            throw new ProblemException(
                    HttpStatus.FORBIDDEN,
                    duty ? "duty-scope-missing" : "fields-scope-missing",
                    "Forbidden",
                    (duty
                                    ? "a read by duty (serviceItem, caseNumber) needs scope licence:duty"
                                    : "a read with the holder's consent needs scope licence:fields")
                            + "; the token does not have it");
        }
        return duty
                ? new Basis.OnDuty(serviceItem, caseNumber, purpose)
                : new Basis.Consented(Optional.ofNullable(consent).filter(s -> !s.isBlank()));
    }

    private static List<String> split(String fields) {
        return fields == null || fields.isBlank()
                ? List.of()
                : Arrays.stream(fields.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }
}
