package cn.zhengyin.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.service.testapp.TestApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
        classes = TestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=security-test", "zhengyin.store.embedded.in-memory=true"})
class SecurityProblemsIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(HttpResponse<String> response) {
        return JSON.readValue(response.body(), Map.class);
    }

    @Test
    void missingTokenIs401ProblemWithBearerChallenge() throws Exception {
        HttpResponse<String> response = get("/secure/whoami", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(body(response))
                .containsEntry("type", "https://zhengyin.dev/problems/unauthorized")
                .containsEntry("status", 401);
    }

    @Test
    void invalidTokenIs401WithInvalidTokenError() throws Exception {
        HttpResponse<String> response = get("/secure/whoami", "garbage");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElse(""))
                .startsWith("Bearer error=\"invalid_token\"");
        assertThat(body(response)).containsEntry("type", "https://zhengyin.dev/problems/unauthorized");
    }

    @Test
    void scopeClaimBecomesScopeAuthorities() throws Exception {
        HttpResponse<String> response = get("/secure/whoami", TestApplication.scopeToken("seal:read licence:issue"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response))
                .containsEntry("name", "client-1")
                .containsEntry("authorities", java.util.List.of("SCOPE_licence:issue", "SCOPE_seal:read"));
    }

    @Test
    void scpArrayClaimBecomesScopeAuthorities() throws Exception {
        HttpResponse<String> response = get("/secure/whoami", TestApplication.scpToken("seal:read"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response)).containsEntry("authorities", java.util.List.of("SCOPE_seal:read"));
    }

    @Test
    void missingScopeIs403ProblemWithInsufficientScope() throws Exception {
        HttpResponse<String> response = get("/secure/whoami", TestApplication.scopeToken("licence:issue"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).contains("insufficient_scope");
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(body(response))
                .containsEntry("type", "https://zhengyin.dev/problems/forbidden")
                .containsEntry("status", 403);
    }
}
