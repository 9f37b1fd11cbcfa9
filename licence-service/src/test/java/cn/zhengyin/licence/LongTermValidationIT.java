package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import cn.zhengyin.licence.sealing.client.SealServiceClient;
import cn.zhengyin.trust.pdf.EmbeddedValidationData;
import cn.zhengyin.trust.pdf.PdfSignatureVerifier;
import cn.zhengyin.trust.pki.Pem;
import cn.zhengyin.trust.validation.CheckResult;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.Outcome;
import cn.zhengyin.trust.validation.RevocationPolicy;
import cn.zhengyin.trust.validation.RevocationSource;
import cn.zhengyin.trust.validation.SignatureReport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Licence store, long-term validation: an issued licence PDF is PAdES-BASELINE-LTA — it carries the certificates and
 * CRLs (DSS) its verification needs and a document time-stamp over them, so it verifies with nothing but the file and the root certificate, the network
 * stubbed out, also years later.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LongTermValidationIT {
    private static final String SAMPLE = """
            {
              "licenceType": "business-licence",
              "caseNumber": "XF-2026-LTV-0001",
              "fields": {
                "uscc": "%s",
                "licenceNumber": "99010000202611210009",
                "name": "示范市长效验证科技有限公司",
                "entityType": "有限责任公司（自然人投资或控股）",
                "legalRepresentative": "林晓峰",
                "businessScope": "一般项目：技术服务、技术开发。",
                "registeredCapital": 100,
                "establishedDate": "2019-03-12",
                "operatingFrom": "2019-03-12",
                "address": "示范市青禾区科创大道88号"
              }
            }
            """;

    /** The network is stubbed out: asking for revocation data fails the test. */
    private static final RevocationSource NO_NETWORK = issued -> fail("the verifier asked the network for the CRL of "
            + issued.getSubjectX500Principal().getName());

    private TwoServices services;
    private byte[] pdf;
    private Set<X509Certificate> rootOnly;

    @BeforeAll
    void issueOne() throws Exception {
        services = TwoServices.shared();
        String token = services.approvalToken();
        String identifier = issue(token);
        HttpResponse<byte[]> file = services.sendForBytes(
                HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences/" + identifier + "/pdf"))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build());
        assertThat(file.statusCode()).isEqualTo(200);
        pdf = file.body();
        rootOnly =
                new HashSet<>(Pem.parseCertificates(Files.readAllBytes(TwoServices.KEYS.resolve("root-ca.crt.pem"))));
        assertThat(rootOnly).hasSize(1);
    }

    /**
     * Issue #18: a licence's PAdES, XAdES and SES signatures travel to the seal service in one request, and the two
     * time-stamps that follow from them (the PDF's document time-stamp, the XML's signature time-stamp) in one more —
     * five items, each still signed, logged and time-stamped on its own (the other tests check the files).
     */
    @Test
    void aLicencesSignaturesTravelInOneRequestAndItsTimeStampsInOneMore() {
        SealServiceClient client = services.licence.getBean(SealServiceClient.class);
        long[] before = client.batchCounts();
        issue(services.approvalToken());
        long[] after = client.batchCounts();
        assertThat(after[0] - before[0])
                .as("requests to the seal service's batch endpoint")
                .isEqualTo(2);
        assertThat(after[1] - before[1])
                .as("signatures (PAdES, XAdES, SES) and time-stamps (document, XML signature) they carried")
                .isEqualTo(5);
    }

    private String issue(String token) {
        HttpResponse<String> issued =
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", "ltv-" + UUID.randomUUID())
                        .POST(HttpRequest.BodyPublishers.ofString(
                                SAMPLE.formatted(Holders.uniqueUscc()), StandardCharsets.UTF_8))
                        .build());
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return TwoServices.json(issued.body()).get("identifier").asString();
    }

    private PdfSignatureVerifier offline(Clock clock) {
        return new PdfSignatureVerifier(
                rootOnly,
                List.of(),
                Optional.of(NO_NETWORK),
                RevocationPolicy.REQUIRE,
                clock,
                PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES);
    }

    @Test
    void theIssuedPdfCarriesADssWithTheChainsAndTheirCrls() throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            EmbeddedValidationData ltv = EmbeddedValidationData.from(document);
            assertThat(ltv.dssPresent()).isTrue();
            assertThat(ltv.crls())
                    .extracting(c -> c.getIssuerX500Principal().getName())
                    .anySatisfy(n -> assertThat(n).contains("Zhengyin Dev Seal CA"))
                    .anySatisfy(n -> assertThat(n).contains("Zhengyin Dev Root CA"));
            assertThat(ltv.certificates())
                    .extracting(c -> c.getSubjectX500Principal().getName())
                    .anySatisfy(n -> assertThat(n).contains("证印示范市市场监督管理局电子证照专用章"))
                    .anySatisfy(n -> assertThat(n).contains("Zhengyin Dev Seal CA"));
            // PAdES-BASELINE-LTA: the DSS follows the signature (with its VRI entry), a document time-stamp covers all.
            var signatures = document.getSignatureDictionaries();
            assertThat(signatures).hasSize(2);
            int[] sealRange = signatures.get(0).getByteRange();
            assertThat(sealRange[2] + sealRange[3]).isLessThan(pdf.length);
            assertThat(ltv.hasVriFor(signatures.get(0).getContents())).isTrue();
            assertThat(signatures.get(1).getCOSObject().getCOSName(org.apache.pdfbox.cos.COSName.TYPE))
                    .isEqualTo(org.apache.pdfbox.cos.COSName.DOC_TIME_STAMP);
            int[] timestampRange = signatures.get(1).getByteRange();
            assertThat(timestampRange[2] + timestampRange[3]).isEqualTo(pdf.length);
        }
    }

    @Test
    void verifiesOfflineWithOnlyTheRootAsAnchorNowAndYearsLater() {
        for (Clock clock : List.of(Clock.systemUTC(), Clock.offset(Clock.systemUTC(), Duration.ofDays(7 * 365)))) {
            DocumentVerificationReport report = offline(clock).verify(pdf);

            assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_PASSED);
            SignatureReport signature = report.signatures().get(0);
            assertThat(signature.check(PdfSignatureVerifier.CHANGES_AFTER_SIGNATURE))
                    .map(CheckResult::outcome)
                    .contains(Outcome.PASSED);
            assertThat(report.signatures().get(1).coversWholeDocument()).isTrue();
            assertThat(signature.check(PdfSignatureVerifier.REVOCATION))
                    .map(CheckResult::outcome)
                    .contains(Outcome.PASSED);
            assertThat(signature.check(PdfSignatureVerifier.REVOCATION_EMBEDDED))
                    .map(CheckResult::outcome)
                    .contains(Outcome.PASSED);
            assertThat(signature.check("timestamp.revocation"))
                    .map(CheckResult::outcome)
                    .contains(Outcome.PASSED);
            assertThat(report.documentChecks()).extracting(CheckResult::outcome).containsOnly(Outcome.PASSED);
        }
    }

    @Test
    void theVerificationApiPassesItWithRevocationFromTheEmbeddedData() {
        HttpResponse<String> response =
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/verifications"))
                        .header("Content-Type", "application/pdf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(pdf))
                        .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = TwoServices.json(response.body());
        assertThat(report.get("indication").asString()).isEqualTo("TOTAL_PASSED");
        JsonNode signature = report.get("document").get("signatures").get(0);
        assertThat(report.get("document")
                        .get("signatures")
                        .get(1)
                        .get("coversWholeDocument")
                        .asBoolean())
                .isTrue();
        assertThat(outcomeOf(signature.get("checks"), PdfSignatureVerifier.REVOCATION))
                .isEqualTo("PASSED");
        assertThat(outcomeOf(signature.get("checks"), PdfSignatureVerifier.REVOCATION_EMBEDDED))
                .isEqualTo("PASSED");
        assertThat(outcomeOf(report.get("document").get("documentChecks"), PdfSignatureVerifier.LTV_DSS_PRESENT))
                .isEqualTo("PASSED");
    }

    private static String outcomeOf(JsonNode checks, String id) {
        for (JsonNode check : checks) {
            if (check.get("id").asString().equals(id)) {
                return check.get("outcome").asString();
            }
        }
        return "absent";
    }
}
