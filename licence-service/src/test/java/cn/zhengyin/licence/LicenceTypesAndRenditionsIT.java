package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import cn.zhengyin.licence.rendition.LicenceXmlRenderer;
import cn.zhengyin.trust.crypto.Digests;
import cn.zhengyin.trust.ofd.OfdPackage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ofdrw.reader.ContentExtractor;
import org.ofdrw.reader.OFDReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every shipped licence type, through the API: its sample is issued, amended and revoked; the PDF passes poppler's
 * pdfsig, the XML passes xmlsec1 against the dev trust anchor and the published schema, the JSON rendition carries
 * the GB/T 36903 metadata, the OFD opens in ofdrw's reader, and all three files verify through the verification API;
 * a tampered OFD fails.
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
        if (slug.equals("business-licence")) {
            fields.put("uscc", Holders.uniqueUscc()); // a company holds one 营业执照 in force: a company of its own
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

        // OFD (GB/T 33190) sealed with GB/T 38540: registered with both hashes, opened by ofdrw's reader, verified
        JsonNode ofdRendition = v1.get("renditions").get("OFD");
        assertThat(ofdRendition).as(v1.toString()).isNotNull();
        byte[] ofd = download(id1, "ofd");
        assertThat(ofdRendition.get("sha256").asString()).isEqualTo(Digests.sha256Hex(ofd));
        assertThat(ofdRendition.get("sm3").asString()).isEqualTo(HexFormat.of().formatHex(Digests.sm3(ofd)));
        try (OFDReader reader = new OFDReader(new ByteArrayInputStream(ofd))) {
            assertThat(String.join("", new ContentExtractor(reader).extractAll()))
                    .contains(v1.get("holderName").asString(), id1);
            assertThat(reader.getOFDDir()
                            .getOfd()
                            .getDocBody()
                            .getDocInfo()
                            .getCustomDatas()
                            .getCustomDataValue("证照标识"))
                    .isEqualTo(id1);
            assertThat(reader.hasSignature()).isTrue();
        }
        JsonNode ofdReport = verify(ofd, "application/ofd");
        assertThat(ofdReport.get("indication").asString())
                .as(ofdReport.toString())
                .isEqualTo("TOTAL_PASSED");
        assertThat(ofdReport.get("conclusion").asString()).isEqualTo("VALID");
        assertThat(ofdReport.get("registry").get("identifier").asString()).isEqualTo(id1);
        assertThat(ofdReport.toString())
                .contains(
                        "ofd.references.digests",
                        "ofd.references.coverage",
                        "ses.signature.timestamp",
                        "ses.signature.signer-revocation");

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
        JsonNode oldOfd = verify(ofd, "application/octet-stream");
        assertThat(oldOfd.get("conclusion").asString()).isEqualTo("NOT_IN_FORCE");
        assertThat(oldOfd.get("registry").get("licenceStatus").asString()).isEqualTo("REVOKED");
        if (slug.equals("business-licence")) {
            tamperedOfdsFail(ofd);
        }
    }

    /** The verification API fails an issued OFD with any part changed, a part added or a second unsigned page. */
    private void tamperedOfdsFail(byte[] ofd) {
        OfdPackage pkg = OfdPackage.read(ofd);
        Map<String, byte[]> cases = new LinkedHashMap<>();
        for (String part : List.of(
                "Doc_0/Pages/Page_0/Content.xml",
                "Doc_0/DocumentRes.xml",
                "Doc_0/Signs/Signatures.xml",
                "Doc_0/Signs/Sign_0/Signature.xml",
                "Doc_0/Signs/Sign_0/Seal.esl",
                "Doc_0/Signs/Sign_0/SignedValue.dat",
                "OFD.xml")) {
            byte[] bytes = pkg.part(part).orElseThrow();
            bytes[bytes.length / 2] ^= 0x01;
            cases.put(part, pkg.with(part, bytes).write());
        }
        String font =
                pkg.names().stream().filter(n -> n.endsWith(".ttf")).findFirst().orElseThrow();
        byte[] fontBytes = pkg.part(font).orElseThrow();
        fontBytes[fontBytes.length / 2] ^= 0x01;
        cases.put("a resource: " + font, pkg.with(font, fontBytes).write());
        cases.put(
                "a part added after sealing",
                pkg.with("Doc_0/Res/extra.png", new byte[] {1, 2, 3}).write());
        cases.put(
                "a second, unsigned page",
                pkg.with(
                                "Doc_0/Pages/Page_1/Content.xml",
                                pkg.part("Doc_0/Pages/Page_0/Content.xml").orElseThrow())
                        .write());
        cases.forEach((what, bytes) -> {
            JsonNode report = verify(bytes, "application/ofd");
            assertThat(report.get("indication").asString()).as(what).isEqualTo("TOTAL_FAILED");
            assertThat(report.get("conclusion").asString()).as(what).isEqualTo("FAILED");
        });
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
