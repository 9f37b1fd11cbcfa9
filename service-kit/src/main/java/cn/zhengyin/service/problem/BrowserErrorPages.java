package cn.zhengyin.service.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatusCode;

/**
 * A service's error pages for people, used by {@link ProblemErrorController} for the errors that happen outside Spring
 * MVC's exception handling (a request the firewall rejects, a servlet filter's failure, the container's limits,
 * {@code response.sendError}). A service with pages provides one bean of this type; without it, or when it declines,
 * the answer is problem+json.
 */
@FunctionalInterface
public interface BrowserErrorPages {

    /**
     * Renders the error page when the request is a browser's asking for a page (not a program's, not the API's).
     *
     * @param errorId the identifier logged with a server error, shown to the person to quote; {@code null} for a 4xx
     * @return {@code true} if the page was written, {@code false} for problem+json
     */
    boolean render(HttpServletRequest request, HttpServletResponse response, HttpStatusCode status, String errorId)
            throws IOException;
}
