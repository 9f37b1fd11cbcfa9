package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.pki.Pem;
import cn.zhengyin.trust.validation.CertificateChainValidator;
import cn.zhengyin.trust.validation.Outcome;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hash-only verification ({@code POST /api/v1/verifications} with an identifier and a hash: the file never leaves the
 * caller) and the JWS receipts every report and public status answer carries (docs/verification.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HashOnlyVerificationAndReceiptsIT {
    private static final String ISSUE = """
            {"licenceType": "business-licence", "caseNumber": "XF-2026-HASH-1", "fields": {
              "uscc": "%s", "licenceNumber": "99010000202611217777",
              "name": "示范市哈希核验科技有限公司", "entityType": "有限责任公司（自然人投资或控股）",
              "legalRepresentative": "林晓峰", "businessScope": "软件开发。", "registeredCapital": 500,
              "establishedDate": "2019-03-12", "operatingFrom": "2019-03-12", "address": "示范市青禾区科创大道88号"}}
            """;
    private TwoServices services;
    private String token;
    private String first;
    private String second;
    private byte[] firstPdf;
    private byte[] secondPdf;
    private Set<X509Certificate> anchors;

    @BeforeAll
    void issueAndAmend() throws Exception {
        services = TwoServices.shared();
        token = services.token("approval-demo", "approval-demo-secret", "licence:issue licence:status licence:read");
        first = body(post("/api/v1/licences", ISSUE.formatted(Holders.uniqueUscc()), token), 201)
                .get("identifier")
                .asString();
        firstPdf = pdf(first);
        second = body(
                        post(
                                "/api/v1/licences/" + first + "/amendments",
                                "{\"caseNumber\":\"XF-2026-HASH-2\",\"reason\":\"住所变更\",\"fields\":{\"address\":\"示范市新港路9号\"}}",
                                token),
                        201)
                .get("identifier")
                .asString();
        secondPdf = pdf(second);
        anchors =
                new HashSet<>(Pem.parseCertificates(Files.readAllBytes(TwoServices.KEYS.resolve("trust-anchors.pem"))));
    }

    @Test
    void theHashOfTheCurrentPdfMatchesAndTheReportSaysNoSignatureWasChecked() {
        JsonNode report =
                body(verify("{\"identifier\":\"" + second + "\",\"sha256\":\"" + sha256(secondPdf) + "\"}"), 200);

        assertThat(report.get("indication").asString()).isEqualTo("TOTAL_PASSED");
        assertThat(report.get("mode").asString()).isEqualTo("HASH_ONLY");
        assertThat(report.get("registry").get("found").asBoolean()).isTrue();
        assertThat(report.get("registry").get("isCurrentVersion").asBoolean()).isTrue();
        assertThat(report.get("registry").get("licenceStatus").asString()).isEqualTo("VALID");
        assertThat(check(report, "registry.file-hash").get("message").asString())
                .contains("pdf rendition");
        assertThat(check(report, "signature.not-checked").get("outcome").asString())
                .isEqualTo("NOT_CHECKED");
        assertThat(report.get("summaryZh").asString()).contains("哈希核验通过", "现行版本", "有效", "未验证电子签章");
        assertThat(report.get("summaryEn").asString()).contains("no signature was checked");
        assertThat(report.get("transparency").get("identifier").asString()).isEqualTo(second);
        assertThat(report.get("transparency").get("inclusions")).isNotEmpty();
    }

    @Test
    void aRegisteredPdfWithADocumentTimestampAppendedLaterIsStillRecognisedByItsSignedRevision() throws Exception {
        byte[] stamped = withDocumentTimestamp(secondPdf);
        assertThat(sha256(stamped)).isNotEqualTo(sha256(secondPdf));

        HttpResponse<byte[]> reply = services.sendForBytes(
                java.net.http.HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/verifications"))
                        .header("Content-Type", "application/pdf")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(stamped))
                        .build());
        JsonNode report = TwoServices.json(new String(reply.body(), java.nio.charset.StandardCharsets.UTF_8));

        assertThat(report.get("indication").asString()).isEqualTo("TOTAL_PASSED");
        assertThat(report.get("registry").get("identifier").asString()).isEqualTo(second);
        assertThat(report.get("registry").get("message").asString()).contains("signed revision");
    }

    /** Appends a document time-stamp revision with a token from the seal service's TSA, as an archive would. */
    private byte[] withDocumentTimestamp(byte[] pdf) throws Exception {
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf);
                var options = new org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions()) {
            var timestamp = new org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature();
            timestamp.setType(org.apache.pdfbox.cos.COSName.DOC_TIME_STAMP);
            timestamp.setFilter(
                    org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature.FILTER_ADOBE_PPKLITE);
            timestamp.setSubFilter(org.apache.pdfbox.cos.COSName.getPDFName("ETSI.RFC3161"));
            options.setPreferredSignatureSize(12288);
            document.addSignature(timestamp, options);
            var out = new java.io.ByteArrayOutputStream();
            var external = document.saveIncrementalForExternalSigning(out);
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(external.getContent().readAllBytes());
            var generator = new org.bouncycastle.tsp.TimeStampRequestGenerator();
            generator.setCertReq(true);
            var request = generator.generate(
                    org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256,
                    digest,
                    java.math.BigInteger.valueOf(7));
            HttpResponse<byte[]> reply =
                    services.sendForBytes(java.net.http.HttpRequest.newBuilder(services.sealUrl.resolve("/tsa"))
                            .header("Content-Type", "application/timestamp-query")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(request.getEncoded()))
                            .build());
            assertThat(reply.statusCode()).isEqualTo(200);
            var response = new org.bouncycastle.tsp.TimeStampResponse(reply.body());
            response.validate(request);
            external.setSignature(response.getTimeStampToken().getEncoded());
            return out.toByteArray();
        }
    }

    @Test
    void theHashOfASupersededVersionMatchesThatVersionAndSaysItIsSuperseded() throws Exception {
        byte[] sm3 =
                MessageDigest.getInstance("SM3", new BouncyCastleProvider()).digest(firstPdf);
        JsonNode report = body(
                verify("{\"identifier\":\"" + first + "\",\"sm3\":\""
                        + HexFormat.of().formatHex(sm3) + "\"}"),
                200);

        assertThat(report.get("indication").asString()).isEqualTo("TOTAL_PASSED");
        assertThat(report.get("registry").get("isCurrentVersion").asBoolean()).isFalse();
        assertThat(report.get("registry").get("currentVersion").asString()).isEqualTo(second);
        assertThat(check(report, "registry.current-version").get("outcome").asString())
                .isEqualTo("WARNING");
        assertThat(report.get("summaryZh").asString()).contains("已被新版本取代");
    }

    @Test
    void aHashThatMatchesNoRenditionOfTheAskedVersionFailsAndNamesTheVersionItDoesMatch() {
        JsonNode report = body(
                verify("{\"identifier\":\"" + second + "\",\"version\":\"001\",\"sha256\":\"" + sha256(secondPdf)
                        + "\"}"),
                200);

        assertThat(report.get("indication").asString()).isEqualTo("TOTAL_FAILED");
        assertThat(report.get("subIndication").asString()).isEqualTo("HASH_FAILURE");
        assertThat(check(report, "registry.file-hash").get("message").asString())
                .contains("version " + second);
        assertThat(report.get("summaryEn").asString()).startsWith("Hash not matched");
        assertThat(report.get("receipt").asString()).isNotBlank();
    }

    @Test
    void anUnknownIdentifierIsAFailedReportNotAnError() {
        var id = cn.zhengyin.trust.identifier.LicenceIdentifier.parse(first);
        String valid = new cn.zhengyin.trust.identifier.LicenceIdentifier(
                        id.typeCode(), id.issuerCode(), "ZZZZ99999", 1)
                .toString();
        JsonNode report =
                body(verify("{\"identifier\":\"" + valid + "\",\"sha256\":\"" + sha256(firstPdf) + "\"}"), 200);
        assertThat(report.get("indication").asString()).isEqualTo("TOTAL_FAILED");
        assertThat(report.get("subIndication").asString()).isEqualTo("SIGNED_DATA_NOT_FOUND");
        assertThat(report.get("registry").get("found").asBoolean()).isFalse();

        JsonNode garbled =
                body(verify("{\"identifier\":\"not-an-identifier\",\"sha256\":\"" + sha256(firstPdf) + "\"}"), 200);
        assertThat(garbled.get("subIndication").asString()).isEqualTo("FORMAT_FAILURE");

        assertThat(verify("{\"identifier\":\"" + first + "\",\"sha256\":\"abc\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(verify("{\"identifier\":\"" + first + "\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void everyReportCarriesAReceiptThatVerifiesAndAChangedPayloadByteBreaksIt() throws Exception {
        HttpResponse<String> response =
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/verifications"))
                        .header("Content-Type", "application/pdf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(secondPdf))
                        .build());
        JsonNode answer = body(response, 200);
        assertThat(answer.get("indication").asString()).isEqualTo("TOTAL_PASSED");
        JWSObject receipt = JWSObject.parse(answer.get("receipt").asString());

        JsonNode payload = assertValid(receipt);
        assertThat(payload.get("kind").asString()).isEqualTo("licence-verification");
        ObjectNode withoutReceipt = ((ObjectNode) answer.deepCopy());
        withoutReceipt.remove("receipt");
        assertThat(payload.get("report")).isEqualTo(withoutReceipt);

        String[] parts = answer.get("receipt").asString().split("\\.");
        byte[] bytes = Base64URL.from(parts[1]).decode();
        String text = new String(bytes, StandardCharsets.UTF_8);
        int at = text.indexOf("TOTAL_PASSED");
        bytes[at + 6] = 'F'; // TOTAL_PASSED -> TOTAL_FASSED
        JWSObject tampered = JWSObject.parse(parts[0] + "." + Base64URL.encode(bytes) + "." + parts[2]);
        assertThat(tampered.verify(new ECDSAVerifier(
                        (ECPublicKey) chain(tampered).getFirst().getPublicKey())))
                .isFalse();

        JsonNode keys = body(
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/verifications/receipt-keys"))
                        .GET()
                        .build()),
                200);
        assertThat(keys.get("keys")).singleElement().satisfies(k -> {
            assertThat(k.get("kid").asString()).isEqualTo(receipt.getHeader().getKeyID());
            assertThat(k.get("alg").asString()).isEqualTo("ES256");
            assertThat(k.has("d")).isFalse();
        });
    }

    @Test
    void thePublicStatusJsonCarriesAReceiptToo() throws Exception {
        JsonNode status = body(
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/v/" + first))
                        .header("Accept", "application/json")
                        .GET()
                        .build()),
                200);
        JsonNode payload = assertValid(JWSObject.parse(status.get("receipt").asString()));
        assertThat(payload.get("kind").asString()).isEqualTo("licence-status");
        assertThat(payload.get("report").get("identifier").asString()).isEqualTo(first);
        assertThat(payload.get("report").get("currentVersion").asBoolean()).isFalse();
    }

    private JsonNode assertValid(JWSObject receipt) throws Exception {
        assertThat(receipt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(receipt.getHeader().getType().getType()).isEqualTo("zhengyin-verification-report+jwt");
        List<X509Certificate> chain = chain(receipt);
        assertThat(chain.getFirst().getSubjectX500Principal().getName()).contains("Verification Report Signer");
        assertThat(receipt.verify(
                        new ECDSAVerifier((ECPublicKey) chain.getFirst().getPublicKey())))
                .isTrue();
        JsonNode payload = TwoServices.json(receipt.getPayload().toString());
        var validation = new CertificateChainValidator(anchors, List.of())
                .validate(
                        chain.getFirst(),
                        chain.subList(1, chain.size()),
                        java.time.Instant.ofEpochSecond(payload.get("iat").asLong()));
        assertThat(validation.chain().outcome())
                .as(validation.chain().message())
                .isEqualTo(Outcome.PASSED);
        // not the transparency log's key
        X509Certificate log = Pem.parseCertificates(Files.readAllBytes(TwoServices.KEYS.resolve("translog.crt.pem")))
                .getFirst();
        assertThat(chain.getFirst().getPublicKey()).isNotEqualTo(log.getPublicKey());
        return payload;
    }

    private static List<X509Certificate> chain(JWSObject receipt) throws Exception {
        List<X509Certificate> chain = new ArrayList<>();
        for (Base64 der : receipt.getHeader().getX509CertChain()) {
            chain.add((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der.decode())));
        }
        return chain;
    }

    private static JsonNode check(JsonNode report, String id) {
        for (JsonNode check : report.get("document").get("documentChecks")) {
            if (check.get("id").asString().equals(id)) {
                return check;
            }
        }
        throw new AssertionError("no check " + id + " in " + report);
    }

    private byte[] pdf(String identifier) {
        HttpResponse<byte[]> response = services.sendForBytes(
                HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences/" + identifier + "/pdf"))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> verify(String json) {
        return services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/verifications"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build());
    }

    private HttpResponse<String> post(String path, String json, String bearer) {
        return services.send(HttpRequest.newBuilder(services.licenceUrl.resolve(path))
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "hash-it-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build());
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode body(HttpResponse<String> response, int expected) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        return TwoServices.json(response.body());
    }
}
