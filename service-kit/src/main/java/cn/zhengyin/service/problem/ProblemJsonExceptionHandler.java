package cn.zhengyin.service.problem;

import cn.zhengyin.service.limits.LimitRefusals;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;

/**
 * Maps every exception leaving a controller to RFC 9457 problem+json. Spring MVC's own exceptions (405, 406, 415, 404
 * for unknown paths, 413 for {@code MaxUploadSizeExceededException}, 400 for an unreadable multipart body, missing or
 * malformed parameters, bean validation)
 * keep Spring's status and get a Zhengyin type URI; {@link ProblemException} answers with its own status and content;
 * anything else answers 500 with a generic detail and an {@code errorId} that is logged with the stack trace.
 * Spring Security's exceptions are rethrown so that its entry point and access-denied handler answer.
 */
@RestControllerAdvice
public class ProblemJsonExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemJsonExceptionHandler.class);
    private final LimitRefusals refusals;

    public ProblemJsonExceptionHandler() {
        this(LimitRefusals.none());
    }

    /** @param refusals counts the uploads refused by the multipart size limits */
    public ProblemJsonExceptionHandler(LimitRefusals refusals) {
        this.refusals = refusals;
    }

    @ExceptionHandler(ProblemException.class)
    public ResponseEntity<ProblemDetail> handleProblemException(ProblemException exception) {
        return problemResponse(exception.toProblemDetail());
    }

    @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
    public void rethrowSecurityException(RuntimeException exception) {
        // Spring Security's ExceptionTranslationFilter decides between 401 and 403 and writes the problem.
        throw exception;
    }

    /**
     * A multipart body that cannot be parsed — cut off before its closing boundary, without a boundary, malformed — is
     * the client's error: 400 (a size limit stays 413). The parser's message is logged, never answered.
     */
    @ExceptionHandler(MultipartException.class)
    public ResponseEntity<ProblemDetail> handleMultipart(MultipartException exception, WebRequest request) {
        Optional<ProblemDetail> sizeLimit = UploadLimits.problemFor(exception);
        if (sizeLimit.isPresent()) {
            return problemResponse(sizeLimit.get());
        }
        log.info(
                "Unreadable multipart body: {} request={}",
                UploadLimits.rootMessage(exception),
                request.getDescription(false));
        return problemResponse(UploadLimits.malformedMultipart());
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> handleUnexpected(Exception exception, WebRequest request) {
        Optional<ProblemDetail> sizeLimit = UploadLimits.problemFor(exception);
        if (sizeLimit.isPresent()) {
            refusals.refused(LimitRefusals.UPLOAD_SIZE);
            return problemResponse(sizeLimit.get());
        }
        return problemResponse(internalError(exception, request));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException exception, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = describeUnreadableBody(exception, status);
        return handleExceptionInternal(exception, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException exception, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        BindingResult result = exception.getBindingResult();
        List<ProblemException.FieldError> errors = new ArrayList<>();
        result.getFieldErrors()
                .forEach(e -> errors.add(new ProblemException.FieldError(
                        e.getField(), Optional.ofNullable(e.getDefaultMessage()).orElse("is invalid"))));
        result.getGlobalErrors()
                .forEach(e -> errors.add(new ProblemException.FieldError(
                        e.getObjectName(),
                        Optional.ofNullable(e.getDefaultMessage()).orElse("is invalid"))));
        ProblemDetail problem = ProblemException.validationFailed(
                        errors.size() + " field(s) of the request are invalid; see errors", errors)
                .toProblemDetail();
        return handleExceptionInternal(exception, problem, headers, status, request);
    }

    /** Gives Spring's problems a Zhengyin type and hides the details of server-side failures. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception exception, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(exception, body, headers, status, request);
        if (response == null || !(response.getBody() instanceof ProblemDetail problem)) {
            return response;
        }
        ProblemDetail finished =
                status.is5xxServerError() ? serverError(status, exception, request) : withType(problem);
        return ResponseEntity.status(response.getStatusCode())
                .headers(response.getHeaders())
                .body(finished);
    }

    static ProblemDetail withType(ProblemDetail problem) {
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(Problems.type(Problems.defaultSlug(HttpStatusCode.valueOf(problem.getStatus()))));
        }
        return Problems.withTraceId(problem);
    }

    private static ProblemDetail internalError(Exception exception, WebRequest request) {
        return serverError(HttpStatus.INTERNAL_SERVER_ERROR, exception, request);
    }

    private static ProblemDetail serverError(HttpStatusCode status, Exception exception, WebRequest request) {
        String errorId = Problems.newErrorId();
        log.error("Unexpected failure, errorId={} request={}", errorId, request.getDescription(false), exception);
        return Problems.serverError(status, errorId);
    }

    private static ResponseEntity<ProblemDetail> problemResponse(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(Problems.PROBLEM_JSON)
                .body(problem);
    }

    /** Explains a body that could not be read without class names or parser internals. */
    static ProblemDetail describeUnreadableBody(HttpMessageNotReadableException exception, HttpStatusCode status) {
        Optional<JacksonException> jackson = causeOfType(exception, JacksonException.class);
        if (jackson.isPresent() && jackson.get() instanceof StreamReadException syntax) {
            return Problems.problem(
                    status,
                    "invalid-json",
                    "Malformed JSON",
                    "The request body is not valid JSON" + location(syntax.getLocation())
                            + ". Send a well-formed JSON document (RFC 8259) encoded in UTF-8.");
        }
        if (jackson.isPresent()) {
            String path = jsonPath(jackson.get().getPath());
            return Problems.problem(
                    status,
                    "invalid-json",
                    "Unexpected JSON",
                    "The request body is JSON but does not have the expected structure"
                            + (path.isEmpty() ? "" : " at " + path)
                            + location(jackson.get().getLocation())
                            + ": a member is missing, has the wrong type, or is not allowed.");
        }
        String message = Optional.ofNullable(exception.getMessage()).orElse("");
        if (message.startsWith("Required request body is missing")) {
            return Problems.problem(
                    status, "missing-body", "Missing request body", "This request needs a body and none was sent.");
        }
        return Problems.problem(
                status, "invalid-request", "Unreadable request body", "The request body could not be read.");
    }

    private static String location(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String jsonPath(List<JacksonException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            if (reference.getPropertyName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                sb.append('[').append(reference.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "" : "'" + sb + "'";
    }

    static <T extends Throwable> Optional<T> causeOfType(Throwable throwable, Class<T> type) {
        for (Throwable t = throwable; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
