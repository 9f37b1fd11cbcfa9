package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import cn.zhengyin.licence.rendition.LicenceXmlRenderer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every shipped licence type, through the API: its sample is issued, amended and revoked; the PDF passes poppler's
 * pdfsig, the XML passes xmlsec1 against the dev trust anchor and the published schema, the JSON rendition carries
 * the GB/T 36903 metadata, and both files verify through the verification API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LicenceTypesAndRenditionsIT {
    private TwoServices services;
    private String token;

    @BeforeAll
    void start() {
        services = TwoServices.shared();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"business-licence", "food-business-licence", "forest-right-certificate", "physician-certificate"
            })
    void eachTypeIsIssuedAmendedAndRevokedAndItsRenditionsVerify(String slug, @TempDir Path dir) throws Exception {
        // each type by the approval system of the authority that issues it (each authority seals with its own seal)
        token = services.approvalTokenFor(slug, "licence:issue licence:status licence:read");
        JsonNode type = TwoServices.json(
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licence-types/" + slug))
                                .GET()
                                .build())
                        .body());
        ObjectNode fields = (ObjectNode) TwoServices.JSON
                .readTree(Files.readString(TwoServices.TEMPLATES.resolve(slug).resolve("sample.json")))
                .get("fields");
        for (JsonNode f : type.get("fields")) {
            if (f.has("role") && f.get("role").asString().equals("ISSUING_AUTHORITY")) {
                fields.remove(f.get("key").asString()); // the service fills in the approval system's authority
            }
        }
        ObjectNode request =
                TwoServices.JSON.createObjectNode().put("licenceType", slug).put("caseNumber", "IT-" + slug);
        request.set("fields", fields);
        JsonNode v1 = body(post("/api/v1/licences", request.toString(), "it-" + UUID.randomUUID()), 201);
        String id1 = v1.get("identifier").asString();
        assertThat(v1.get("licenceTypeName").asString())
                .isEqualTo(type.get("certificateTypeName").asString());
        assertThat(v1.get("renditions").has("PDF")).isTrue();
        assertThat(v1.get("renditions").has("XML")).isTrue();

        byte[] pdf = download(id1, "pdf");
        byte[] xml = download(id1, "xml");
        assertThat(pdfsig(dir, pdf)).contains("Signature is Valid"); // followed by the B-LT DSS update
        new LicenceXmlRenderer().validate(xml);
        assertThat(xmlsec1(dir, xml)).contains("OK");
        assertThat(verify(pdf, "application/pdf").get("indication").asString()).isEqualTo("TOTAL_PASSED");
        JsonNode xmlReport = verify(xml, "application/xml");
        assertThat(xmlReport.get("indication").asString())
                .as(xmlReport.toString())
                .isEqualTo("TOTAL_PASSED");
        assertThat(xmlReport.get("registry").get("identifier").asString()).isEqualTo(id1);

        JsonNode json = body(get("/api/v1/licences/" + id1 + "/json"), 200);
        assertThat(json.get("metadata").get("certificateIdentifier").asString()).isEqualTo(id1);
        assertThat(json.get("metadata").get("certificateTypeCode").asString())
                .isEqualTo(type.get("certificateTypeCode").asString());
        assertThat(json.get("metadata").get("certificateHolderCode").asString())
                .isEqualTo(v1.get("holderCode").asString());

        JsonNode v2 = body(
                post(
                        "/api/v1/licences/" + id1 + "/amendments",
                        "{\"caseNumber\":\"IT-AMEND\",\"reason\":\"变更登记\",\"fields\":{}}",
                        null),
                201);
        assertThat(v2.get("version").asString()).isEqualTo("002");
        JsonNode revoked = body(
                post(
                        "/api/v1/licences/" + id1 + "/revocation",
                        "{\"reason\":\"依法吊销\",\"caseNumber\":\"IT-REVOKE\"}",
                        null),
                200);
        assertThat(revoked.get("status").asString()).isEqualTo("REVOKED");

        JsonNode oldReport = verify(pdf, "application/pdf");
        assertThat(oldReport.get("registry").get("isCurrentVersion").asBoolean())
                .isFalse();
        assertThat(oldReport.get("registry").get("licenceStatus").asString()).isEqualTo("REVOKED");
        assertThat(oldReport.get("summaryZh").asString()).contains("吊销");
    }

    private byte[] download(String identifier, String kind) {
        HttpResponse<byte[]> response = services.sendForBytes(
                HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences/" + identifier + "/" + kind))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private JsonNode verify(byte[] file, String contentType) {
        return body(
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/verifications"))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(file))
                        .build()),
                200);
    }

    private HttpResponse<String> post(String path, String json, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(services.licenceUrl.resolve(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return services.send(b.build());
    }

    private HttpResponse<String> get(String path) {
        return services.send(HttpRequest.newBuilder(services.licenceUrl.resolve(path))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build());
    }

    private static JsonNode body(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return TwoServices.json(response.body());
    }

    private static String pdfsig(Path dir, byte[] pdf) throws Exception {
        Path file = dir.resolve("licence.pdf");
        Files.write(file, pdf);
        return run(dir, "/usr/bin/pdfsig", file.toString());
    }

    private static String xmlsec1(Path dir, byte[] xml) throws Exception {
        Path file = dir.resolve("licence.xml");
        Files.write(file, xml);
        return run(
                dir,
                "/usr/bin/xmlsec1",
                "--verify",
                "--trusted-pem",
                TwoServices.KEYS.resolve("root-ca.crt.pem").toString(),
                "--id-attr:Id",
                "urn:zhengyin:licence:1:LicenceDocument",
                "--id-attr:Id",
                "http://uri.etsi.org/01903/v1.3.2#:SignedProperties",
                file.toString());
    }

    private static String run(Path dir, String... command) throws Exception {
        assumeThat(Files.isExecutable(Path.of(command[0])))
                .as(command[0] + " is installed")
                .isTrue();
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command)))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
