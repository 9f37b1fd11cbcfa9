package cn.zhengyin.trust.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * What the tests that start the services in their JVM (licence-service's {@code TwoServices}, interop-tests'
 * {@code Services}) need to talk to them: a free port, a request sent without checked exceptions, the OAuth2
 * client-credentials token request of a dev client and the sealing API's multipart request.
 */
public final class TestHttp {

    private TestHttp() {}

    /** A loopback port free at the time of asking (the services bind it a moment later). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link HttpClient#send}, an I/O failure unchecked and an interruption kept. */
    public static <T> HttpResponse<T> send(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The token request of a client authenticating with HTTP Basic ({@code "id:secret"}) for the client-credentials
     * grant with {@code scopes} (space-separated).
     */
    public static HttpRequest clientCredentials(URI tokenEndpoint, String clientAndSecret, String scopes) {
        return HttpRequest.newBuilder(tokenEndpoint)
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(clientAndSecret.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&scope=" + URLEncoder.encode(scopes, StandardCharsets.UTF_8)))
                .build();
    }

    /**
     * The sealing API's request ({@code POST /api/v1/sealings}): a multipart/form-data body of the document as the file
     * part {@code document} and the JSON part {@code request}, sent with {@code token}.
     */
    public static HttpRequest sealing(URI sealings, byte[] document, String requestJson, String token) {
        String boundary = "----zhengyin" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"document\"; filename=\"doc\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(document);
        body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"request\"\r\n"
                        + "Content-Type: application/json\r\n\r\n" + requestJson + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(sealings)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
    }
}
