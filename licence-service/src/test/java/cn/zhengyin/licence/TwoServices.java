package cn.zhengyin.licence;

import cn.zhengyin.seal.SealServiceApplication;
import cn.zhengyin.trust.testing.TestHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Both services started for real, in this JVM, on free ports, with in-memory embedded stores and the committed dev
 * PKI: the licence service is the dev OAuth2 issuer, the seal service trusts its JWKs, and licences are sealed over
 * HTTP exactly as in production.
 */
final class TwoServices implements AutoCloseable {
    static final Path KEYS = Path.of("..", "keys-dev").toAbsolutePath().normalize();
    static final Path TEMPLATES = Path.of("..", "templates").toAbsolutePath().normalize();
    static final ObjectMapper JSON = JsonMapper.builder().build();

    final ConfigurableApplicationContext seal;
    final ConfigurableApplicationContext licence;
    final URI sealUrl;
    final URI licenceUrl;
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static TwoServices shared;

    /**
     * The seal service never has Spring Authorization Server on its class path; on the licence service's it would
     * auto-configure an authorisation server's settings and a JWK source with a fresh RSA key (a second or so of the
     * start, issue #13) that nothing of the seal service uses. Excluded, its context is the one it has in production.
     */
    static final String SEAL_SERVICE_IS_NO_AUTHORISATION_SERVER = "--spring.autoconfigure.exclude="
            + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet"
            + ".OAuth2AuthorizationServerAutoConfiguration,"
            + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet"
            + ".OAuth2AuthorizationServerJwtAutoConfiguration";

