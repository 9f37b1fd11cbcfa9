package cn.zhengyin.licence.publicpage.internal;

import cn.zhengyin.licence.monitoring.LicenceMetrics;
import cn.zhengyin.licence.pages.Views;
import cn.zhengyin.licence.verification.LicenceVerificationReport;
import cn.zhengyin.licence.verification.LicenceVerifier;
import cn.zhengyin.licence.verification.UploadLimit;
import cn.zhengyin.licence.verification.VerificationConcluded;
import cn.zhengyin.trust.validation.Conclusion;
import cn.zhengyin.trust.validation.NotInForce;
import cn.zhengyin.trust.validation.SignatureReport;
import cn.zhengyin.trust.validation.ValidationPolicy;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The public verification page {@code /verify}: upload a licence PDF, OFD or XML (an HTML form posting
 * {@code multipart/form-data} to the same address) and read the verdict — passed, failed or indeterminate — why, who
 * sealed it and when, the licence's status now, and every check for experts. The same {@link LicenceVerifier} as
 * {@code POST /api/v1/verifications}.
 */
@Controller
class VerificationPageController {
    private final LicenceVerifier verifier;
    private final long maxBytes;
    private final LicenceMetrics metrics;
    private final ApplicationEventPublisher events;
    private final LicenceStatusPage statusPage;
    private final CheckNames checkNames;
    private final cn.zhengyin.licence.authority.ApprovalSystems approvalSystems;

    VerificationPageController(
            LicenceVerifier verifier,
            UploadLimit uploadLimit,
            LicenceMetrics metrics,
            ApplicationEventPublisher events,
            LicenceStatusPage statusPage,
            MessageSource messages,
            cn.zhengyin.licence.authority.ApprovalSystems approvalSystems) {
        this.approvalSystems = approvalSystems;
        this.verifier = verifier;
        this.statusPage = statusPage;
        this.checkNames = new CheckNames(messages);
        this.events = events;
        this.maxBytes = uploadLimit.maxBytes();
        this.metrics = metrics;
    }

    @GetMapping("/verify")
    String form() {
        return "verify";
    }

