package cn.zhengyin.licence.publicpage.internal;

import cn.zhengyin.licence.pages.Views;
import cn.zhengyin.licence.verification.LicenceVerificationReport;
import cn.zhengyin.licence.verification.LicenceVerifier;
import cn.zhengyin.licence.verification.UploadLimit;
import cn.zhengyin.trust.validation.SignatureReport;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The public verification page {@code /verify}: upload a licence PDF or XML (an HTML form posting
 * {@code multipart/form-data} to the same address) and read the verdict — passed, failed or indeterminate — why, who
 * sealed it and when, the licence's status now, and every check for experts. The same {@link LicenceVerifier} as
 * {@code POST /api/v1/verifications}.
 */
@Controller
class VerificationPageController {
    private final LicenceVerifier verifier;
    private final long maxBytes;

    VerificationPageController(LicenceVerifier verifier, UploadLimit uploadLimit) {
        this.verifier = verifier;
        this.maxBytes = uploadLimit.maxBytes();
    }

    @GetMapping("/verify")
    String form() {
        return "verify";
    }

    @PostMapping("/verify")
    String verify(
            @RequestParam(value = "file", required = false) MultipartFile file,
            Model model,
            HttpServletResponse response)
            throws IOException {
        if (file == null || file.isEmpty()) {
            return problem(model, response, "verify.error.empty");
        }
        if (file.getSize() > maxBytes) {
            return problem(model, response, "verify.error.too-large");
        }
        byte[] content = file.getBytes();
        LicenceVerificationReport report;
        if (isPdf(content)) {
            report = verifier.verifyPdf(content);
        } else if (isXml(content)) {
            report = verifier.verifyXml(content);
        } else {
            return problem(model, response, "verify.error.not-a-licence");
        }
        Optional<SignatureReport> first =
                report.document().signatures().stream().findFirst();
        model.addAttribute("report", report);
        model.addAttribute(
                "fileName", Optional.ofNullable(file.getOriginalFilename()).orElse(""));
        model.addAttribute("indication", report.indication().name());
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
        return "verify";
    }

    private static String problem(Model model, HttpServletResponse response, String messageKey) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
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
