package cn.zhengyin.service.problem;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.service.testapp.TestApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
        classes = TestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.application.name=problem-test",
            "zhengyin.store.embedded.in-memory=true",
            "spring.mvc.problemdetails.enabled=true",
            "spring.servlet.multipart.max-file-size=1KB",
            "spring.servlet.multipart.max-request-size=4KB"
        })
class ProblemJsonIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void noExternalMongo(DynamicPropertyRegistry registry) {
        registry.add("zhengyin.mongodb.uri", () -> "");
    }

    record Answer(int status, String contentType, Map<String, Object> body, HttpResponse<String> raw) {
        String type() {
            return (String) body.get("type");
        }

        String detail() {
            return (String) body.get("detail");
        }
    }

    @SuppressWarnings("unchecked")
    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> body = response.body().isEmpty() ? Map.of() : JSON.readValue(response.body(), Map.class);
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                body,
                response);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private HttpRequest.Builder postJson(String path, String json) {
        return request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static void assertProblem(Answer answer, int status, String slug) {
        assertThat(answer.status()).as("status of %s", answer.raw().body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.type()).isEqualTo("https://zhengyin.dev/problems/" + slug);
        assertThat(answer.body()).containsEntry("status", status).containsKey("title");
        assertThat(answer.raw().body())
                .doesNotContain("Exception", "at cn.", "at org.", "tools.jackson", "\"trace\"", "stackTrace");
        // the W3C trace id of the request, as its log lines print it (docs/operations.md)
        assertThat(answer.body().get("traceId")).asString().matches("[0-9a-f]{32}");
    }

    @Test
    void validJsonIsAccepted() throws Exception {
        Answer answer = send(postJson("/test/greetings", "{\"name\":\"张三\",\"count\":2}"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).containsEntry("name", "张三");
    }

    @Test
    void malformedJsonIs400SayingWhere() throws Exception {
        Answer answer = send(postJson("/test/greetings", "{\"name\": \"x\",\n \"count\": }"));
        assertProblem(answer, 400, "invalid-json");
        assertThat(answer.detail()).startsWith("The request body is not valid JSON (line 2, column");
    }

    @Test
    void wrongJsonStructureIs400NamingTheMember() throws Exception {
        Answer answer = send(postJson("/test/greetings", "{\"name\":\"x\",\"count\":\"many\"}"));
        assertProblem(answer, 400, "invalid-json");
        assertThat(answer.detail()).contains("'count'").doesNotContain("Greeting");
    }

    @Test
    void missingBodyIs400() throws Exception {
        Answer answer = send(postJson("/test/greetings", ""));
        assertProblem(answer, 400, "missing-body");
    }

    @Test
    void beanValidationFailureListsFieldErrors() throws Exception {
        Answer answer = send(postJson("/test/greetings", "{\"name\":\" \",\"count\":0}"));
        assertProblem(answer, 400, "validation-failed");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors =
                (List<Map<String, Object>>) answer.body().get("errors");
        assertThat(errors).extracting(e -> e.get("field")).containsExactlyInAnyOrder("name", "count");
    }

    @Test
    void unsupportedMediaTypeIs415() throws Exception {
        Answer answer = send(request("/test/greetings")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")));
        assertProblem(answer, 415, "unsupported-media-type");
    }

    @Test
    void missingAndInvalidParametersAre400() throws Exception {
        assertProblem(send(request("/test/square")), 400, "invalid-request");
        assertProblem(send(request("/test/square?n=seven")), 400, "invalid-request");
        assertThat(send(request("/test/square?n=7")).body()).containsEntry("ok", 49);
    }

    @Test
    void unknownPathIs404ProblemJson() throws Exception {
        Answer answer = send(request("/no/such/path"));
        assertProblem(answer, 404, "not-found");
    }

    @Test
    void aProblemCarriesTheTraceIdTheCallerSentInTraceparent() throws Exception {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        Answer answer = send(request("/no/such/path").header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01"));
        assertProblem(answer, 404, "not-found");
        assertThat(answer.body()).containsEntry("traceId", traceId);
    }

    @Test
    void wrongMethodIs405() throws Exception {
        Answer answer = send(request("/test/square?n=1").DELETE());
        assertProblem(answer, 405, "method-not-allowed");
    }

    @Test
    void oversizeUploadIs413() throws Exception {
        String boundary = "zy-boundary";
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n"
                + "A".repeat(3000) + "\r\n--" + boundary + "--\r\n";
        Answer answer = send(request("/test/uploads")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.US_ASCII)));
        assertProblem(answer, 413, "payload-too-large");
    }

    @Test
    void oversizeRequestBeyondTheRequestLimitIs413() throws Exception {
        String boundary = "zy-boundary";
        String part = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + "B".repeat(900) + "\r\n";
        String body = part.repeat(8) + "--" + boundary + "--\r\n";
        Answer answer = send(request("/test/uploads")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.US_ASCII)));
        assertProblem(answer, 413, "payload-too-large");
    }

    @Test
    void problemExceptionKeepsItsStatusTypeAndFieldErrors() throws Exception {
        Answer answer = send(request("/test/problem"));
        assertProblem(answer, 400, "validation-failed");
        assertThat(answer.detail()).isEqualTo("2 fields of the licence are invalid");
        assertThat(answer.body().get("errors"))
                .isEqualTo(List.of(
                        Map.of("field", "holder.name", "message", "must not be blank"),
                        Map.of("field", "validUntil", "message", "must be after validFrom")));

        Answer conflict = send(request("/test/conflict"));
        assertProblem(conflict, 409, "version-conflict");
        assertThat(conflict.body()).doesNotContainKey("errors");
    }

    @Test
    void errorsOutsideSpringMvcAreProblemJsonToo() throws Exception {
        Answer conflict = send(request("/test/send-error?status=409"));
        assertProblem(conflict, 409, "http-409");
        Answer unavailable = send(request("/test/send-error?status=503"));
        assertProblem(unavailable, 503, "http-503");
        assertThat(unavailable.body()).containsKey("errorId");
        assertThat(unavailable.raw().body()).doesNotContain("must not leak");

        // the error dispatch carries the request's own trace id (ErrorDispatchTraceId), here the caller's
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Answer traced = send(
                request("/test/send-error?status=409").header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));
        assertProblem(traced, 409, "http-409");
        assertThat(traced.body()).containsEntry("traceId", traceId);
    }

    @Test
    void unexpectedExceptionIs500WithErrorIdAndNoMessage() throws Exception {
        Answer answer = send(request("/test/boom"));
        assertProblem(answer, 500, "internal-error");
        assertThat(answer.raw().body()).doesNotContain("secret-internal-detail", "/etc/zhengyin", "IllegalState");
        String errorId = (String) answer.body().get("errorId");
        assertThat(errorId).matches("[0-9a-f-]{36}");
        assertThat(answer.detail()).contains(errorId);
    }
}
