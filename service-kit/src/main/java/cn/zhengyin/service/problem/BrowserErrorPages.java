package cn.zhengyin.service.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

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

    /**
     * Whether the client is a browser asking for a page rather than a program asking for data: {@code text/html} named
     * in {@code Accept} and ranked at least as high as any JSON type ({@code *}{@code /*} alone is a program's). The
     * one rule of both services' error pages and of the forms that answer a browser with a page.
     */
    static boolean wantsPage(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (RuntimeException e) {
            return false;
        }
        double html = -1;
        double json = -1;
        for (MediaType type : types) {
            double q = type.getQualityValue();
            if (type.getType().equals("text") && type.getSubtype().equals("html")) {
                html = Math.max(html, q);
            } else if (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json")) {
                json = Math.max(json, q);
            }
        }
        return html > 0 && html >= json;
    }
}
