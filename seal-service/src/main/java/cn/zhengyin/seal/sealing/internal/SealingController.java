package cn.zhengyin.seal.sealing.internal;

import cn.zhengyin.seal.authorisation.Grantee;
import cn.zhengyin.seal.lifecycle.SealNotFoundException;
import cn.zhengyin.seal.sealing.DocumentSealingService;
import cn.zhengyin.seal.sealing.DocumentSealingService.Request;
import cn.zhengyin.seal.sealing.DocumentSealingService.Result;
import cn.zhengyin.seal.sealing.DocumentSealingService.SealRequest;
import cn.zhengyin.seal.signing.SesealUnavailableException;
import cn.zhengyin.seal.signing.SigningRefusedException;
import cn.zhengyin.service.problem.ProblemException;
import cn.zhengyin.trust.sealing.PlacedSeal;
import cn.zhengyin.trust.sealing.SealPlacement;
import cn.zhengyin.trust.sealing.SealUse;
import cn.zhengyin.trust.sealing.SealingRefusedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/sealings} (scope {@code seal:use}): multipart {@code document} (the PDF or OFD) and
 * {@code request} (JSON: {@code category}, {@code caseNumber}, {@code seals[]} each with {@code sealId} and one
 * placement — {@code page}+{@code x}+{@code y}, {@code keyword} (+{@code occurrence}: a number or {@code "last"}), or
 * {@code crossPage: true} (+{@code y}) — and an optional {@code sizeMm}). Answers the sealed file; the header
 * {@code Zhengyin-Seal-Positions} lists where each seal went. docs/sealing.md.
 */
@RestController
class SealingController {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final DocumentSealingService sealing;

    SealingController(DocumentSealingService sealing) {
        this.sealing = sealing;
    }

