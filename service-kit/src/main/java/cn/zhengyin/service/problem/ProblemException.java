package cn.zhengyin.service.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A failure to report to the client as problem+json with its own status, type, title and detail, optionally with
 * per-field errors (rendered as {@code "errors": [{"field": ..., "message": ...}]}) and extension members
 * ({@link #with}).
 *
 * <p>The detail is shown to the client: it must state what was wrong and how to fix it, and contain no secrets.
 */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** One invalid input field: a JSON-pointer-like or dotted path and what is wrong with it. */
    public record FieldError(String field, String message) {
        public FieldError {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }
    }

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final transient List<FieldError> errors;
    private final transient Map<String, Object> members = new LinkedHashMap<>();

    /** The members RFC 9457 defines and the one this class adds; an extension member may not take their names. */
    private static final Set<String> RESERVED = Set.of("type", "title", "status", "detail", "instance", "errors");

    /**
     * @param status the HTTP status
     * @param slug   the problem type slug: the type is {@code https://zhengyin.dev/problems/<slug>}
     * @param title  a short, fixed summary of the problem type
     * @param detail this occurrence's explanation, shown to the client
     * @param errors the invalid fields, possibly empty
     */
    public ProblemException(HttpStatus status, String slug, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = Objects.requireNonNull(status, "status");
        Problems.type(slug); // validates the slug now rather than when rendering
        this.slug = slug;
        this.title = Objects.requireNonNull(title, "title");
        this.errors = List.copyOf(errors);
    }

    public ProblemException(HttpStatus status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of());
    }

    /** 400 {@code validation-failed} listing the invalid fields. */
    public static ProblemException validationFailed(String detail, List<FieldError> errors) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "validation-failed", "Validation failed", detail, errors);
    }

    /** 404 {@code not-found}. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(HttpStatus.NOT_FOUND, "not-found", "Not Found", detail);
    }

    /** 409 with the given slug, e.g. {@code version-conflict}. */
    public static ProblemException conflict(String slug, String title, String detail) {
        return new ProblemException(HttpStatus.CONFLICT, slug, title, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public URI type() {
        return Problems.type(slug);
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return errors;
    }

    /**
     * Adds an extension member (RFC 9457 §3.2) that a program can read instead of parsing the detail, e.g. the
     * identifier of the licence a conflict is about.
     *
     * @return this exception
     * @throws IllegalArgumentException if {@code name} is one of the standard members or {@code errors}
     */
    public ProblemException with(String name, Object value) {
        if (RESERVED.contains(name) || !name.matches("[a-zA-Z][a-zA-Z0-9]{2,}")) {
            throw new IllegalArgumentException("not an extension member name: " + name);
        }
        members.put(name, Objects.requireNonNull(value, "value"));
        return this;
    }

    /** The extension members, in the order they were added. */
    public Map<String, Object> members() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    /** This exception as a {@link ProblemDetail} (with {@code errors} only when there are field errors). */
    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = Problems.problem(status, slug, title, getMessage());
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        members.forEach(problem::setProperty);
        return problem;
    }
}
