package cn.zhengyin.service.limits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over a size limit with 413 problem+json, by declared {@code Content-Length} (chunked bodies
 * are counted while read). Multipart uploads are left to the servlet multipart limits (verification 20 MB, seal
 * images 2 MB); every other body (JSON, DER, PDF posted raw) gets {@code defaultMaxBytes} unless a path pattern in
 * {@code perPath} (Ant style, first match) says otherwise.
 */
public final class RequestSizeLimitFilter extends OncePerRequestFilter {
    private final long defaultMaxBytes;
    private final Map<String, Long> perPath;
    private final AntPathMatcher matcher = new AntPathMatcher();
    private final LimitRefusals refusals;

    public RequestSizeLimitFilter(long defaultMaxBytes, Map<String, Long> perPath) {
        this(defaultMaxBytes, perPath, LimitRefusals.none());
    }

    public RequestSizeLimitFilter(long defaultMaxBytes, Map<String, Long> perPath, LimitRefusals refusals) {
        this.defaultMaxBytes = defaultMaxBytes;
        this.perPath = Map.copyOf(perPath);
        this.refusals = refusals;
    }

    /** The text as the inside of a JSON string (the path is the client's: quotes and controls are escaped). */
    static String jsonText(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    long limitFor(String path) {
        return perPath.entrySet().stream()
                .filter(e -> matcher.match(e.getKey(), path))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(defaultMaxBytes);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            chain.doFilter(request, response);
            return;
        }
        long limit = limitFor(request.getRequestURI());
        long length = request.getContentLengthLong();
        if (length > limit) {
            refusals.refused(LimitRefusals.BODY_SIZE);
            response.setStatus(413);
            response.setContentType("application/problem+json");
            response.setHeader("Connection", "close");
            response.getOutputStream()
                    .write(("{\"type\":\"https://zhengyin.dev/problems/body-too-large\","
                                    + "\"title\":\"Content Too Large\",\"status\":413,\"detail\":\"the request body has "
                                    + length
                                    + " bytes; at most " + limit + " bytes are accepted at "
                                    + jsonText(request.getRequestURI())
                                    + "\"" + RateLimitFilter.traceIdMember() + "}")
                            .getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }
}