    @PostMapping(value = "/api/v1/sealings", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<byte[]> seal(
            @AuthenticationPrincipal Jwt caller,
            @RequestPart(value = "document", required = false) MultipartFile document,
            @RequestPart(value = "request", required = false) String request)
            throws IOException {
        if (document == null || document.isEmpty()) {
            throw invalid("the multipart part 'document' (the PDF or OFD to seal) is missing or empty");
        }
        Request parsed = parse(request);
        Grantee grantee = Grantee.client(caller.getSubject());
        Object clientId = caller.getClaims().get("client_id");
        if (clientId != null && !caller.getSubject().equals(String.valueOf(clientId))) {
            grantee = Grantee.person(caller.getSubject());
        }
        Result result;
        try {
            result = sealing.seal(grantee, document.getBytes(), parsed);
        } catch (SealingRefusedException e) {
            throw refused(e);
        } catch (SealNotFoundException e) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "seal-not-found", "Seal not found", e.getMessage());
        } catch (SigningRefusedException e) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "signing-refused", "Signing refused", e.getMessage());
        } catch (SesealUnavailableException e) {
            throw new ProblemException(
                    HttpStatus.CONFLICT, "seseal-unavailable", "Seal cannot seal this format", e.getMessage());
        } catch (cn.zhengyin.seal.sealing.SealingApprovalRequiredException e) {
            throw new ProblemException(
                    HttpStatus.CONFLICT, "sealing-approval-required", "Each use needs approval", e.getMessage());
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(result.format().mediaType))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"sealed." + result.format().extension + "\"")
                .header("Zhengyin-Document-SHA256", result.documentSha256())
                .header("Zhengyin-Seal-Positions", positions(result.placed()))
                .body(result.document());
    }

    static String positions(List<PlacedSeal> placed) {
        List<String> out = new ArrayList<>();
        for (PlacedSeal p : placed) {
            out.add(p.use().sealId() + ": " + p.regions());
        }
        return String.join(" | ", out);
    }

    static Request parse(String body) {
        if (body == null || body.isBlank()) {
            throw invalid("the multipart part 'request' (JSON: category, caseNumber, seals) is missing");
        }
        try {
            JsonNode json = JSON.readTree(body);
            List<SealRequest> seals = new ArrayList<>();
            for (JsonNode s : json.path("seals")) {
                seals.add(new SealRequest(
                        text(s, "sealId"), placement(s), s.path("sizeMm").asDouble(SealUse.DEFAULT_SIZE_MM)));
            }
            return new Request(text(json, "category"), json.path("caseNumber").asString(""), seals);
        } catch (JacksonException e) {
            throw invalid("the part 'request' is not JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private static SealPlacement placement(JsonNode s) {
        int kinds = (s.has("keyword") ? 1 : 0)
                + (s.has("page") ? 1 : 0)
                + (s.path("crossPage").asBoolean(false) ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException("each seal needs exactly one placement: page with x and y (mm), keyword"
                    + " (with occurrence: a number or \"last\"), or crossPage: true (with y)");
        }
        if (s.has("keyword")) {
            JsonNode occurrence = s.path("occurrence");
            int n = occurrence.isMissingNode() || occurrence.isNull()
                    ? 1
                    : "last".equals(occurrence.asString(""))
                            ? SealPlacement.AtKeyword.LAST
                            : occurrence.isInt() ? occurrence.asInt() : 0;
            return new SealPlacement.AtKeyword(text(s, "keyword"), n);
        }
        if (s.has("page")) {
            if (!s.path("page").isInt()
                    || !s.path("x").isNumber()
                    || !s.path("y").isNumber()) {
                throw new IllegalArgumentException("a seal at a position needs page (a number from 1) and x, y (mm)");
            }
            return new SealPlacement.AtPosition(
                    s.path("page").asInt(), s.path("x").asDouble(), s.path("y").asDouble());
        }
        if (!s.path("y").isNumber()) {
            throw new IllegalArgumentException("a cross-page seal needs y: its centre in mm from each page's top");
        }
        return new SealPlacement.CrossPage(s.path("y").asDouble());
    }

    private static String text(JsonNode node, String field) {
        String value = node.path(field).asString("");
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static ProblemException invalid(String detail) {
        return new ProblemException(
                HttpStatus.BAD_REQUEST, "invalid-sealing-request", "Invalid sealing request", detail);
    }

    static ProblemException refused(SealingRefusedException e) {
        return switch (e.reason()) {
            case NOT_A_DOCUMENT ->
                new ProblemException(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-document", "Not a PDF or OFD", e.getMessage());
            case ENCRYPTED ->
                new ProblemException(
                        HttpStatus.UNPROCESSABLE_CONTENT, "document-encrypted", "Encrypted document", e.getMessage());
            case NO_CHANGES_ALLOWED ->
                new ProblemException(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "document-locked",
                        "Certified document allows no change",
                        e.getMessage());
            case ACTIVE_CONTENT ->
                new ProblemException(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "document-active-content",
                        "JavaScript, embedded files or XFA",
                        e.getMessage());
            case TOO_LARGE ->
                new ProblemException(
                        HttpStatus.CONTENT_TOO_LARGE, "document-too-large", "Document too large", e.getMessage());
            case TOO_MANY_PAGES ->
                new ProblemException(
                        HttpStatus.CONTENT_TOO_LARGE, "document-too-many-pages", "Too many pages", e.getMessage());
            case KEYWORD_NOT_FOUND ->
                new ProblemException(
                        HttpStatus.UNPROCESSABLE_CONTENT, "keyword-not-found", "Keyword not found", e.getMessage());
            case OFF_PAGE ->
                new ProblemException(
                        HttpStatus.UNPROCESSABLE_CONTENT, "seal-off-page", "Seal not on the page", e.getMessage());
            case UNSUPPORTED_PLACEMENT ->
                new ProblemException(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "unsupported-placement",
                        "Placement not possible",
                        e.getMessage());
        };
    }
}
