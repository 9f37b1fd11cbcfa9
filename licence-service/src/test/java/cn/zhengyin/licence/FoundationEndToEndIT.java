package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.mongodb.client.MongoDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The foundation issue's acceptance, against both services running for real: an approval system issues a business
 * licence, the PDF comes back sealed by the seal service (only the digest travels), independent tools accept it, the
 * verification API passes it and fails tampered copies, and bad input gets problem+json without storing anything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FoundationEndToEndIT {
    private static final String SAMPLE = """
            {
              "licenceType": "business-licence",
              "caseNumber": "XF-2026-000123",
              "fields": {
                "uscc": "91990100MA00XF8K1E",
                "licenceNumber": "99010000202611210001",
                "name": "示范市青禾数字科技有限公司",
                "entityType": "有限责任公司（自然人投资或控股）",
                "legalRepresentative": "林晓峰",
                "businessScope": "一般项目：技术服务、技术开发、技术咨询；软件开发；信息系统集成服务。",
                "registeredCapital": 500,
                "establishedDate": "2019-03-12",
                "operatingFrom": "2019-03-12",
                "address": "示范市青禾区科创大道88号2号楼1203室"
              }
            }
            """;

    private final java.util.Map<String, String> companies = new java.util.concurrent.ConcurrentHashMap<>();
    private TwoServices services;
    private String token;
    private String holderCode; // of the licence issued first
    private String identifier;
    private byte[] pdf;

    @BeforeAll
    void startAndIssueOne() {
        services = TwoServices.shared();
        token = services.approvalToken();
        String key = "it-" + UUID.randomUUID();
        HttpResponse<String> issued = issue(SAMPLE, key);
        holderCode = companies.get(key);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        identifier = TwoServices.json(issued.body()).get("identifier").asString();
        HttpResponse<byte[]> file = services.sendForBytes(get("/api/v1/licences/" + identifier + "/pdf"));
        assertThat(file.statusCode()).isEqualTo(200);
        pdf = file.body();
    }

    // ---- issuance --------------------------------------------------------------------------------------------

    @Test
    void issuedLicenceHasAValidGbt36904IdentifierAndItsMetadata() {
        assertThat(identifier)
                .matches(
                        "1\\.2\\.156\\.3005\\.2\\.11100000XF0000001X001\\.11110100000000019Q\\.\\d{11}\\.001\\.[0-9A-Z]");
        assertThat(cn.zhengyin.trust.identifier.LicenceIdentifier.isValid(identifier))
                .isTrue();
        HttpResponse<String> metadata = services.send(get("/api/v1/licences/" + identifier));
        assertThat(metadata.statusCode()).isEqualTo(200);
        JsonNode view = TwoServices.json(metadata.body());
        assertThat(view.get("status").asString()).isEqualTo("VALID");
        assertThat(view.get("holderCode").asString()).isEqualTo(holderCode);
        assertThat(view.get("issuerName").asString()).isEqualTo("证印示范市市场监督管理局");
        assertThat(view.get("fields").get("name").asString()).isEqualTo("示范市青禾数字科技有限公司");
        assertThat(view.get("renditions").get("PDF").get("sha256").asString()).isEqualTo(sha256Hex(pdf));
    }

    @Test
    void retryWithTheSameIdempotencyKeyReturnsTheFirstLicence() {
        String key = "retry-" + UUID.randomUUID();
        HttpResponse<String> first = issue(SAMPLE, key);
        HttpResponse<String> retry = issue(SAMPLE, key);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(TwoServices.json(retry.body()).get("identifier").asString())
                .isEqualTo(TwoServices.json(first.body()).get("identifier").asString());
        HttpResponse<String> reusedForOther = issue(SAMPLE.replace("林晓峰", "王小明"), key);
        assertThat(reusedForOther.statusCode()).isEqualTo(422);
        assertProblem(reusedForOther, "idempotency-key-reused");
    }

    // ---- the PDF, checked by independent tools ---------------------------------------------------------------

    @Test
    void popplerPdfsigReportsTheSignatureValidAndTheDocumentTimestampCoveringTheWholeFile(@TempDir Path dir)
            throws Exception {
        String out = run(dir, "pdfsig", write(dir, pdf));
        // PAdES-BASELINE-LTA: the seal signature, then a DSS update and a document time-stamp over the whole file
        // (poppler 22.12 does not validate ETSI.RFC3161 tokens; interop-tests checks them with openssl ts).
        assertThat(out)
                .contains("Signature is Valid")
                .contains("证印示范市市场监督管理局电子证照专用章")
                .doesNotContain("Signature is Invalid");
        assertThat(out.substring(out.indexOf("Signature #2:")))
                .contains("Zhengyin Dev TSA")
                .contains("Total document signed");
    }

    @Test
    void extractedTextContainsTheChineseFieldValues(@TempDir Path dir) throws Exception {
        String text = run(dir, "pdftotext", write(dir, pdf), "-");
        assertThat(text).contains("营业执照", "示范市青禾数字科技有限公司", "林晓峰", holderCode, "示范市青禾区科创大道88号2号楼1203室");
    }

    @Test
    void theCjkFontIsEmbeddedAsASubset(@TempDir Path dir) throws Exception {
        String fonts = run(dir, "pdffonts", write(dir, pdf));
        assertThat(fonts).containsPattern("[A-Z]{6}\\+BousungEG-Light-GB\\s+CID TrueType\\s+Identity-H\\s+yes yes yes");
    }

    // ---- GB 18030-2022 characters (issue #19) -----------------------------------------------------------------

    /** A holder named with characters outside GB 2312: Extension B (𪚥, 𠀀), Extension A (䶮), GBK (堃, 龍). */
    private static final String RARE_NAME = "𪚥䶮堃龍数字科技有限公司";

    private static final String RARE_REPRESENTATIVE = "王𠀀";

    @Test
    void aHolderNamedWithExtensionBCharactersGetsALicenceWhoseFilesCarryTheName(@TempDir Path dir) throws Exception {
        HttpResponse<String> issued = issue(
                SAMPLE.replace("示范市青禾数字科技有限公司", RARE_NAME).replace("林晓峰", RARE_REPRESENTATIVE),
                "rare-" + UUID.randomUUID());
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        JsonNode view = TwoServices.json(issued.body());
        assertThat(view.get("holderName").asString()).isEqualTo(RARE_NAME);
        String id = view.get("identifier").asString();

        byte[] rarePdf =
                services.sendForBytes(get("/api/v1/licences/" + id + "/pdf")).body();
        Path file = write(dir, rarePdf);
        assertThat(run(dir, "pdftotext", "-enc", "UTF-8", file, "-").replaceAll("\\s+", ""))
                .contains(RARE_NAME, RARE_REPRESENTATIVE, "统一社会信用代码");
        String fonts = run(dir, "pdffonts", file);
        java.util.List<String> rows = fonts.lines().skip(2).toList();
        assertThat(rows)
                .as(fonts)
                .hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(row -> assertThat(row)
                        .as("embedded subset: " + row)
                        .matches("[A-Z]{6}\\+\\S+\\s+CID TrueType\\s+Identity-H\\s+yes\\s+yes\\s+yes.*"));
        assertThat(fonts).contains("+BousungEG-Light-GB", "+HanaMinA", "+HanaMinB");
        assertThat(verify(rarePdf, "application/pdf").get("indication").asString())
                .isEqualTo("TOTAL_PASSED");

        HttpResponse<byte[]> xml = services.sendForBytes(get("/api/v1/licences/" + id + "/xml"));
        assertThat(xml.statusCode()).isEqualTo(200);
        assertThat(new String(xml.body(), StandardCharsets.UTF_8)).contains(RARE_NAME, RARE_REPRESENTATIVE);

        byte[] ofd =
                services.sendForBytes(get("/api/v1/licences/" + id + "/ofd")).body();
        try (org.ofdrw.reader.OFDReader reader =
                new org.ofdrw.reader.OFDReader(new java.io.ByteArrayInputStream(ofd))) {
            assertThat(String.join("", new org.ofdrw.reader.ContentExtractor(reader).extractAll()))
                    .contains(RARE_NAME, RARE_REPRESENTATIVE);
        }
        assertThat(verify(ofd, "application/ofd").get("indication").asString()).isEqualTo("TOTAL_PASSED");
    }

    @Test
    void aCharacterNoFontHasIs400NamingFieldAndCodePointAndTakesNoSerialNorTheKey() {
        String key = "glyph-" + UUID.randomUUID();
        long serials = serialsTaken();
        long before = storedLicences();

        HttpResponse<String> refused = issue(SAMPLE.replace("林晓峰", "林𰀀峰"), key); // U+30000, Extension G
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode error =
                assertProblem(refused, "validation-failed").get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("legalRepresentative");
        assertThat(error.get("message").asString()).contains("U+30000");
        assertThat(serialsTaken()).as("no serial number taken").isEqualTo(serials);
        assertThat(storedLicences()).isEqualTo(before);

        HttpResponse<String> corrected = issue(SAMPLE.replace("林晓峰", "林𠀀峰"), key);
        assertThat(corrected.statusCode())
                .as("the key is free for the corrected request")
                .isEqualTo(201);
        assertThat(serialsTaken()).isEqualTo(serials + 1);
    }

    @Test
    void controlBidiZeroWidthAndBrokenCharactersAre400NamingTheCodePoint() {
        long serials = serialsTaken();
        java.util.Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("林\\u0000峰", "U+0000");
        cases.put("林\\r\\n峰", "U+000D");
        cases.put("林\\u202e峰", "U+202E");
        cases.put("林\\u200b峰", "U+200B");
        cases.put("林\\ud840峰", "U+D840");
        cases.forEach((json, codePoint) -> {
            HttpResponse<String> refused = issue(SAMPLE.replace("林晓峰", json), null);
            assertThat(refused.statusCode()).as(json + ": " + refused.body()).isEqualTo(400);
            JsonNode error =
                    assertProblem(refused, "validation-failed").get("errors").get(0);
            assertThat(error.get("field").asString()).isEqualTo("legalRepresentative");
            assertThat(error.get("message").asString()).as(json).contains(codePoint);
        });
        assertThat(serialsTaken()).isEqualTo(serials);
    }

    // ---- verification ----------------------------------------------------------------------------------------

    @Test
    void theIssuedPdfVerifiesAndMatchesTheRegistry() {
        JsonNode report = verify(pdf, "application/pdf");
        assertThat(report.get("indication").asString()).isEqualTo("TOTAL_PASSED");
        assertThat(report.get("registry").get("found").asBoolean()).isTrue();
        assertThat(report.get("registry").get("identifier").asString()).isEqualTo(identifier);
        assertThat(report.get("registry").get("licenceStatus").asString()).isEqualTo("VALID");
        JsonNode signature = report.get("document").get("signatures").get(0);
        assertThat(signature.get("timestampTime").isNull()).isFalse();
        JsonNode documentTimestamp = report.get("document").get("signatures").get(1);
        assertThat(documentTimestamp.get("coversWholeDocument").asBoolean()).isTrue();
        assertThat(report.get("summaryZh").asString()).startsWith("验证通过");
    }

    @Test
    void aPdfWithOneByteChangedIsNotPassed() {
        byte[] tampered = pdf.clone();
        java.util.regex.Matcher range = java.util.regex.Pattern.compile("/ByteRange\\s*\\[\\s*0\\s+(\\d+)")
                .matcher(new String(pdf, StandardCharsets.ISO_8859_1));
        assertThat(range.find()).isTrue();
        int at = Integer.parseInt(range.group(1)) / 2; // inside the first signed range
        tampered[at] = (byte) (tampered[at] ^ 0x01);
        JsonNode report = verifyMultipart(tampered);
        assertThat(report.get("indication").asString()).isNotEqualTo("TOTAL_PASSED");
    }

    @Test
    void aPdfWithContentAppendedAfterSigningIsNotPassed() {
        byte[] appended = concat(pdf, "\n% appended after signing\n".getBytes(StandardCharsets.US_ASCII));
        JsonNode report = verify(appended, "application/pdf");
        assertThat(report.get("indication").asString()).isNotEqualTo("TOTAL_PASSED");
        assertThat(report.get("registry").get("found").asBoolean()).isFalse();
    }

    // ---- the seal service on its own ---------------------------------------------------------------------------

    @Test
    void sealServiceSignsOnlyADigestAndReturnsATimestampedCms() throws Exception {
        String sealToken = services.token("licence-service", "licence-service-secret", "seal:sign seal:read");
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("any document".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> signed =
                services.send(HttpRequest.newBuilder(services.sealUrl.resolve("/api/v1/signatures/pades"))
                        .header("Authorization", "Bearer " + sealToken)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"sealId\":\"ZYDEV-SEAL-0001\",\"digestAlgorithm\":\"SHA-256\",\"digest\":\""
                                        + Base64.getEncoder().encodeToString(digest) + "\",\"licenceIdentifier\":\""
                                        + TwoServices.marketSupervisionLicenceId() + "\"}"))
                        .build());
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        // Detached CMS: verify against the digest that was sent (the document itself never reached the seal service).
        CMSSignedData cms = new CMSSignedData(
                java.util.Map.of(NISTObjectIdentifiers.id_sha256, digest),
                Base64.getDecoder()
                        .decode(TwoServices.json(signed.body()).get("cms").asString()));
        SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
        X509CertificateHolder cert = (X509CertificateHolder)
                cms.getCertificates().getMatches(signer.getSID()).iterator().next();
        assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder()
                        .setProvider("BC")
                        .build(cert)))
                .isTrue();
        assertThat(signer.getContentDigest()).isEqualTo(digest);
        assertThat(signer.getUnsignedAttributes()
                        .get(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_aa_signatureTimeStampToken))
                .isNotNull();
        assertThat(signer.getSignedAttributes().get(org.bouncycastle.asn1.cms.CMSAttributes.signingTime))
                .isNull();
    }

    @Test
    void sealServiceRefusesAClientWithoutTheSigningScope() {
        // a token for the seal service without seal:sign (an approval system's token names only the licence service)
        String admin = services.token("seal-admin-demo", "seal-admin-secret", "seal:admin seal:read");
        HttpResponse<String> refused = services.send(HttpRequest.newBuilder(
                        services.sealUrl.resolve("/api/v1/signatures/pades"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sealId\":\"ZYDEV-SEAL-0001\",\"digest\":\"AAAA\"}"))
                .build());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertProblem(refused, "forbidden");
    }

    @Test
    void theTimeStampingAuthorityAnswersRfc3161Requests() throws Exception {
        byte[] imprint = MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2, 3});
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        var request = generator.generate(NISTObjectIdentifiers.id_sha256, imprint, java.math.BigInteger.valueOf(42));
        HttpResponse<byte[]> reply = services.sendForBytes(HttpRequest.newBuilder(services.sealUrl.resolve("/tsa"))
                .header("Content-Type", "application/timestamp-query")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded()))
                .build());
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/timestamp-reply"));
        TimeStampResponse response = new TimeStampResponse(reply.body());
        response.validate(request);
        assertThat(response.getTimeStampToken().getTimeStampInfo().getNonce())
                .isEqualTo(java.math.BigInteger.valueOf(42));
    }

    @Test
    void theSealCaPublishesAFreshCrlAtItsDistributionPoint() throws Exception {
        HttpResponse<byte[]> crl =
                services.sendForBytes(HttpRequest.newBuilder(services.sealUrl.resolve("/crl/seal-ca.crl"))
                        .GET()
                        .build());
        assertThat(crl.statusCode()).isEqualTo(200);
        var parsed = (java.security.cert.X509CRL) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(crl.body()));
        assertThat(parsed.getIssuerX500Principal().getName()).contains("Zhengyin Dev Seal CA");
        assertThat(parsed.getNextUpdate()).isInTheFuture();
    }

    // ---- authentication -------------------------------------------------------------------------------------

    @Test
    void issuingWithoutATokenIs401WithABearerChallenge() {
        HttpResponse<String> response =
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(SAMPLE))
                        .build());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertProblem(response, "unauthorized");
    }

    @Test
    void aTokenWithoutTheIssueScopeCannotIssue() {
        String readOnly = services.token("approval-demo", "approval-demo-secret", "licence:read");
        HttpResponse<String> response =
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences"))
                        .header("Authorization", "Bearer " + readOnly)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(SAMPLE))
                        .build());
        assertThat(response.statusCode()).isEqualTo(403);
    }

    // ---- bad input: a clear problem, nothing stored ----------------------------------------------------------

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class BadInput {

        @Test
        void malformedJsonIs400AndStoresNothing() {
            long before = storedLicences();
            HttpResponse<String> response = issue("{\"licenceType\": \"business-licence\", \"fields\": {", null);
            assertThat(response.statusCode()).isEqualTo(400);
            assertProblem(response, "invalid-json");
            assertThat(storedLicences()).isEqualTo(before);
        }

        @Test
        void unknownLicenceTypeIs400NamingIt() {
            long before = storedLicences();
            HttpResponse<String> response = issue(SAMPLE.replace("business-licence", "no-such-licence"), null);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(assertProblem(response, "unknown-licence-type")
                            .get("detail")
                            .asString())
                    .contains("no-such-licence");
            assertThat(storedLicences()).isEqualTo(before);
        }

        @Test
        void invalidFieldsAre400AndEachIsNamed() {
            long before = storedLicences();
            String bad = SAMPLE.replace("91990100MA00XF8K1E", "91990100MA00XF8K1F")
                    .replace("\"establishedDate\": \"2019-03-12\"", "\"establishedDate\": \"1800-01-01\"")
                    .replace("\"legalRepresentative\": \"林晓峰\"", "\"legalRepresentative\": \"" + "林".repeat(300) + "\"")
                    .replace("\"licenceNumber\": \"99010000202611210001\",", "");
            HttpResponse<String> response = issue(bad, null);
            assertThat(response.statusCode()).isEqualTo(400);
            JsonNode problem = assertProblem(response, "validation-failed");
            assertThat(problem.get("errors").findValuesAsString("field"))
                    .contains("uscc", "establishedDate", "legalRepresentative", "licenceNumber");
            assertThat(problem.get("errors").toString()).contains("check character");
            assertThat(storedLicences()).isEqualTo(before);
        }

        @Test
        void aNonPdfUploadIs415() {
            HttpResponse<String> response = services.send(
                    multipart("file", "licence.pdf", "this is not a PDF".getBytes(StandardCharsets.UTF_8)));
            assertThat(response.statusCode()).isEqualTo(415);
            assertProblem(response, "not-a-pdf");
        }

        @Test
        void anEmptyUploadIs400() {
            HttpResponse<String> response =
                    services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/verifications"))
                            .header("Content-Type", "application/pdf")
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build());
            assertThat(response.statusCode()).isEqualTo(400);
            assertProblem(response, "empty-upload");
        }

        @Test
        void a200MegabyteUploadIs413WithoutBeingRead() {
            long size = 200L * 1024 * 1024;
            HttpResponse<String> response =
                    services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/verifications"))
                            .header("Content-Type", "application/pdf")
                            .POST(HttpRequest.BodyPublishers.fromPublisher(
                                    HttpRequest.BodyPublishers.ofInputStream(() -> new ZeroStream(size)), size))
                            .build());
            assertThat(response.statusCode()).isEqualTo(413);
            // refused by the request-size limit before any controller reads the body
            assertProblem(response, "body-too-large");
        }

        @Test
        void aRandomBytesPdfLookalikeGetsAFailedReportNotAnError() {
            byte[] junk = concat("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), new byte[4096]);
            new java.util.Random(7).nextBytes(junk);
            System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, junk, 0, 9);
            JsonNode report = verify(junk, "application/pdf");
            assertThat(report.get("indication").asString()).isNotEqualTo("TOTAL_PASSED");
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /**
     * Issues {@code body} with the sample's company code replaced by a code of its own: a company holds one 营业执照 in
     * force, so each issuance is for another company (the same one again for a retry with the same key).
     */
    private HttpResponse<String> issue(String body, String idempotencyKey) {
        String uscc = idempotencyKey == null
                ? Holders.uniqueUscc()
                : companies.computeIfAbsent(idempotencyKey, k -> Holders.uniqueUscc());
        HttpRequest.Builder request = HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        body.replace("91990100MA00XF8K1E", uscc), StandardCharsets.UTF_8));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return services.send(request.build());
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(services.licenceUrl.resolve(path))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
    }

    private JsonNode verify(byte[] file, String contentType) {
        HttpResponse<String> response =
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/verifications"))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(file))
                        .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TwoServices.json(response.body());
    }

    private JsonNode verifyMultipart(byte[] file) {
        HttpResponse<String> response = services.send(multipart("file", "licence.pdf", file));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TwoServices.json(response.body());
    }

    private HttpRequest multipart(String field, String filename, byte[] content) {
        String boundary = "----zhengyin" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                        + filename + "\"\r\nContent-Type: application/pdf\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/verifications"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
    }

    /** The business-licence serial counter of the dev approval system this year (what the next issuance advances). */
    private long serialsTaken() {
        MongoDatabase db = services.licence.getBean(MongoDatabase.class);
        return db
                .getCollection("counters")
                .find(com.mongodb.client.model.Filters.regex("_id", "^serial:" + BUSINESS_LICENCE_TYPE + ":"))
                .into(new java.util.ArrayList<>())
                .stream()
                .mapToLong(d -> ((Number) d.get("value")).longValue())
                .sum();
    }

    private static final String BUSINESS_LICENCE_TYPE = "11100000XF0000001X001";

    private long storedLicences() {
        MongoDatabase db = services.licence.getBean(MongoDatabase.class);
        return db.getCollection("licences").countDocuments()
                + db.getCollection("licence_versions").countDocuments()
                + db.getCollection("licence_files").countDocuments();
    }

    private static JsonNode assertProblem(HttpResponse<String> response, String slug) {
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = TwoServices.json(response.body());
        assertThat(problem.get("type").asString()).endsWith("/" + slug);
        assertThat(problem.get("status").asInt()).isEqualTo(response.statusCode());
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return problem;
    }

    private static Path write(Path dir, byte[] content) throws IOException {
        Path file = dir.resolve("licence.pdf");
        Files.write(file, content);
        return file;
    }

    private static String run(Path dir, String tool, Object... args) throws Exception {
        Path binary = Path.of("/usr/bin", tool);
        assumeThat(Files.isExecutable(binary))
                .as(tool + " (poppler-utils) is installed")
                .isTrue();
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(binary.toString());
        for (Object a : args) {
            command.add(a.toString());
        }
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private static String sha256Hex(byte[] data) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A stream of zeros of a given length, so a 200 MB upload costs no memory in the test. */
    private static final class ZeroStream extends InputStream {
        private long remaining;

        ZeroStream(long length) {
            this.remaining = length;
        }

        @Override
        public int read() {
            return remaining-- > 0 ? 0 : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            remaining -= n;
            return n;
        }
    }
}
