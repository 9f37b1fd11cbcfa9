package cn.zhengyin.licence.bulkimport.internal;

import cn.zhengyin.service.audit.AuditEvent;
import cn.zhengyin.service.audit.AuditLog;
import cn.zhengyin.service.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/licence-imports} (scope {@code licence:issue}): bulk import of existing licences. The request body
 * is {@code application/x-ndjson} or {@code text/csv} (UTF-8); the response is {@code application/x-ndjson}, one
 * result a line in input order, then {@code {"summary": {...}}}. Runs on the request thread for as long as the input
 * lasts; the body is read while results are written (HTTP/1.1 full duplex). Each import is one audit event
 * {@code licence.import} with its totals (the licences it issued are in the transparency log and their events).
 */
@RestController
class BulkImportController {
    static final String PATH = "/api/v1/licence-imports";
    static final String NDJSON = "application/x-ndjson";
    private static final Logger LOG = LoggerFactory.getLogger(BulkImportController.class);
    private final BulkImporter importer;
    private final AuditLog audit;

    BulkImportController(BulkImporter importer, AuditLog audit) {
        this.importer = importer;
        this.audit = audit;
    }

    @PostMapping(
            path = PATH,
            consumes = {NDJSON, "text/csv"},
            produces = NDJSON)
    void importLicences(@AuthenticationPrincipal Jwt caller, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        MediaType type = MediaType.parseMediaType(request.getContentType());
        if (type.getCharset() != null && !StandardCharsets.UTF_8.equals(type.getCharset())) {
            throw new ProblemException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported-charset",
                    "Unsupported charset",
                    "an import must be UTF-8, got charset " + type.getCharset().name());
        }
        ImportFormat format =
                type.isCompatibleWith(MediaType.parseMediaType("text/csv")) ? ImportFormat.CSV : ImportFormat.NDJSON;
        ImportLineSource source;
        try {
            source = importer.open(format, request.getInputStream());
        } catch (InvalidImportException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-import", "Invalid import", e.getMessage());
        }
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(NDJSON);
        response.setCharacterEncoding(StandardCharsets.UTF_8);
        response.setHeader("Cache-Control", "no-store");
        OutputStream out = response.getOutputStream();
        try {
            ImportSummary summary = importer.run(caller.getSubject(), source, out);
            LOG.info(
                    "import by {}: {} lines, {} issued, {} already issued, {} rejected in {} ms",
                    caller.getSubject(),
                    summary.lines(),
                    summary.issued(),
                    summary.alreadyIssued(),
                    summary.rejected(),
                    summary.millis());
            audit.record(
                    "licence.import",
                    AuditEvent.Outcome.SUCCESS,
                    caller.getSubject(),
                    "",
                    java.util.Map.of(
                            "format",
                            format.name(),
                            "lines",
                            String.valueOf(summary.lines()),
                            "issued",
                            String.valueOf(summary.issued()),
                            "alreadyIssued",
                            String.valueOf(summary.alreadyIssued()),
                            "rejected",
                            String.valueOf(summary.rejected())));
        } catch (IOException e) {
            // The client went away (or its body broke off): lines in progress were finished; a re-run completes the
            // rest.
            LOG.info("import by {} ended early: {}", caller.getSubject(), e.toString());
            audit.record(
                    "licence.import",
                    AuditEvent.Outcome.FAILURE,
                    caller.getSubject(),
                    "",
                    java.util.Map.of(
                            "format",
                            format.name(),
                            "reason",
                            "ended early: " + e.getClass().getSimpleName()));
        }
    }
}
