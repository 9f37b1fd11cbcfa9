package cn.zhengyin.licence;

import static cn.zhengyin.trust.testing.Bytes.indexOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Secrets never leak (issue #7): the main flows run against both services — token requests (good, wrong and
 * unknown credentials, Basic and form-posted), issuance with PAdES and XAdES sealing, amendments, status changes,
 * signing, holder sign-in, refusals with forged and garbage bearer tokens (one of them a client secret) and bad
 * input — and then everything both services logged or printed in this JVM ({@link CapturedLogs}, from the first
 * logging configuration on), every response body and header seen here, and every document of every collection of
 * both services' Mongo databases are searched for: the dev client secrets, the bearer tokens issued here, the
 * PKCS#12 password, PEM private keys, and every private key of the dev PKI ({@code keys-dev/*.p12}) as PKCS#8 DER
 * (raw, hex, base64) and as its raw scalar / private exponent (raw, hex, base64).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsNeverLeakIT {
    static final Map<String, String> CLIENTS = new LinkedHashMap<>();

    static {
        CLIENTS.put("approval-demo", "approval-demo-secret");
        CLIENTS.put("approval-forestry-demo", "approval-forestry-secret");
        CLIENTS.put("licence-service", "licence-service-secret");
        CLIENTS.put("seal-applicant-demo", "seal-applicant-secret");
        CLIENTS.put("seal-approver-demo", "seal-approver-secret");
        CLIENTS.put("seal-admin-demo", "seal-admin-secret");
        CLIENTS.put("auditor-demo", "auditor-demo-secret");
        // the seal service's own client: it sends this secret with every introspection (revocation check)
        CLIENTS.put("seal-service", "seal-service-secret");
    }

    static final Map<String, String> SCOPES = Map.of(
            "approval-demo", "licence:issue licence:status licence:read",
            "approval-forestry-demo", "licence:issue licence:status licence:read",
            "licence-service", "seal:sign seal:read",
            "seal-applicant-demo", "seal:apply seal:read",
            "seal-approver-demo", "seal:approve seal:read",
            "seal-admin-demo", "seal:admin seal:read",
            "auditor-demo", "audit:read",
            "seal-service", "token:introspect");

    private TwoServices services;
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>()); // responses: headers + body
    private final List<String> tokenResponses = new ArrayList<>(); // where tokens belong
    private final String wrongSecret = "wrong-secret-" + UUID.randomUUID();

    @BeforeAll
    void runTheMainFlows() throws Exception {
        services = TwoServices.shared();
        // token requests: every client, Basic and form post; wrong secret, unknown client, scope not allowed
        CLIENTS.forEach((client, secret) -> {
            HttpResponse<String> r = tokenBasic(client, secret, SCOPES.get(client));
            assertThat(r.statusCode()).as(client).isEqualTo(200);
            tokens.put(client, TwoServices.json(r.body()).get("access_token").asString());
            tokenResponses.add(r.body());
        });
        HttpResponse<String> posted = send(
                HttpRequest.newBuilder(services.licenceUrl.resolve("/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "grant_type=client_credentials&client_id=approval-demo"
                                        + "&client_secret=approval-demo-secret&scope=licence:read"))
                        .build(),
                false);
        assertThat(posted.statusCode()).isEqualTo(200);
        tokens.put(
                "approval-demo/post",
                TwoServices.json(posted.body()).get("access_token").asString());
        tokenResponses.add(posted.body());
        assertThat(tokenBasicSeen("approval-demo", wrongSecret, "licence:read").statusCode())
                .isEqualTo(401);
        assertThat(tokenBasicSeen("no-such-client", "approval-demo-secret", "licence:read")
                        .statusCode())
                .isEqualTo(401);
        assertThat(tokenBasicSeen("approval-demo", "approval-demo-secret", "seal:admin")
                        .statusCode())
                .isEqualTo(400);
        assertThat(send(
                                HttpRequest.newBuilder(services.licenceUrl.resolve("/oauth2/token"))
                                        .header("Content-Type", "application/x-www-form-urlencoded")
                                        .POST(HttpRequest.BodyPublishers.ofString(
                                                "grant_type=client_credentials&client_id=seal-admin-demo"
                                                        + "&client_secret=" + wrongSecret))
                                        .build(),
                                true)
                        .statusCode())
                .isEqualTo(401);

        // issuance (sealed over HTTP: PAdES and XAdES), renditions, amendment, status change
        String approval = tokens.get("approval-demo");
        HttpResponse<String> issued = send(
                post(services.licenceUrl, "/api/v1/licences", approval, """
                {"licenceType": "business-licence", "caseNumber": "SEC-1", "fields": {
                  "uscc": "%s", "licenceNumber": "99010000202611216666",
                  "name": "保密测试科技有限公司", "entityType": "有限责任公司（自然人投资或控股）",
                  "legalRepresentative": "保密测试", "businessScope": "保密检查专用经营范围。", "registeredCapital": 500,
                  "establishedDate": "2019-03-12", "operatingFrom": "2019-03-12", "address": "示范市保密区检查路7号"}}
                """.formatted(Holders.uniqueUscc())), true);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String identifier = TwoServices.json(issued.body()).get("identifier").asString();
        String root = TwoServices.json(issued.body()).get("root").asString();
        for (String rendition : List.of("", "/pdf", "/xml", "/json", "/versions", "/events")) {
            assertThat(send(get(services.licenceUrl, "/api/v1/licences/" + identifier + rendition, approval), true)
                            .statusCode())
                    .as(rendition)
                    .isEqualTo(200);
        }
        assertThat(send(
                                post(
                                        services.licenceUrl,
                                        "/api/v1/licences/" + root + "/amendments",
                                        approval,
                                        "{\"caseNumber\":\"SEC-2\",\"reason\":\"住所变更\",\"fields\":{\"address\":\"示范市保密区新港路1号\"}}"),
                                true)
                        .statusCode())
                .isEqualTo(201);
        assertThat(send(
                                post(
                                        services.licenceUrl,
                                        "/api/v1/licences/" + root + "/suspension",
                                        approval,
                                        "{\"caseNumber\":\"SEC-3\",\"reason\":\"整改\"}"),
                                true)
                        .statusCode())
                .isEqualTo(200);
        byte[] pdf = services.sendForBytes(
                        get(services.licenceUrl, "/api/v1/licences/" + identifier + "/pdf", approval))
                .body();
        assertThat(send(
                                HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/verifications"))
                                        .header("Content-Type", "application/pdf")
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(pdf))
                                        .build(),
                                true)
                        .statusCode())
                .isEqualTo(200);
        assertThat(send(get(services.licenceUrl, "/v/" + identifier, approval), true)
                        .statusCode())
                .isEqualTo(200);

        // signing directly, granted and refused
        String signer = tokens.get("licence-service");
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        assertThat(send(
                                post(
                                        services.sealUrl,
                                        "/api/v1/signatures/pades",
                                        signer,
                                        TwoServices.JSON.writeValueAsString(Map.of(
                                                "sealId",
                                                "ZYDEV-SEAL-0001",
                                                "digest",
                                                Base64.getEncoder().encodeToString(digest),
                                                "licenceIdentifier",
                                                TwoServices.marketSupervisionLicenceId()))),
                                true)
                        .statusCode())
                .isEqualTo(200);
        assertThat(send(
                                post(
                                        services.sealUrl,
                                        "/api/v1/signatures/ses",
                                        signer,
                                        TwoServices.JSON.writeValueAsString(Map.of(
                                                "sealId",
                                                "ZYDEV-SEAL-0001",
                                                "dataHash",
                                                Base64.getEncoder()
                                                        .encodeToString(cn.zhengyin.trust.ses.SealSigner.sm3(
                                                                new byte[] {1, 2, 3})),
                                                "propertyInfo",
                                                "/Doc_0/Signs/Sign_0/Signature.xml",
                                                "licenceIdentifier",
                                                TwoServices.marketSupervisionLicenceId()))),
                                true)
                        .statusCode())
                .isEqualTo(200);
        assertThat(send(
                                post(
                                        services.sealUrl,
                                        "/api/v1/signatures/pades",
                                        signer,
                                        "{\"sealId\":\"NO-SUCH-SEAL\",\"digest\":\""
                                                + Base64.getEncoder().encodeToString(digest) + "\"}"),
                                true)
                        .statusCode())
                .isEqualTo(404);
        assertThat(send(
                                post(
                                        services.sealUrl,
                                        "/api/v1/signatures/xml",
                                        signer,
                                        "{\"sealId\":\"ZYDEV-SEAL-0001\",\"signedInfo\":\""
                                                + Base64.getEncoder()
                                                        .encodeToString("<SignedInfo>not canonical</SignedInfo>"
                                                                .getBytes(StandardCharsets.UTF_8))
                                                + "\"}"),
                                true)
                        .statusCode())
                .isBetween(400, 499);

        // seal lifecycle: apply, approve, make (keys generated in custody), issue
        HttpResponse<String> applied = send(
                post(services.sealUrl, "/api/v1/seals", tokens.get("seal-applicant-demo"), AuditLogIT.applyBody()),
                true);
        assertThat(applied.statusCode()).isEqualTo(201);
        String seal = TwoServices.json(applied.body()).get("id").asString();
        assertThat(send(
                                post(
                                        services.sealUrl,
                                        "/api/v1/seals/" + seal + "/approve",
                                        tokens.get("seal-approver-demo"),
                                        "{\"reason\":\"批准\"}"),
                                true)
                        .statusCode())
                .isEqualTo(200);
        for (String step : List.of("make", "issue")) {
            assertThat(send(
                                    post(
                                            services.sealUrl,
                                            "/api/v1/seals/" + seal + "/" + step,
                                            tokens.get("seal-admin-demo"),
                                            "{\"reason\":\"制作\"}"),
                                    true)
                            .statusCode())
                    .as(step)
                    .isEqualTo(200);
        }
        assertThat(send(
                                get(
                                        services.sealUrl,
                                        "/api/v1/seals/" + seal + "/certificates",
                                        tokens.get("seal-admin-demo")),
                                true)
                        .statusCode())
                .isEqualTo(200);

        // holder sign-in
        HolderSession holder = HolderSession.signIn(services.licenceUrl, "990101198203154411");
        record(holder.get("/api/v1/holder/me"));

        // bad tokens: forged, garbage, a client secret, alg=none, on both services
        String none = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                + "." + tokens.get("approval-demo").split("\\.")[1] + ".";
        for (String bad : List.of(
                approval + "x",
                "approval-demo-secret",
                "seal-admin-secret",
                none,
                "a.b.c",
                approval.substring(0, approval.length() / 2))) {
            for (URI base : List.of(services.licenceUrl, services.sealUrl)) {
                String path = base == services.licenceUrl ? "/api/v1/licences/" + identifier : "/api/v1/seals";
                assertThat(send(get(base, path, bad), true).statusCode()).isEqualTo(401);
            }
        }
        // bad input
        assertThat(send(post(services.licenceUrl, "/api/v1/licences", approval, "{not json"), true)
                        .statusCode())
                .isEqualTo(400);
        assertThat(send(
                                post(
                                        services.licenceUrl,
                                        "/api/v1/licences",
                                        approval,
                                        "{\"licenceType\":\"business-licence\",\"fields\":{\"uscc\":\"bad\"}}"),
                                true)
                        .statusCode())
                .isEqualTo(400);
        assertThat(send(
                                HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/verifications"))
                                        .header("Content-Type", "application/pdf")
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(
                                                "%PDF-1.7 garbage".getBytes(StandardCharsets.UTF_8)))
                                        .build(),
                                true)
                        .statusCode())
                .isBetween(200, 499);
        assertThat(send(
                                HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licence-imports"))
                                        .header("Authorization", "Bearer " + approval)
                                        .header("Content-Type", "application/x-ndjson")
                                        .POST(HttpRequest.BodyPublishers.ofString(
                                                "{\"key\":\"sec-1\",\"licenceType\":\"business-licence\"}\n{broken\n"))
                                        .build(),
                                true)
                        .statusCode())
                .isBetween(200, 499);
        assertThat(send(post(services.sealUrl, "/api/v1/seals", tokens.get("seal-applicant-demo"), "[]"), true)
                        .statusCode())
                .isEqualTo(400);
        assertThat(send(get(services.licenceUrl, "/api/v1/audit-events?limit=1000", tokens.get("auditor-demo")), true)
                        .statusCode())
                .isEqualTo(200);
        assertThat(send(get(services.sealUrl, "/api/v1/audit-events?limit=1000", tokens.get("auditor-demo")), true)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void theLogsOfBothServicesHoldNoSecretNoTokenAndNoKey() {
        assertThat(CapturedLogs.active())
                .as("logback-test.xml attaches CapturedLogs")
                .isTrue();
        assertThat(CapturedLogs.truncated())
                .as("the captured logs are complete")
                .isFalse();
        String logs = CapturedLogs.all();
        assertThat(logs).contains("zhengyin.audit").contains("oauth2.client-authentication");
        List<String> leaks = new ArrayList<>();
        scanText("logs", logs, true, leaks);
        assertThat(leaks).isEmpty();
    }

    @Test
    void noResponseHoldsASecretOrAKeyAndTokensAppearOnlyInTokenResponses() {
        List<String> leaks = new ArrayList<>();
        List<String> responses;
        synchronized (seen) {
            responses = List.copyOf(seen);
        }
        assertThat(responses).hasSizeGreaterThan(30);
        for (int i = 0; i < responses.size(); i++) {
            scanText("response " + i, responses.get(i), true, leaks);
        }
        for (String body : tokenResponses) {
            scanText("token response", body, false, leaks);
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void noDocumentOfEitherStoreHoldsASecretATokenOrAKey() {
        List<String> leaks = new ArrayList<>();
        int documents = 0;
        for (var entry :
                Map.of("licence", services.licence, "seal", services.seal).entrySet()) {
            MongoDatabase database = entry.getValue().getBean(MongoDatabase.class);
            for (String collection : database.listCollectionNames()) {
                for (Document document : database.getCollection(collection).find()) {
                    documents++;
                    walk(entry.getKey() + "." + collection + "/" + document.get("_id"), document, leaks);
                }
            }
        }
        assertThat(documents).isGreaterThan(20);
        assertThat(leaks).isEmpty();
    }

    @Test
    void theScanFindsEachKindOfSecretWhenOneIsPlanted() {
        Needles n = needles();
        byte[] scalar =
                n.bytes().stream().filter(b -> b.length == 32).findFirst().orElseThrow();
        for (String planted : List.of(
                "client_secret=seal-admin-secret",
                "pass zhengyin-dev",
                "-----BEGIN PRIVATE KEY-----",
                "k=" + HexFormat.of().formatHex(scalar),
                "k=" + Base64.getEncoder().encodeToString(scalar),
                "Bearer " + tokens.get("approval-demo"))) {
            List<String> leaks = new ArrayList<>();
            scanText("planted", planted, true, leaks);
            assertThat(leaks).as(planted).isNotEmpty();
        }
        List<String> leaks = new ArrayList<>();
        byte[] binary = new byte[100];
        System.arraycopy(scalar, 0, binary, 30, 32);
        walk("planted", new Document("b", new Binary(binary)), leaks);
        assertThat(leaks).isNotEmpty();
    }

    // ---- what must never appear ----

    private record Needles(List<String> text, List<String> tokens, List<byte[]> bytes) {}

    private Needles needles;

    private Needles needles() {
        if (needles != null) {
            return needles;
        }
        List<String> text = new ArrayList<>(CLIENTS.values());
        text.add(wrongSecret);
        text.add("zhengyin-dev");
        text.add("PRIVATE KEY");
        List<byte[]> bytes = new ArrayList<>();
        for (byte[] key : devPrivateKeyMaterial()) {
            bytes.add(key);
            text.add(HexFormat.of().formatHex(key));
            text.add(HexFormat.of().withUpperCase().formatHex(key));
            text.add(Base64.getEncoder().encodeToString(key));
            text.add(Base64.getUrlEncoder().withoutPadding().encodeToString(key));
        }
        needles = new Needles(text, List.copyOf(tokens.values()), bytes);
        return needles;
    }

    /** Every private key of keys-dev/*.p12: its PKCS#8 encoding and its raw secret (EC scalar, RSA exponent). */
    private static List<byte[]> devPrivateKeyMaterial() {
        List<byte[]> material = new ArrayList<>();
        try (Stream<Path> files = Files.list(TwoServices.KEYS)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".p12")).sorted().toList()) {
                KeyStore store = KeyStore.getInstance("PKCS12", new BouncyCastleProvider());
                try (InputStream in = Files.newInputStream(file)) {
                    store.load(in, "zhengyin-dev".toCharArray());
                }
                for (String alias : Collections.list(store.aliases())) {
                    if (store.isKeyEntry(alias)) {
                        PrivateKey key = (PrivateKey) store.getKey(alias, "zhengyin-dev".toCharArray());
                        material.add(key.getEncoded());
                        if (key instanceof ECPrivateKey ec) {
                            material.add(fixed(ec.getS(), 32));
                        } else if (key instanceof RSAPrivateCrtKey rsa) {
                            material.add(rsa.getPrivateExponent().toByteArray());
                        }
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the dev PKI key stores in " + TwoServices.KEYS, e);
        }
        assertThat(material).as("dev-seal.p12 and the other dev keys were read").hasSizeGreaterThan(10);
        return material;
    }

    private static byte[] fixed(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }

    private void scanText(String where, String text, boolean tokensToo, List<String> leaks) {
        Needles n = needles();
        for (String needle : n.text()) {
            int at = text.indexOf(needle);
            if (at >= 0) {
                leaks.add(where + " contains '" + abbreviate(needle) + "': …" + context(text, at) + "…");
            }
        }
        if (tokensToo) {
            for (String token : n.tokens()) {
                int at = text.indexOf(token);
                if (at >= 0) {
                    leaks.add(where + " contains a bearer token issued in this test: …" + context(text, at) + "…");
                }
            }
        }
    }

    private void walk(String where, Object value, List<String> leaks) {
        switch (value) {
            case Document d ->
                d.forEach((k, v) -> {
                    scanText(where + "." + k + " (field name)", k, true, leaks);
                    walk(where + "." + k, v, leaks);
                });
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    walk(where + "[" + i + "]", list.get(i), leaks);
                }
            }
            case Binary binary -> scanBytes(where, binary.getData(), leaks);
            case byte[] raw -> scanBytes(where, raw, leaks);
            case String s -> scanText(where, s, true, leaks);
            case null -> {}
            default -> scanText(where, String.valueOf(value), true, leaks);
        }
    }

    private void scanBytes(String where, byte[] data, List<String> leaks) {
        for (byte[] needle : needles().bytes()) {
            if (indexOf(data, needle) >= 0) {
                leaks.add(where + " contains private key bytes (" + needle.length + " bytes)");
            }
        }
        scanText(where + " (as text)", new String(data, StandardCharsets.ISO_8859_1), true, leaks);
    }

    private static String context(String text, int at) {
        return text.substring(Math.max(0, at - 80), Math.min(text.length(), at + 40))
                .replace('\n', ' ');
    }

    private static String abbreviate(String needle) {
        return needle.length() <= 24 ? needle : needle.substring(0, 12) + "…(" + needle.length() + " chars)";
    }

    // ---- requests, every answer kept ----

    private HttpResponse<String> tokenBasic(String client, String secret, String scope) {
        return send(
                HttpRequest.newBuilder(services.licenceUrl.resolve("/oauth2/token"))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        (client + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                                + URLEncoder.encode(scope, StandardCharsets.UTF_8)))
                        .build(),
                false);
    }

    private HttpResponse<String> tokenBasicSeen(String client, String secret, String scope) {
        return record(tokenBasic(client, secret, scope));
    }

    private HttpResponse<String> send(HttpRequest request, boolean keep) {
        HttpResponse<String> response = services.send(request);
        return keep ? record(response) : response;
    }

    private HttpResponse<String> record(HttpResponse<String> response) {
        seen.add(headers(response.headers()) + "\n" + response.body());
        return response;
    }

    private static String headers(HttpHeaders headers) {
        StringBuilder out = new StringBuilder();
        headers.map()
                .forEach((k, v) ->
                        out.append(k).append(": ").append(String.join(", ", v)).append('\n'));
        return out.toString();
    }

    private static HttpRequest get(URI base, String path, String token) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
    }

    private static HttpRequest post(URI base, String path, String token, String json) {
        return AuditLogIT.post(base, path, token, json);
    }
}
