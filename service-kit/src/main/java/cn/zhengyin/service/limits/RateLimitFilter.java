package cn.zhengyin.service.limits;

import cn.zhengyin.service.monitoring.TraceIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Token bucket per caller: the authenticated OAuth2 client id (JWT {@code client_id}, else subject), or the remote
 * address for anonymous requests, per endpoint group (the first two path segments, e.g. {@code /api/v1/licences}).
 * Over the limit the answer is 429 problem+json with {@code Retry-After} in whole seconds. Runs after Spring Security's
 * filter chain has authenticated the request.
 */
public final class RateLimitFilter extends OncePerRequestFilter {
    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LimitRefusals refusals;

    public RateLimitFilter(double requestsPerSecond, int burst, LongSupplier nanoTime) {
        this(requestsPerSecond, burst, nanoTime, LimitRefusals.none());
    }

    public RateLimitFilter(double requestsPerSecond, int burst, LongSupplier nanoTime, LimitRefusals refusals) {
        if (requestsPerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate limit needs requests-per-second > 0 and burst >= 1, got "
                    + requestsPerSecond + " and " + burst);
        }
        this.perSecond = requestsPerSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.refusals = refusals;
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = caller(request) + " " + group(request.getRequestURI());
        long now = nanoTime.getAsLong();
        long waitSeconds;
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) / 1e9 * perSecond);
            bucket.at = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                waitSeconds = 0;
            } else {
                waitSeconds = Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perSecond));
            }
        }
        if (waitSeconds == 0) {
            chain.doFilter(request, response);
            return;
        }
        refusals.refused(LimitRefusals.RATE);
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(waitSeconds));
        response.setContentType("application/problem+json");
        response.getOutputStream()
                .write(("{\"type\":\"https://zhengyin.dev/problems/rate-limited\",\"title\":\"Too Many Requests\","
                                + "\"status\":429,\"detail\":\"more than " + perSecond + " requests per second (burst "
                                + (int) burst
                                + ") to " + RequestSizeLimitFilter.jsonText(group(request.getRequestURI()))
                                + "; retry after " + waitSeconds + " s\""
                                + traceIdMember() + "}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** {@code ,"traceId":"…"} for a traced request (the id is hex, so it needs no escaping), else nothing. */
    static String traceIdMember() {
        return TraceIds.current().map(id -> ",\"traceId\":\"" + id + "\"").orElse("");
    }

    static String caller(HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof JwtAuthenticationToken jwt && auth.isAuthenticated()) {
            Object client = jwt.getToken().getClaims().get("client_id");
            return "client:" + (client != null ? client : jwt.getName());
        }
        return "ip:" + request.getRemoteAddr();
    }

    static String group(String uri) {
        String[] parts = uri.split("/");
        StringBuilder g = new StringBuilder();
        for (int i = 1; i < parts.length && i <= 3; i++) {
            g.append('/').append(parts[i]);
        }
        return g.isEmpty() ? "/" : g.toString();
    }
}
