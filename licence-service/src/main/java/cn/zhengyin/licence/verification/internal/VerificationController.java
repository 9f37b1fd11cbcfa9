package cn.zhengyin.licence.verification.internal;

import cn.zhengyin.licence.monitoring.LicenceMetrics;
import cn.zhengyin.licence.receipt.ReportReceipts;
import cn.zhengyin.licence.verification.HashOnlyVerifier;
import cn.zhengyin.licence.verification.LicenceVerificationReport;
import cn.zhengyin.licence.verification.LicenceVerified;
import cn.zhengyin.licence.verification.LicenceVerifier;
import cn.zhengyin.licence.verification.SignedVerificationReport;
import cn.zhengyin.licence.verification.UploadLimit;
import cn.zhengyin.licence.verification.VerificationConcluded;
import cn.zhengyin.service.problem.ProblemException;
import cn.zhengyin.trust.ses.SesCodec;
import cn.zhengyin.trust.validation.ValidationPolicy;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/v1/verifications}: public verification of a licence file, uploaded as {@code multipart/form-data}
 * (part {@code file}) or as the raw request body ({@code application/pdf}, {@code application/ofd}, XML); the kind
 * is recognised by content (PDF header, a ZIP package with OFD.xml, XML). Answers 200 with a report for every
 * readable upload — a tampered file is a report that says TOTAL_FAILED, not an error; an upload that is not a PDF,
 * empty or too large is a 4xx problem.
 *
 * <p>A GB/T 38540 electronic seal signature is verified with the data it signs: {@code multipart/form-data} with
 * parts {@code signature} (the DER SES_Signature) and {@code data} (the signed original), or
 * {@code application/json} {@code {"sesSignature": base64, "data": base64}}.
 *
 * <p>Hash-only mode ({@link HashOnlyVerifier}): {@code application/json}
 * {@code {"identifier": "...", "version": "002" (optional), "sha256": hex}} (or {@code "sm3": hex}); the file never
 * leaves the caller and no signature is checked.
 *
 * <p>Every answer carries a top-level {@code conclusion} (VALID, NOT_IN_FORCE, FAILED, INDETERMINATE) next to the
 * document's {@code indication}. The validation policy is chosen with the parameter {@code policy} (query parameter,
 * multipart field or JSON member): {@code licence} (default) or {@code baseline}; another value is a 400 problem.
 *
 * <p>Every report is answered with {@code receipt}: the report signed by the service as a JWS
 * ({@link ReportReceipts}, docs/verification.md).
 */
@RestController
@RequestMapping("/api/v1/verifications")
class VerificationController {
    /** Optional request header: why a relying party verifies (kept in the holder's usage records). */
    static final String PURPOSE_HEADER = "Zhengyin-Purpose";

    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private final LicenceVerifier verifier;
    private final long maxBytes;
    private final ReportReceipts receipts;
    private final ApplicationEventPublisher events;
    private final LicenceMetrics metrics;

    VerificationController(
            LicenceVerifier verifier,
            UploadLimit uploadLimit,
            ReportReceipts receipts,
            ApplicationEventPublisher events,
            LicenceMetrics metrics) {
        this.verifier = verifier;
        this.receipts = receipts;
        this.events = events;
        this.metrics = metrics;
        this.maxBytes = uploadLimit.maxBytes();
    }

