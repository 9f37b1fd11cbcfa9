package cn.zhengyin.service.limits;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.service.monitoring.TraceIds;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LimitsTest {
    private final AtomicLong nanos = new AtomicLong();

    private MockHttpServletResponse call(RateLimitFilter filter, String ip, String path) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setRemoteAddr(ip);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    @Test
    void aCallerOverItsBurstGets429WithRetryAfterAndProblemJsonUntilTokensRefill() throws Exception {
        RateLimitFilter filter = new RateLimitFilter(0.5, 2, nanos::get);
        assertThat(call(filter, "10.0.0.1", "/api/v1/licences/x").getStatus()).isEqualTo(200);
        assertThat(call(filter, "10.0.0.1", "/api/v1/licences/y").getStatus()).isEqualTo(200);
        MockHttpServletResponse refused = call(filter, "10.0.0.1", "/api/v1/licences/z");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("2");
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getContentAsString()).contains("\"status\":429");
        assertThat(call(filter, "10.0.0.2", "/api/v1/licences/z").getStatus())
                .as("another caller")
                .isEqualTo(200);
        assertThat(call(filter, "10.0.0.1", "/api/v1/seals").getStatus())
                .as("another endpoint group")
                .isEqualTo(200);
        nanos.addAndGet(2_000_000_000L);
        assertThat(call(filter, "10.0.0.1", "/api/v1/licences/z").getStatus()).isEqualTo(200);
    }

    @Test
    void aBodyOverThePathLimitIs413ProblemJsonAndMultipartIsLeftToTheUploadLimits() throws Exception {
        RequestSizeLimitFilter filter = new RequestSizeLimitFilter(10, Map.of("/api/v1/verifications", 100L));
        MockHttpServletRequest big = new MockHttpServletRequest("POST", "/api/v1/licences");
        big.setContentType("application/json");
        big.setContent(new byte[11]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(big, response, new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("at most 10 bytes");

        MockHttpServletRequest verification = new MockHttpServletRequest("POST", "/api/v1/verifications");
        verification.setContentType("application/pdf");
        verification.setContent(new byte[50]);
        MockHttpServletResponse ok = new MockHttpServletResponse();
        filter.doFilter(verification, ok, new MockFilterChain());
        assertThat(ok.getStatus()).isEqualTo(200);

        MockHttpServletRequest upload = new MockHttpServletRequest("POST", "/api/v1/licences");
        upload.setContentType("multipart/form-data; boundary=x");
        upload.setContent(new byte[50]);
        MockHttpServletResponse passed = new MockHttpServletResponse();
        filter.doFilter(upload, passed, new MockFilterChain());
        assertThat(passed.getStatus()).isEqualTo(200);
    }

    @Test
    void refusalsAreCountedByLimitAndTheirProblemsCarryTheTraceIdOfATracedRequest() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LimitRefusals refusals = new LimitRefusals(Optional.of(registry));
        RateLimitFilter rate = new RateLimitFilter(0.5, 1, nanos::get, refusals);
        RequestSizeLimitFilter size = new RequestSizeLimitFilter(10, Map.of(), refusals);
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        MDC.put(TraceIds.MDC_KEY, traceId);
        try {
            assertThat(call(rate, "10.0.0.9", "/api/v1/licences").getStatus()).isEqualTo(200);
            MockHttpServletResponse tooMany = call(rate, "10.0.0.9", "/api/v1/licences");
            assertThat(tooMany.getStatus()).isEqualTo(429);
            assertThat(json(tooMany).get("traceId").asString()).isEqualTo(traceId);

            MockHttpServletRequest big = new MockHttpServletRequest("POST", "/api/v1/\"quoted\"");
            big.setContentType("application/json");
            big.setContent(new byte[11]);
            MockHttpServletResponse tooLarge = new MockHttpServletResponse();
            size.doFilter(big, tooLarge, new MockFilterChain());
            assertThat(tooLarge.getStatus()).isEqualTo(413);
            JsonNode problem = json(tooLarge);
            assertThat(problem.get("traceId").asString()).isEqualTo(traceId);
            assertThat(problem.get("detail").asString()).endsWith("at /api/v1/\"quoted\"");
        } finally {
            MDC.remove(TraceIds.MDC_KEY);
        }
        MockHttpServletResponse untraced = call(rate, "10.0.0.9", "/api/v1/licences");
        assertThat(json(untraced).has("traceId")).isFalse();

        assertThat(registry.get(LimitRefusals.METRIC)
                        .tag("limit", "rate")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get(LimitRefusals.METRIC)
                        .tag("limit", "body-size")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    private static JsonNode json(MockHttpServletResponse response) throws Exception {
        return JsonMapper.builder().build().readTree(response.getContentAsString());
    }
}