    @PostMapping("/verify")
    String verify(
            @RequestParam(value = "file", required = false) List<MultipartFile> files,
            @RequestParam(value = "policy", required = false) String policyName,
            Model model,
            HttpServletResponse response,
            Locale locale)
            throws IOException {
        if (files != null && files.size() > 1) {
            return problem(model, response, "verify.error.several-files");
        }
        MultipartFile file = files == null || files.isEmpty() ? null : files.getFirst();
        if (file == null || (file.isEmpty() && isBlank(file.getOriginalFilename()))) {
            return problem(model, response, "pv.verify.error.no-file");
        }
        if (file.isEmpty()) {
            // a file was chosen, but it has no bytes: say so, naming it (not "choose a file")
            model.addAttribute("errorArg", file.getOriginalFilename());
            return problem(model, response, "pv.verify.error.empty-file");
        }
        if (file.getSize() > maxBytes) {
            return problem(model, response, HttpStatus.CONTENT_TOO_LARGE, "verify.error.too-large");
        }
        ValidationPolicy policy;
        try {
            policy = policyName == null || policyName.isBlank()
                    ? ValidationPolicy.LICENCE
                    : ValidationPolicy.named(policyName);
        } catch (IllegalArgumentException e) {
            return problem(model, response, "verify.error.policy");
        }
        byte[] content = file.getBytes();
        boolean ofd = !isPdf(content)
                && content.length >= 4
                && content[0] == 'P'
                && content[1] == 'K'
                && content[2] == 3
                && content[3] == 4; // an OFD: a ZIP package with OFD.xml
        if (!isPdf(content) && !ofd && !isXml(content)) {
            return problem(model, response, "verify.error.not-a-licence");
        }
        LicenceVerificationReport report;
        Timer.Sample sample = metrics.start();
        String conclusion = "ERROR";
        try {
            report = isPdf(content)
                    ? verifier.verifyPdf(content, policy)
                    : ofd ? verifier.verifyOfd(content, policy) : verifier.verifyXml(content, policy);
            conclusion = report.conclusion().name();
        } finally {
            metrics.verification(
                    sample,
                    isPdf(content) ? "pdf" : ofd ? "ofd" : "xml",
                    policy.name().id(),
                    conclusion,
                    "page");
        }
        events.publishEvent(VerificationConcluded.of(report));
        Optional<SignatureReport> first =
                report.document().signatures().stream().findFirst();
        model.addAttribute("report", report);
        model.addAttribute(
                "fileName", Optional.ofNullable(file.getOriginalFilename()).orElse(""));
        model.addAttribute("indication", report.indication().name());
        model.addAttribute("conclusion", report.conclusion().name());
        model.addAttribute("tone", tone(report.conclusion(), report.notInForce()));
        model.addAttribute(
                "notInForce", report.notInForce().map(n -> n.status().name()).orElse(""));
        model.addAttribute(
                "notInForceKey",
                report.notInForce()
                        .map(n -> "verify.not-in-force." + n.status().name())
                        .orElse(""));
        model.addAttribute(
                "notInForceSince",
                report.notInForce().flatMap(NotInForce::since).map(Views::time).orElse("—"));
        model.addAttribute(
                "notInForceWhy", report.notInForce().flatMap(NotInForce::why).orElse("—"));
        model.addAttribute(
                "notInForceBy",
                report.notInForce()
                        .flatMap(NotInForce::by)
                        .map(by -> approvalSystems
                                .find(by)
                                .map(cn.zhengyin.licence.authority.IssuingAuthority::name)
                                .orElse(by))
                        .orElse("—"));
        model.addAttribute(
                "currentVersion",
                report.notInForce().flatMap(NotInForce::currentVersion).orElse(""));
        model.addAttribute(
                "signer",
                first.flatMap(SignatureReport::signerSubject)
                        .map(Views::sealName)
                        .orElse(""));
        model.addAttribute(
                "sealedAt",
                first.flatMap(s -> s.timestampTime().or(s::signingTime))
                        .map(Views::time)
                        .orElse(""));
        model.addAttribute(
                "timestamped", first.flatMap(SignatureReport::timestampTime).isPresent());
        model.addAttribute(
                "licenceStatus",
                report.registry().licenceStatus().map(Views::status).orElse(""));
        model.addAttribute("headlineKey", headlineKey(report.conclusion(), report.notInForce()));
        model.addAttribute(
                "sinceDay",
                report.notInForce()
                        .flatMap(NotInForce::since)
                        .map(at -> at.atZone(Views.CHINA).toLocalDate().toString())
                        .orElse(""));
        // what to compare with the paper: the registry's record of the licence this file is a version of
        model.addAttribute(
                "standing",
                report.registry()
                        .identifier()
                        .map(statusPage::lookUp)
                        .filter(LicenceStatusPage.PublicStatus::found)
                        .orElse(null));
        List<CheckNames.Row> checks = new ArrayList<>();
        report.document().documentChecks().forEach(c -> checks.add(checkNames.row(c, locale)));
        report.document().signatures().forEach(s -> s.checks().forEach(c -> checks.add(checkNames.row(c, locale))));
        model.addAttribute("checks", checks);
        model.addAttribute("counts", CheckNames.Counts.of(checks));
        return "verify";
    }

    /**
     * The colour of the verdict box: green only for VALID; red for FAILED and for a revoked or cancelled licence;
     * amber for INDETERMINATE and for a suspended, expired or superseded one.
     */
    static String tone(Conclusion conclusion, Optional<NotInForce> notInForce) {
        return switch (conclusion) {
            case VALID -> "passed";
            case FAILED -> "failed";
            case INDETERMINATE -> "indeterminate";
            case NOT_IN_FORCE ->
                notInForce
                                .map(n -> n.status() == NotInForce.Status.REVOKED
                                        || n.status() == NotInForce.Status.CANCELLED)
                                .orElse(true)
                        ? "failed"
                        : "indeterminate";
        };
    }

    /** The headline in plain words: the message key {@code pv.verify.headline.<conclusion>[.<why not in force>]}. */
    static String headlineKey(Conclusion conclusion, Optional<NotInForce> notInForce) {
        String key = "pv.verify.headline." + conclusion.name();
        return conclusion == Conclusion.NOT_IN_FORCE
                ? key + "." + notInForce.map(n -> n.status().name()).orElse("REVOKED")
                : key;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static String problem(Model model, HttpServletResponse response, String messageKey) {
        return problem(model, response, HttpStatus.BAD_REQUEST, messageKey);
    }

    private static String problem(Model model, HttpServletResponse response, HttpStatus status, String messageKey) {
        response.setStatus(status.value());
        model.addAttribute("error", messageKey);
        return "verify";
    }

    private static boolean isPdf(byte[] content) {
        String head = new String(
                content, 0, Math.min(content.length, 1024 + 5), java.nio.charset.StandardCharsets.ISO_8859_1);
        return head.contains("%PDF-");
    }

    private static boolean isXml(byte[] content) {
        int i = content.length >= 3 && (content[0] & 0xFF) == 0xEF ? 3 : 0;
        while (i < content.length && i < 1024 && Character.isWhitespace(content[i])) {
            i++;
        }
        return i < content.length && content[i] == '<';
    }
}
