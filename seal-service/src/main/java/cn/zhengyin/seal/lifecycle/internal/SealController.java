package cn.zhengyin.seal.lifecycle.internal;

import cn.zhengyin.seal.image.SealImageRenderer;
import cn.zhengyin.seal.lifecycle.LibrarySealImageMaker;
import cn.zhengyin.seal.lifecycle.Organisation;
import cn.zhengyin.seal.lifecycle.Seal;
import cn.zhengyin.seal.lifecycle.SealApplication;
import cn.zhengyin.seal.lifecycle.SealCertificate;
import cn.zhengyin.seal.lifecycle.SealEvent;
import cn.zhengyin.seal.lifecycle.SealImageMaker;
import cn.zhengyin.seal.lifecycle.SealLifecycleService;
import cn.zhengyin.seal.lifecycle.SealState;
import cn.zhengyin.seal.lifecycle.SealTypes;
import cn.zhengyin.seal.lifecycle.SealValidationException;
import cn.zhengyin.seal.lifecycle.ValidityPeriod;
import cn.zhengyin.service.problem.ProblemException;
import cn.zhengyin.trust.pki.PkiException;
import cn.zhengyin.trust.pki.RevocationReason;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The seal lifecycle over HTTP. The actor of every change is the bearer token's subject; scopes: {@code seal:apply}
 * (apply), {@code seal:approve} (approve, reject), {@code seal:admin} (make, issue, suspend, reinstate, revoke,
 * destroy), {@code seal:read} (reads). Authorisations and usage records have their own controllers in their features.
 */
@RestController
@RequestMapping("/api/v1")
class SealController {
    private final SealLifecycleService seals;
    private final SealImageMaker images;
    private final SealImageRenderer renderer;
    private final Clock clock;
    private final Map<String, byte[]> renderedImages = new ConcurrentHashMap<>();

    SealController(SealLifecycleService seals, SealImageMaker images, SealImageRenderer renderer, Clock clock) {
        this.seals = seals;
        this.images = images;
        this.renderer = renderer;
        this.clock = clock;
    }

    /**
     * @param type      01 单位专用章, 02 财务专用章, 03 发票专用章, 04 合同专用章, 05 法定代表人名章, 99 其他
     * @param kindName  required for type 99, e.g. 业务专用章 or 电子证照专用章
     * @param validFrom default now
     */
    record ApplyRequest(
            String organisationName,
            String organisationUscc,
            String type,
            String kindName,
            String name,
            Instant validFrom,
            Instant validUntil,
            String reason) {}

    record TransitionRequest(String reason) {}

    /** @param revocationReason RFC 5280 CRLReason name, e.g. keyCompromise, cessationOfOperation, superseded */
    record RevokeRequest(String reason, String revocationReason) {}

    record CertificateView(
            String algorithm,
            String issuerCa,
            String serial,
            String subject,
            Instant notBefore,
            Instant notAfter,
            String keyId,
            List<String> chain) {}

    record RevocationView(Instant at, String reason) {}

    record SealView(
            String id,
            String organisationName,
            String organisationUscc,
            String type,
            String typeName,
            String kindName,
            String name,
            Instant validFrom,
            Instant validUntil,
            String state,
            String storedState,
            String applicant,
            long revision,
            List<CertificateView> certificates,
            String imageId,
            boolean sesealPending,
            boolean sesealAvailable,
            RevocationView revocation) {}

    @PostMapping("/seals")
    @ResponseStatus(HttpStatus.CREATED)
    SealView apply(@AuthenticationPrincipal Jwt actor, @RequestBody ApplyRequest request) {
        if (request.type() == null || request.validUntil() == null) {
            throw ProblemException.validationFailed(
                    "type and validUntil are required",
                    List.of(new ProblemException.FieldError(
                            request.type() == null ? "type" : "validUntil", "is required")));
        }
        SealApplication application = new SealApplication(
                new Organisation(request.organisationName(), request.organisationUscc()),
                SealTypes.ofCode(request.type()),
                request.kindName(),
                request.name(),
                new ValidityPeriod(
                        Optional.ofNullable(request.validFrom()).orElse(clock.instant()), request.validUntil()));
        return view(seals.apply(application, actor.getSubject(), request.reason()));
    }

    @GetMapping("/seals")
    List<SealView> list(
            @RequestParam Optional<String> organisation,
            @RequestParam Optional<String> type,
            @RequestParam Optional<String> state) {
        Optional<SealState> wanted;
        try {
            wanted = state.map(s -> SealState.valueOf(s.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw ProblemException.validationFailed(
                    "unknown state '" + state.orElse("") + "'",
                    List.of(new ProblemException.FieldError("state", "one of " + List.of(SealState.values()))));
        }
        return seals.search(organisation, type.map(SealTypes::ofCode), wanted).stream()
                .map(this::view)
                .toList();
    }

    @GetMapping("/seals/{id}")
    SealView get(@PathVariable String id) {
        return view(seals.find(id));
    }

    @GetMapping("/seals/{id}/events")
    List<SealEvent> events(@PathVariable String id) {
        return seals.find(id).events();
    }

    @PostMapping("/seals/{id}/approve")
    SealView approve(
            @AuthenticationPrincipal Jwt actor,
            @PathVariable String id,
            @RequestBody(required = false) TransitionRequest body) {
        return view(seals.approve(id, actor.getSubject(), reason(body)));
    }

    @PostMapping("/seals/{id}/reject")
    SealView reject(
            @AuthenticationPrincipal Jwt actor,
            @PathVariable String id,
            @RequestBody(required = false) TransitionRequest body) {
        return view(seals.reject(id, actor.getSubject(), reason(body)));
    }

    /** @param imageId an image of the seal image library ({@code sha256:…}) */
    record ImageRequest(String imageId, String reason) {}

    @PostMapping("/seals/{id}/image")
    SealView attachImage(@AuthenticationPrincipal Jwt actor, @PathVariable String id, @RequestBody ImageRequest body) {
        if (body == null || body.imageId() == null || body.imageId().isBlank()) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "validation-failed",
                    "Validation failed",
                    "imageId is required",
                    java.util.List.of(new ProblemException.FieldError("imageId", "is required")));
        }
        return view(seals.attachImage(id, body.imageId(), actor.getSubject(), body.reason()));
    }

