package cn.zhengyin.seal.signing.internal;

import cn.zhengyin.service.problem.ProblemException;
import cn.zhengyin.trust.timestamp.TimestampAuthority;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Many signing requests in one HTTP request (issue #18): {@code POST /api/v1/signatures/batch} carries up to
 * {@value #MAX_ITEMS} items, each exactly one of a PAdES digest, an XAdES SignedInfo, a GB/T 38540 SES hash (the bodies
 * of {@code /pades}, {@code /xml}, {@code /ses}) or an RFC 3161 TimeStampReq (the body of {@code /tsa}, base64). Each
 * item is handled exactly as its own endpoint handles it — authorised against the seal and the caller's authorisation,
 * recorded in the usage log, signed, and (PAdES, SES) given its own signature time-stamp — and answered in its own
 * result with the status and body (or problem) that endpoint would have answered; one refused item does not stop the
 * others. The licence service sends all signatures of a licence, and of concurrent issuances, in one request, which
 * saves the per-request cost (security filter chain, token decoding, MVC) that was a third of this service's CPU.
 * The items' usages are written to the usage log together, before the batch answers ({@link UsageBatch}).
 */
@RestController
@RequestMapping("/api/v1/signatures")
class BatchSigningController {
    static final int MAX_ITEMS = 64;
    /** As {@code POST /tsa}. */
    static final int MAX_TIMESTAMP_REQUEST_BYTES = 16 * 1024;

    private final SigningController pades;
    private final XmlSigningController xml;
    private final SesSigningController ses;
    private final TimestampAuthority tsa;
    private final Validator validator;

    BatchSigningController(
            SigningController pades,
            XmlSigningController xml,
            SesSigningController ses,
            TimestampAuthority tsa,
            Validator validator) {
        this.pades = pades;
        this.xml = xml;
        this.ses = ses;
        this.tsa = tsa;
        this.validator = validator;
    }

    /** Exactly one of the fields; {@code timestamp} is a base64 DER TimeStampReq. */
    record Item(
            SigningController.PadesDigestRequest pades,
            XmlSigningController.XmlSignatureRequest xml,
            SesSigningController.SesSignatureRequest ses,
            String timestamp) {}

    record BatchRequest(List<Item> items) {}

    record Problem(String type, String title, String detail) {}

    /** {@code status} as the single endpoint would answer; the field of the item's kind, or {@code problem}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Result(
            int status,
            SigningController.PadesDigestResponse pades,
            XmlSigningController.XmlSignatureResponse xml,
            SesSigningController.SesSignatureResponse ses,
            String timestamp,
            Problem problem) {
        static Result failed(ProblemException e) {
            return new Result(
                    e.status().value(),
                    null,
                    null,
                    null,
                    null,
                    new Problem(e.type().toString(), e.title(), e.detail()));
        }
    }

    record BatchResponse(List<Result> items) {}

    @PostMapping("/batch")
    BatchResponse batch(@AuthenticationPrincipal Jwt caller, @RequestBody BatchRequest request) {
        if (request == null || request.items() == null || request.items().isEmpty()) {
            throw invalid("a batch needs items: [{\"pades\"|\"xml\"|\"ses\"|\"timestamp\": …}, …]");
        }
        if (request.items().size() > MAX_ITEMS) {
            throw invalid("a batch has at most " + MAX_ITEMS + " items; got "
                    + request.items().size());
        }
        // The items run at once, each on a virtual thread with this request's security context and MDC (trace id):
        // their usage records are then written concurrently and share the store's commits (group commit), and both
        // cores sign. The answers keep the items' order.
        // Their usages (signed and refused) are written together once all items are done, and the batch answers only
        // after that write (UsageBatch): one insert and one list update per seal instead of one per item.
        SecurityContext security = SecurityContextHolder.getContext();
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        UsageBatch usages = new UsageBatch();
        List<Future<Result>> pending = new ArrayList<>(request.items().size());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Item item : request.items()) {
                pending.add(threads.submit(() -> {
                    SecurityContextHolder.setContext(security);
                    if (mdc != null) {
                        MDC.setContextMap(mdc);
                    }
                    try {
                        return usages.run(() -> one(caller, item));
                    } catch (ProblemException e) {
                        return Result.failed(e);
                    } finally {
                        SecurityContextHolder.clearContext();
                        MDC.clear();
                    }
                }));
            }
        } finally {
            // also when an item failed: the usages of the items that were signed or refused are kept
            usages.write();
        }
        List<Result> results = new ArrayList<>(pending.size());
        for (Future<Result> f : pending) {
            try {
                results.add(f.get());
            } catch (ExecutionException e) {
                // not a refusal but the service's own failure: the whole batch fails as a single request would
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while signing a batch", e);
            }
        }
        return new BatchResponse(results);
    }

    private Result one(Jwt caller, Item item) {
        if (item == null) {
            throw invalid("an item is null");
        }
        int kinds = (item.pades() == null ? 0 : 1)
                + (item.xml() == null ? 0 : 1)
                + (item.ses() == null ? 0 : 1)
                + (item.timestamp() == null ? 0 : 1);
        if (kinds != 1) {
            throw invalid("each item has exactly one of pades, xml, ses, timestamp; this one has " + kinds);
        }
        if (item.pades() != null) {
            return new Result(200, pades.pades(caller, valid(item.pades())), null, null, null, null);
        }
        if (item.xml() != null) {
            return new Result(200, null, xml.xml(caller, valid(item.xml())), null, null, null);
        }
        if (item.ses() != null) {
            return new Result(200, null, null, ses.ses(caller, valid(item.ses())), null, null);
        }
        byte[] query;
        try {
            query = Base64.getDecoder().decode(item.timestamp());
        } catch (IllegalArgumentException e) {
            throw invalid("timestamp is not valid base64 (a DER TimeStampReq)");
        }
        if (query.length > MAX_TIMESTAMP_REQUEST_BYTES) {
            throw new ProblemException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "request-too-large",
                    "Request too large",
                    "a time-stamp request has at most " + MAX_TIMESTAMP_REQUEST_BYTES + " bytes");
        }
        return new Result(200, null, null, null, Base64.getEncoder().encodeToString(tsa.respond(query)), null);
    }

    /** The bean validation the single endpoints get from {@code @Valid}. */
    private <T> T valid(T body) {
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw ProblemException.validationFailed(
                    "the item is invalid",
                    violations.stream()
                            .map(v -> new ProblemException.FieldError(
                                    v.getPropertyPath().toString(), v.getMessage()))
                            .collect(Collectors.toList()));
        }
        return body;
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-batch", "Invalid batch", detail);
    }
}
