package cn.zhengyin.interop;

import cn.zhengyin.licence.LicenceServiceApplication;
import cn.zhengyin.seal.SealServiceApplication;
import cn.zhengyin.trust.testing.TestHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The licence service and the seal service started for real in this JVM, on free ports, with in-memory stores and
 * the committed dev PKI (as licence-service's own integration tests start them): licences are sealed over HTTP
 * exactly as in production.
 */
final class Services implements AutoCloseable {
    static final Path KEYS = Path.of("..", "keys-dev").toAbsolutePath().normalize();
    static final Path TEMPLATES = Path.of("..", "templates").toAbsolutePath().normalize();
    static final ObjectMapper JSON = JsonMapper.builder().build();

    final URI sealUrl;
    final URI licenceUrl;
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ConfigurableApplicationContext seal;
    private final ConfigurableApplicationContext licence;

    Services() {
        int licencePort = TestHttp.freePort();
        int sealPort = TestHttp.freePort();
        sealUrl = URI.create("http://localhost:" + sealPort);
        licenceUrl = URI.create("http://localhost:" + licencePort);
        seal = SealServiceApplication.builder()
                .run(
                        "--server.port=" + sealPort,
                        "--zhengyin.keys-directory=" + KEYS,
                        "--zhengyin.store.embedded.in-memory=true",
                        "--zhengyin.seal-keys.file="
                                + Path.of("target", "interop-seal-keys-" + UUID.randomUUID() + ".p12")
                                        .toAbsolutePath(),
                        // as in production, where the seal service has no Spring Authorization Server on its class
                        // path (here the licence service's would give it a JWK source with a fresh RSA key, issue #13)
                        "--spring.autoconfigure.exclude="
                                + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet"
                                + ".OAuth2AuthorizationServerAutoConfiguration,"
                                + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet"
                                + ".OAuth2AuthorizationServerJwtAutoConfiguration",
                        "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + licenceUrl + "/oauth2/jwks",
                        "--zhengyin.tokens.issuer=" + licenceUrl,
                        "--zhengyin.tokens.introspection.uri=" + licenceUrl + "/oauth2/introspect");
        licence = LicenceServiceApplication.builder()
                .run(
                        "--server.port=" + licencePort,
                        "--zhengyin.seal-service-url=" + sealUrl,
                        "--zhengyin.tokens.issuer=" + licenceUrl,
                        "--zhengyin.templates-directory=" + TEMPLATES,
                        "--zhengyin.trust-anchors=" + KEYS.resolve("trust-anchors.pem"),
                        "--zhengyin.trust-intermediates=" + KEYS.resolve("sm2-seal-ca.crt.pem"),
                        "--zhengyin.transparency.key-store=" + KEYS.resolve("translog.p12"),
                        "--zhengyin.receipts.key-store=" + KEYS.resolve("report-signer.p12"),
                        "--zhengyin.field-reuse.key-store=" + KEYS.resolve("field-release.p12"),
                        "--zhengyin.trust-list.location=" + KEYS.resolve("trust-list.xml"),
                        "--zhengyin.trust-list.signer-certificate=" + KEYS.resolve("trust-list-signer.crt.pem"),
                        "--zhengyin.store.embedded.in-memory=true");
    }

    /**
     * An access token (client credentials) of the dev approval system whose authority issues this licence type: each
     * authority seals with its own seal, so each type is issued by its own authority's approval system.
     */
    String approvalToken(String slug) {
        String client = switch (slug) {
            case "forest-right-certificate" -> "approval-forestry-demo:approval-forestry-secret";
            case "physician-certificate" -> "approval-health-demo:approval-health-secret";
            default -> "approval-demo:approval-demo-secret";
        };
        return clientToken(client, "licence:issue licence:read");
    }

    /** An access token (client credentials) of a dev client, {@code "id:secret"}. */
    String clientToken(String clientAndSecret, String scopes) {
        HttpResponse<byte[]> response =
                send(TestHttp.clientCredentials(licenceUrl.resolve("/oauth2/token"), clientAndSecret, scopes));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request failed: " + response.statusCode() + " " + text(response));
        }
        return json(text(response)).get("access_token").asString();
    }

    HttpResponse<byte[]> send(HttpRequest request) {
        return TestHttp.send(http, request, HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    @Override
    public void close() {
        licence.close();
        seal.close();
    }
}