    @PostMapping("/seals/{id}/make")
    SealView make(
            @AuthenticationPrincipal Jwt actor,
            @PathVariable String id,
            @RequestBody(required = false) TransitionRequest body) {
        try {
            return view(seals.make(id, actor.getSubject(), reason(body)));
        } catch (PkiException e) {
            throw new ProblemException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "seal-certificate-refused",
                    "Seal certificate refused",
                    e.getMessage());
        }
    }

    @PostMapping("/seals/{id}/issue")
    SealView issue(
            @AuthenticationPrincipal Jwt actor,
            @PathVariable String id,
            @RequestBody(required = false) TransitionRequest body) {
        return view(seals.issue(id, actor.getSubject(), reason(body)));
    }

    @PostMapping("/seals/{id}/suspend")
    SealView suspend(
            @AuthenticationPrincipal Jwt actor,
            @PathVariable String id,
            @RequestBody(required = false) TransitionRequest body) {
        return view(seals.suspend(id, actor.getSubject(), reason(body)));
    }

    @PostMapping("/seals/{id}/reinstate")
    SealView reinstate(
            @AuthenticationPrincipal Jwt actor,
            @PathVariable String id,
            @RequestBody(required = false) TransitionRequest body) {
        return view(seals.reinstate(id, actor.getSubject(), reason(body)));
    }

    @PostMapping("/seals/{id}/revoke")
    SealView revoke(@AuthenticationPrincipal Jwt actor, @PathVariable String id, @RequestBody RevokeRequest body) {
        RevocationReason crlReason;
        try {
            crlReason = RevocationReason.parse(
                    Optional.ofNullable(body.revocationReason()).orElse("unspecified"));
        } catch (PkiException e) {
            throw new SealValidationException("revocationReason", e.getMessage());
        }
        return view(seals.revoke(id, crlReason, actor.getSubject(), body.reason()));
    }

    @PostMapping("/seals/{id}/destroy")
    SealView destroy(
            @AuthenticationPrincipal Jwt actor,
            @PathVariable String id,
            @RequestBody(required = false) TransitionRequest body) {
        return view(seals.destroy(id, actor.getSubject(), reason(body)));
    }

    /** The GB/T 38540 SESeal, DER; 404 while it is pending. */
    @GetMapping(value = "/seals/{id}/seseal", produces = "application/octet-stream")
    ResponseEntity<byte[]> seseal(@PathVariable String id) {
        Seal seal = seals.find(id);
        byte[] der = seal.seseal()
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.NOT_FOUND,
                        "seseal-pending",
                        "SESeal not available",
                        "seal " + id + " has no GB/T 38540 SESeal yet"
                                + (seal.sesealPending() ? " (pending: the SES structure maker is not wired in)" : "")));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + id + ".seseal.der\"")
                .body(der);
    }

    @GetMapping("/seals/{id}/certificates")
    List<CertificateView> certificates(@PathVariable String id) {
        return seals.find(id).certificates().stream()
                .map(SealController::certificate)
                .toList();
    }

    @GetMapping(value = "/seals/{id}/image.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> image(@PathVariable String id, @RequestParam(defaultValue = "300") int dpi) {
        Seal seal = seals.find(id);
        if (dpi < 72 || dpi > 1200) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "invalid-parameter",
                    "Invalid parameter",
                    "dpi " + dpi + " is outside 72..1200");
        }
        byte[] png = seal.imageId()
                .flatMap(images::png)
                .orElseGet(() -> renderedImages.computeIfAbsent(
                        id + "@" + dpi, k -> renderer.renderPng(LibrarySealImageMaker.design(seal), dpi)));
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                .contentType(MediaType.IMAGE_PNG)
                .body(png);
    }

    private static String reason(TransitionRequest body) {
        return body == null ? "" : Optional.ofNullable(body.reason()).orElse("");
    }

    private SealView view(Seal s) {
        return new SealView(
                s.id(),
                s.organisation().name(),
                s.organisation().uscc(),
                s.type().code(),
                s.type().label(),
                s.kindName(),
                s.name(),
                s.validity().notBefore(),
                s.validity().notAfter(),
                s.stateAt(clock.instant()).name(),
                s.state().name(),
                s.applicant(),
                s.revision(),
                s.certificates().stream().map(SealController::certificate).toList(),
                s.imageId().orElse(null),
                s.sesealPending(),
                s.seseal().isPresent(),
                s.revocation()
                        .map(r -> new RevocationView(r.at(), r.reason().rfcName()))
                        .orElse(null));
    }

    private static CertificateView certificate(SealCertificate c) {
        var x = c.certificate();
        return new CertificateView(
                c.algorithm().name(),
                c.issuerCa(),
                c.serialHex(),
                x.getSubjectX500Principal().getName(),
                x.getNotBefore().toInstant(),
                x.getNotAfter().toInstant(),
                c.keyId(),
                c.chain().stream()
                        .map(cert -> {
                            try {
                                return Base64.getEncoder().encodeToString(cert.getEncoded());
                            } catch (java.security.cert.CertificateEncodingException e) {
                                throw new IllegalStateException(e);
                            }
                        })
                        .toList());
    }
}