    /** One pair of running services for all integration tests in this JVM; stopped when the JVM exits. */
    static synchronized TwoServices shared() {
        if (shared == null) {
            shared = new TwoServices();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /**
     * The trust list file the licence service reads (a copy of keys-dev/trust-list.xml, re-read every second); tests of
     * other regions' licences replace it with a list of a higher sequence number.
     */
    final Path trustListFile;

    /**
     * Where both services export their spans (OTLP/HTTP): configuring the endpoint is what turns export on; without it
     * nothing is sent (docs/operations.md).
     */
    final OtlpCollector otlp = new OtlpCollector();

    private TwoServices() {
        try {
            this.trustListFile = Files.createTempFile("it-trust-list", ".xml");
            Files.copy(
                    KEYS.resolve("trust-list.xml"), trustListFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Path otherProvince = KEYS.resolve("other-province");
        int licencePort = TestHttp.freePort();
        int sealPort = TestHttp.freePort();
        this.sealUrl = URI.create("http://localhost:" + sealPort);
        this.licenceUrl = URI.create("http://localhost:" + licencePort);
        this.seal = SealServiceApplication.builder()
                .run(
                        "--server.port=" + sealPort,
                        "--zhengyin.keys-directory=" + KEYS,
                        "--zhengyin.store.embedded.in-memory=true",
                        "--zhengyin.seal-keys.file="
                                + Path.of("target", "it-seal-keys-" + java.util.UUID.randomUUID() + ".p12")
                                        .toAbsolutePath(),
                        SEAL_SERVICE_IS_NO_AUTHORISATION_SERVER,
                        "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + licenceUrl + "/oauth2/jwks",
                        "--management.opentelemetry.tracing.export.otlp.endpoint=" + otlp.tracesEndpoint(),
                        "--management.opentelemetry.tracing.export.schedule-delay=500ms",

                        // the licence service's dev authorisation server issues as its URL here; the seal service
                        // checks revocation there, reusing an answer for 2 s (docs/security.md "Access tokens")
                        "--zhengyin.tokens.issuer=" + licenceUrl,
                        "--zhengyin.tokens.introspection.uri=" + licenceUrl + "/oauth2/introspect",
                        "--zhengyin.tokens.introspection.cache-for=2s");
        this.licence = LicenceServiceApplication.builder()
                .run(
                        "--server.port=" + licencePort,
                        "--zhengyin.seal-service-url=" + sealUrl,
                        "--zhengyin.tokens.issuer=" + licenceUrl,
                        "--zhengyin.templates-directory=" + TEMPLATES,
                        // 亮证 renews its QR code every 3 s here (60 s by default) so the browser test sees it
                        "--zhengyin.wallet.showing-refresh=PT3S",
                        "--zhengyin.trust-anchors=" + KEYS.resolve("trust-anchors.pem"),
                        "--zhengyin.trust-intermediates=" + KEYS.resolve("sm2-seal-ca.crt.pem"),
                        "--zhengyin.transparency.key-store=" + KEYS.resolve("translog.p12"),
                        "--zhengyin.receipts.key-store=" + KEYS.resolve("report-signer.p12"),
                        "--zhengyin.field-reuse.key-store=" + KEYS.resolve("field-release.p12"),
                        "--zhengyin.trust-list.location=" + trustListFile,
                        "--zhengyin.trust-list.signer-certificate=" + KEYS.resolve("trust-list-signer.crt.pem"),
                        "--zhengyin.trust-list.refresh-interval=1s",
                        "--zhengyin.trust-list.retry-after-failure=1s",
                        "--zhengyin.verification.crls=" + otherProvince.resolve("root-ca.crl") + ","
                                + otherProvince.resolve("seal-ca.crl") + "," + otherProvince.resolve("sm2-root-ca.crl")
                                + "," + otherProvince.resolve("sm2-seal-ca.crl"),
                        "--zhengyin.store.embedded.in-memory=true",
                        "--management.opentelemetry.tracing.export.otlp.endpoint=" + otlp.tracesEndpoint(),
                        "--management.opentelemetry.tracing.export.schedule-delay=500ms");
    }

    /** An access token of a registered dev client with the given scopes. */
    String token(String clientId, String secret, String scopes) {
        HttpResponse<String> response =
                send(TestHttp.clientCredentials(licenceUrl.resolve("/oauth2/token"), clientId + ":" + secret, scopes));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request failed: " + response.statusCode() + " " + response.body());
        }
        return json(response.body()).get("access_token").asString();
    }

    String approvalToken() {
        return token("approval-demo", "approval-demo-secret", "licence:issue licence:read");
    }

    /**
     * The dev approval system (client id, secret) whose authority issues this licence type (slug or type code): each
     * authority seals with its own seal, so no approval system issues another authority's types.
     */
    static String[] approvalSystemFor(String type) {
        return switch (type) {
            case "business-licence", "food-business-licence", "11100000XF0000001X001", "11100000XF0000001X002" ->
                new String[] {"approval-demo", "approval-demo-secret"};
            case "forest-right-certificate", "11100000XF00000021001" ->
                new String[] {"approval-forestry-demo", "approval-forestry-secret"};
            case "physician-certificate", "11100000XF00000034001" ->
                new String[] {"approval-health-demo", "approval-health-secret"};
            default -> throw new IllegalArgumentException("no dev approval system issues " + type);
        };
    }

    /**
     * A well-formed identifier of a 营业执照 of 证印示范市市场监督管理局, the organisation of ZYDEV-SEAL-0001: the seal
     * service signs with a licence seal only for identifiers of the seal's own organisation (docs/seal-service.md).
     */
    static String marketSupervisionLicenceId() {
        return cn.zhengyin.trust.identifier.LicenceIdentifier.first(
                        "11100000XF0000001X001",
                        "11110100000000019Q",
                        "IT"
                                + java.util
                                        .UUID
                                        .randomUUID()
                                        .toString()
                                        .replace("-", "")
                                        .substring(0, 20)
                                        .toUpperCase(java.util.Locale.ROOT))
                .toString();
    }

    /** A token of the approval system that issues this licence type, with the given scopes. */
    String approvalTokenFor(String type, String scopes) {
        String[] client = approvalSystemFor(type);
        return token(client[0], client[1], scopes);
    }

    HttpResponse<String> send(HttpRequest request) {
        return TestHttp.send(http, request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<byte[]> sendForBytes(HttpRequest request) {
        return TestHttp.send(http, request, HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    @Override
    public void close() {
        licence.close();
        seal.close();
        otlp.close();
    }
}