    /** Times a verification into {@code zhengyin.licence.verifications} by format, policy and conclusion. */
    private LicenceVerificationReport timed(
            String format, ValidationPolicy policy, Supplier<LicenceVerificationReport> verification) {
        Timer.Sample sample = metrics.start();
        String conclusion = "ERROR";
        try {
            LicenceVerificationReport report = verification.get();
            conclusion = report.conclusion().name();
            return report;
        } finally {
            metrics.verification(sample, format, policy.name().id(), conclusion, "api");
        }
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    SignedVerificationReport verifyUpload(
            @RequestParam(value = "file", required = false) List<MultipartFile> files,
            @RequestParam(value = "signature", required = false) List<MultipartFile> signatures,
            @RequestParam(value = "data", required = false) List<MultipartFile> datas,
            @RequestParam(value = "policy", required = false) String policyName,
            @AuthenticationPrincipal Jwt caller,
            @RequestHeader(value = PURPOSE_HEADER, required = false) String purpose)
            throws IOException {
        MultipartFile file = single("file", files);
        MultipartFile signature = single("signature", signatures);
        MultipartFile data = single("data", datas);
        ValidationPolicy policy = policy(policyName);
        if (file != null && signature == null && data == null) {
            if (file.getSize() > maxBytes) {
                throw tooLarge(file.getSize());
            }
            return signed(verify(file.getBytes(), policy), caller, purpose);
        }
        if (file == null && signature != null && data != null) {
            if (signature.getSize() > SesCodec.MAX_INPUT_BYTES) {
                throw signatureTooLarge(signature.getSize());
            }
            if (data.getSize() > maxBytes) {
                throw tooLarge(data.getSize());
            }
            return signed(verifySes(signature.getBytes(), data.getBytes(), policy), caller, purpose);
        }
        throw new ProblemException(
                HttpStatus.BAD_REQUEST,
                "invalid-upload",
                "Invalid upload",
                "send either a part 'file' (a licence PDF, OFD or XML) or the parts 'signature' (a DER GB/T 38540"
                        + " SES_Signature) and 'data' (the signed original); got "
                        + (file == null ? "" : "'file' ") + (signature == null ? "" : "'signature' ")
                        + (data == null ? "" : "'data'"));
    }

    /**
     * The one part of this name, or null. Two parts of one name are refused: verifying one of them and ignoring the
     * other would answer about a file the caller may not have meant.
     */
    static MultipartFile single(String name, List<MultipartFile> parts) {
        if (parts == null || parts.isEmpty()) {
            return null;
        }
        if (parts.size() > 1) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "invalid-upload",
                    "Invalid upload",
                    "send one part '" + name + "' per request; got " + parts.size()
                            + " (verify each file with its own request)");
        }
        return parts.getFirst();
    }

    /**
     * Either an SES signature with its data, or a hash-only query.
     *
     * @param sesSignature base64 of the DER SES_Signature
     * @param data         base64 of the signed original
     * @param identifier   hash-only: the licence identifier
     * @param version      hash-only, optional: the version asked about ("002" or "2"); default the identifier's
     * @param sha256       hash-only: hex SHA-256 of the file the caller keeps
     * @param sm3          hash-only: hex SM3 of the file (instead of sha256)
     */
    record JsonVerificationRequest(
            String sesSignature,
            String data,
            String identifier,
            String version,
            String sha256,
            String sm3,
            String policy) {}

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    SignedVerificationReport verifyJson(
            @RequestBody JsonVerificationRequest request,
            @RequestParam(value = "policy", required = false) String policyName,
            @AuthenticationPrincipal Jwt caller,
            @RequestHeader(value = PURPOSE_HEADER, required = false) String purpose) {
        ValidationPolicy policy = policy(request.policy() != null ? request.policy() : policyName);
        boolean ses = request.sesSignature() != null || request.data() != null;
        boolean hash = request.identifier() != null || request.sha256() != null || request.sm3() != null;
        if (ses && hash) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "invalid-upload",
                    "Invalid verification request",
                    "send either an SES signature {\"sesSignature\", \"data\"} or a hash-only query {\"identifier\", "
                            + "\"sha256\" or \"sm3\"}, not both");
        }
        if (hash && policy != ValidationPolicy.LICENCE) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "policy-not-applicable",
                    "Policy not applicable",
                    "a hash-only query compares a hash with this registry's files: only policy 'licence' applies;"
                            + " got '" + policy.name().id() + "'");
        }
        return signed(hash ? verifyHash(request) : verifySesJson(request, policy), caller, purpose);
    }

    /**
     * The validation policy named by the request's {@code policy} parameter (query parameter, multipart field or JSON
     * member); {@code licence} when absent.
     */
    static ValidationPolicy policy(String name) {
        if (name == null || name.isBlank()) {
            return ValidationPolicy.LICENCE;
        }
        try {
            return ValidationPolicy.named(name);
        } catch (IllegalArgumentException e) {
            String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "unknown-policy",
                    "Unknown validation policy",
                    "policy '" + shown + "' is not known; allowed values: "
                            + java.util.Arrays.stream(ValidationPolicy.Name.values())
                                    .map(ValidationPolicy.Name::id)
                                    .collect(java.util.stream.Collectors.joining(", "))
                            + " (default licence)");
        }
    }

    /**
     * Signs the report and, when the registry found the file, publishes {@link LicenceVerified} (naming the client if
     * the request carried a valid bearer token, and the purpose it gave in the {@value #PURPOSE_HEADER} header,
     * UTF-8 percent-encoded since HTTP header values are ASCII).
     */
    private SignedVerificationReport signed(LicenceVerificationReport report, Jwt caller, String purpose) {
        SignedVerificationReport signed =
                new SignedVerificationReport(report, receipts.sign(ReportReceipts.KIND_VERIFICATION, report));
        events.publishEvent(VerificationConcluded.of(report));
        if (report.registry().found()) {
            report.registry()
                    .identifier()
                    .ifPresent(identifier -> events.publishEvent(new LicenceVerified(
                            identifier,
                            Optional.ofNullable(caller).map(Jwt::getSubject),
                            Optional.ofNullable(purpose)
                                    .map(VerificationController::decode)
                                    .map(p -> p.length() > 200 ? p.substring(0, 200) : p))));
        }
        return signed;
    }

    private static String decode(String header) {
        try {
            return URLDecoder.decode(header, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return header;
        }
    }

    private LicenceVerificationReport verifyHash(JsonVerificationRequest request) {
        if (request.identifier() == null || request.identifier().isBlank()) {
            throw invalidHashQuery("identifier is required");
        }
        if ((request.sha256() == null) == (request.sm3() == null)) {
            throw invalidHashQuery("give exactly one of sha256 and sm3");
        }
        HashOnlyVerifier.HashAlgorithm algorithm =
                request.sha256() != null ? HashOnlyVerifier.HashAlgorithm.SHA256 : HashOnlyVerifier.HashAlgorithm.SM3;
        String hex = (request.sha256() != null ? request.sha256() : request.sm3()).strip();
        if (!hex.matches("[0-9a-fA-F]{64}")) {
            throw invalidHashQuery((request.sha256() != null ? "sha256" : "sm3") + " must be 64 hex digits (32 bytes);"
                    + " got " + (hex.length() > 80 ? hex.length() + " characters" : "'" + hex + "'"));
        }
        java.util.Optional<Integer> version = java.util.Optional.empty();
        if (request.version() != null && !request.version().isBlank()) {
            if (!request.version().strip().matches("\\d{1,3}")
                    || Integer.parseInt(request.version().strip()) < 1) {
                throw invalidHashQuery(
                        "version must be a version number 1 to 999 such as \"002\"; got '" + request.version() + "'");
            }
            version = java.util.Optional.of(Integer.parseInt(request.version().strip()));
        }
        HashOnlyVerifier.Query query = new HashOnlyVerifier.Query(request.identifier(), version, algorithm, hex);
        return timed("hash", ValidationPolicy.LICENCE, () -> verifier.verifyHash(query));
    }

    private static ProblemException invalidHashQuery(String detail) {
        return new ProblemException(
                HttpStatus.BAD_REQUEST,
                "invalid-hash-query",
                "Invalid hash-only query",
                detail + "; a hash-only query is {\"identifier\": licence identifier, \"version\": \"002\" (optional),"
                        + " \"sha256\": 64 hex digits} or with \"sm3\" instead of \"sha256\"");
    }

    private LicenceVerificationReport verifySesJson(JsonVerificationRequest request, ValidationPolicy policy) {
        byte[] signature = base64("sesSignature", request.sesSignature());
        byte[] data = base64("data", request.data());
        if (signature.length > SesCodec.MAX_INPUT_BYTES) {
            throw signatureTooLarge(signature.length);
        }
        if (data.length > maxBytes) {
            throw tooLarge(data.length);
        }
        return verifySes(signature, data, policy);
    }

    private LicenceVerificationReport verifySes(byte[] signature, byte[] data, ValidationPolicy policy) {
        if (signature.length == 0) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "empty-upload",
                    "Empty upload",
                    "the SES signature is empty; send the DER SES_Signature");
        }
        return timed("ses", policy, () -> verifier.verifySes(signature, data, policy));
    }

    private static byte[] base64(String field, String value) {
        if (value == null) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "invalid-upload",
                    "Invalid upload",
                    field + " is required (base64); a JSON verification request is {\"sesSignature\": base64 DER"
                            + " SES_Signature, \"data\": base64 signed original}");
        }
        try {
            return Base64.getDecoder().decode(value.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "invalid-upload",
                    "Invalid upload",
                    field + " is not valid base64: " + e.getMessage());
        }
    }

    private static ProblemException signatureTooLarge(long size) {
        return new ProblemException(
                HttpStatus.CONTENT_TOO_LARGE,
                "upload-too-large",
                "Upload too large",
                "the SES signature has " + size + " bytes; at most " + SesCodec.MAX_INPUT_BYTES + " are accepted");
    }

    @PostMapping(
            consumes = {
                MediaType.APPLICATION_PDF_VALUE,
                MediaType.APPLICATION_OCTET_STREAM_VALUE,
                "application/ofd",
                "application/zip",
                MediaType.APPLICATION_XML_VALUE,
                MediaType.TEXT_XML_VALUE
            })
    SignedVerificationReport verifyBody(
            HttpServletRequest request,
            @RequestParam(value = "policy", required = false) String policyName,
            @AuthenticationPrincipal Jwt caller,
            @RequestHeader(value = PURPOSE_HEADER, required = false) String purpose)
            throws IOException {
        ValidationPolicy policy = policy(policyName);
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(declared);
        }
        return signed(verify(readAtMost(request.getInputStream(), maxBytes), policy), caller, purpose);
    }

    private LicenceVerificationReport verify(byte[] content, ValidationPolicy policy) {
        if (content.length == 0) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "empty-upload",
                    "Empty upload",
                    "the uploaded file is empty; send the licence PDF");
        }
        if (startsWithPdfHeader(content)) {
            return timed("pdf", policy, () -> verifier.verifyPdf(content, policy));
        }
        if (isZip(content)) {
            // an OFD package (GB/T 33190) is a ZIP with OFD.xml; a ZIP that is not a readable OFD gets a report
            // saying why (FORMAT_FAILURE), as a damaged PDF does
            return timed("ofd", policy, () -> verifier.verifyOfd(content, policy));
        }
        if (looksLikeXml(content)) {
            return timed("xml", policy, () -> verifier.verifyXml(content, policy));
        }
        throw new ProblemException(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "not-a-pdf",
                "Not a licence file",
                "the uploaded file is neither a PDF (no %PDF- within its first 1024 bytes), an OFD (a ZIP package with"
                        + " OFD.xml) nor an XML licence document");
    }

    /** A ZIP archive starts with a local file header, {@code PK\3\4}. */
    private static boolean isZip(byte[] content) {
        return content.length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
    }

    /** An XML document starts with '<' after an optional UTF-8 byte order mark and white space. */
    private static boolean looksLikeXml(byte[] content) {
        int i = content.length >= 3
                        && (content[0] & 0xFF) == 0xEF
                        && (content[1] & 0xFF) == 0xBB
                        && (content[2] & 0xFF) == 0xBF
                ? 3
                : 0;
        while (i < content.length && i < 1024 && Character.isWhitespace(content[i])) {
            i++;
        }
        return i < content.length && content[i] == '<';
    }

    /** ISO 32000-2 §7.5.2 lets the header appear within the first 1024 bytes. */
    private static boolean startsWithPdfHeader(byte[] content) {
        int limit = Math.min(content.length - PDF_MAGIC.length, 1024);
        outer:
        for (int i = 0; i <= limit; i++) {
            for (int j = 0; j < PDF_MAGIC.length; j++) {
                if (content[i + j] != PDF_MAGIC[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > limit) {
                throw tooLarge(total);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private ProblemException tooLarge(long size) {
        return new ProblemException(
                HttpStatus.CONTENT_TOO_LARGE,
                "upload-too-large",
                "Upload too large",
                "the upload has " + (size > maxBytes ? "more than " + maxBytes : String.valueOf(size))
                        + " bytes; verification accepts files up to " + maxBytes + " bytes");
    }
}
