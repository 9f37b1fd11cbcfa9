package cn.zhengyin.service.problem;

import cn.zhengyin.service.monitoring.TraceIds;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Problem type URIs and {@link ProblemDetail} construction.
 *
 * <p>Type URIs are {@value #TYPE_BASE}{@code <slug>}. The slugs used by service-kit itself:
 * <table>
 * <caption>service-kit problem types</caption>
 * <tr><th>slug</th><th>status</th><th>when</th></tr>
 * <tr><td>invalid-json</td><td>400</td><td>the request body is not JSON, or not the expected JSON</td></tr>
 * <tr><td>missing-body</td><td>400</td><td>the request needs a body and has none</td></tr>
 * <tr><td>invalid-request</td><td>400</td><td>a missing or malformed parameter, header or part</td></tr>
 * <tr><td>validation-failed</td><td>400</td><td>fields failed validation; {@code errors} lists them</td></tr>
 * <tr><td>unauthorized</td><td>401</td><td>no or invalid bearer token</td></tr>
 * <tr><td>forbidden</td><td>403</td><td>the token lacks the required scope</td></tr>
 * <tr><td>not-found</td><td>404</td><td>no such resource or path</td></tr>
 * <tr><td>method-not-allowed</td><td>405</td><td>the path does not support the HTTP method</td></tr>
 * <tr><td>not-acceptable</td><td>406</td><td>no representation matches {@code Accept}</td></tr>
 * <tr><td>payload-too-large</td><td>413</td><td>the upload exceeds the configured limit</td></tr>
 * <tr><td>unsupported-media-type</td><td>415</td><td>the {@code Content-Type} is not accepted</td></tr>
 * <tr><td>internal-error</td><td>500</td><td>an unexpected failure; {@code errorId} points to the server log</td></tr>
 * <tr><td>http-&lt;status&gt;</td><td>any</td><td>any other status without a more specific type</td></tr>
 * </table>
 *
 * <p>Every problem of a traced request carries {@value #TRACE_ID}, the W3C trace id its log lines carry.
 */
public final class Problems {

    /** Prefix of every Zhengyin problem type URI. */
    public static final String TYPE_BASE = "https://zhengyin.dev/problems/";

    /** The problem property naming the request's trace (docs/operations.md). */
    public static final String TRACE_ID = "traceId";

    /** The problem+json media type. */
    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private static final Map<Integer, String> SLUGS_BY_STATUS = Map.ofEntries(
            Map.entry(400, "invalid-request"),
            Map.entry(401, "unauthorized"),
            Map.entry(403, "forbidden"),
            Map.entry(404, "not-found"),
            Map.entry(405, "method-not-allowed"),
            Map.entry(406, "not-acceptable"),
            Map.entry(413, "payload-too-large"),
            Map.entry(415, "unsupported-media-type"),
            Map.entry(500, "internal-error"));

    private Problems() {}

    /** The type URI for {@code slug}, e.g. {@code https://zhengyin.dev/problems/not-found}. */
    public static URI type(String slug) {
        if (slug == null || !slug.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException(
                    "Problem slug '" + slug + "' must be lower-case words separated by '-', e.g. 'licence-revoked'");
        }
        return URI.create(TYPE_BASE + slug);
    }

    /** The default slug for a status that has no more specific problem type. */
    public static String defaultSlug(HttpStatusCode status) {
        return SLUGS_BY_STATUS.getOrDefault(status.value(), "http-" + status.value());
    }

    /**
     * A problem with the given type slug, title and detail, and the current request's {@value #TRACE_ID} when it is
     * traced (see {@link #withTraceId}).
     */
    public static ProblemDetail problem(HttpStatusCode status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(slug));
        problem.setTitle(title);
        return withTraceId(problem);
    }

    /**
     * Adds the {@value #TRACE_ID} property: the trace id of the current request (the caller's, when it sent a W3C
     * {@code traceparent}), which every log line of the request carries in both services; absent outside a traced
     * request. An existing {@value #TRACE_ID} is kept.
     */
    public static ProblemDetail withTraceId(ProblemDetail problem) {
        if (problem.getProperties() == null || !problem.getProperties().containsKey(TRACE_ID)) {
            TraceIds.current().ifPresent(id -> problem.setProperty(TRACE_ID, id));
        }
        return problem;
    }

    /**
     * The 500 answer to an unexpected failure: a generic detail and a fresh {@code errorId} property, which the caller
     * logs together with the exception.
     */
    public static ProblemDetail internalError(String errorId) {
        return serverError(HttpStatus.INTERNAL_SERVER_ERROR, errorId);
    }

    /**
     * The answer to a server-side failure with the given 5xx status: a generic detail, never the exception's message,
     * and an {@code errorId} property, which the caller logs together with the exception.
     */
    public static ProblemDetail serverError(HttpStatusCode status, String errorId) {
        HttpStatus known = HttpStatus.resolve(status.value());
        String title = known != null ? known.getReasonPhrase() : "Server Error";
        ProblemDetail problem = problem(
                status,
                defaultSlug(status),
                title,
                "The server failed to process the request. Quote errorId " + errorId + " when reporting this.");
        problem.setProperty("errorId", errorId);
        return problem;
    }

    /** A new random error id for {@link #internalError(String)}. */
    public static String newErrorId() {
        return UUID.randomUUID().toString();
    }
}
