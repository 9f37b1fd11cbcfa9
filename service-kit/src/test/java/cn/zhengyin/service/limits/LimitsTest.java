package cn.zhengyin.service.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

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
}
