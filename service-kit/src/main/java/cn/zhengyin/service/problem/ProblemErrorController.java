package cn.zhengyin.service.problem;

import cn.zhengyin.service.limits.LimitRefusals;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Replaces Boot's {@code BasicErrorController}: errors that happen outside Spring MVC's exception handling (servlet
 * filters, the container's request-size limits, {@code response.sendError}) are also answered with problem+json — or,
 * for a browser asking for a page, with the service's error page ({@link BrowserErrorPages}).
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    /** No error pages: every error is problem+json. */
    public static final BrowserErrorPages NO_PAGES = (request, response, status, errorId) -> false;

    private final ErrorAttributes errorAttributes;
    private final LimitRefusals refusals;
    private final BrowserErrorPages pages;

    public ProblemErrorController(ErrorAttributes errorAttributes) {
        this(errorAttributes, LimitRefusals.none(), NO_PAGES);
    }

    /**
     * @param refusals counts the uploads the servlet container refused for their size
     * @param pages    the service's error pages for browsers ({@link #NO_PAGES}: problem+json for everyone)
     */
    public ProblemErrorController(ErrorAttributes errorAttributes, LimitRefusals refusals, BrowserErrorPages pages) {
        this.errorAttributes = errorAttributes;
        this.refusals = refusals;
        this.pages = pages;
    }

    /** @return the problem, or {@code null} when the service's error page was written for a browser */
    @RequestMapping
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Throwable error = errorAttributes.getError(new ServletWebRequest(request));
        ProblemDetail problem = problemFor(request, error);
        Object errorId =
                problem.getProperties() == null ? null : problem.getProperties().get("errorId");
        if (pages.render(
                request,
                response,
                HttpStatusCode.valueOf(problem.getStatus()),
                errorId == null ? null : errorId.toString())) {
            return null;
        }
        return ResponseEntity.status(problem.getStatus())
                .contentType(Problems.PROBLEM_JSON)
                .body(problem);
    }

    private ProblemDetail problemFor(HttpServletRequest request, Throwable error) {
        if (error != null) {
            var sizeLimit = UploadLimits.problemFor(error);
            if (sizeLimit.isPresent()) {
                refusals.refused(LimitRefusals.UPLOAD_SIZE);
                return sizeLimit.get();
            }
        }
        HttpStatusCode status = statusOf(request, error);
        if (status.is5xxServerError()) {
            String errorId = Problems.newErrorId();
            log.error(
                    "Server error {}, errorId={} uri={}",
                    status.value(),
                    errorId,
                    request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                    error);
            return Problems.serverError(status, errorId);
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status.value();
        return Problems.problem(
                status,
                Problems.defaultSlug(status),
                title,
                "The request failed with status " + status.value() + " (" + title + ").");
    }

    private static HttpStatusCode statusOf(HttpServletRequest request, Throwable error) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code instanceof Integer value && value >= 400 && value <= 599) {
            return HttpStatusCode.valueOf(value);
        }
        return error == null ? HttpStatus.NOT_FOUND : HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
