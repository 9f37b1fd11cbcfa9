package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.licence.sealing.LicenceSealer;
import cn.zhengyin.licence.sealing.OfdSealer;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import cn.zhengyin.trust.ofd.OfdPackage;
import cn.zhengyin.trust.ofd.OfdSealPreparer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue #20: each authority seals with its own seal. A licence is sealed with the seal of the authority whose approval
 * system issued it — the PDF's, the XML's and the OFD's signer certificate name that authority — and an approval
 * system cannot issue another authority's licence type, nor have another authority's licence sealed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SealPerAuthorityIT {
    private TwoServices services;

    @BeforeAll
    void start() {
        services = TwoServices.shared();
    }

    @ParameterizedTest
    @CsvSource({
        "forest-right-certificate, 11110100000000027K, 证印示范市林业局",
        "physician-certificate, 111101000000000439, 证印示范市卫生健康委员会",
        "business-licence, 11110100000000019Q, 证印示范市市场监督管理局"
    })
    void aLicenceIsSealedByTheSealOfTheAuthorityThatIssuesItsType(String slug, String issuerCode, String authority)
            throws Exception {
        String token = services.approvalTokenFor(slug, "licence:issue licence:read");
        HttpResponse<String> issued = services.send(issue(slug, token));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        JsonNode licence = TwoServices.json(issued.body());
        String id = licence.get("identifier").asString();
        assertThat(licence.get("issuerCode").asString()).isEqualTo(issuerCode);

        List<X509Certificate> pdfSigners = Signers.pdfSignatureSigners(download(id, "pdf", token));
        assertThat(pdfSigners).hasSize(1);
        assertThat(Signers.organisation(pdfSigners.getFirst())).isEqualTo(authority);
        assertThat(Signers.organisation(Signers.xmlSigner(download(id, "xml", token))))
                .isEqualTo(authority);
        assertThat(Signers.organisation(Signers.ofdSigner(download(id, "ofd", token))))
                .isEqualTo(authority);
    }

    /**
     * The OFD is sealed through the seal service's SES endpoint, which authorises every request as for PAdES: the
     * market supervision seal may not seal a forestry licence (its identifier names another issuer), and nothing is
     * returned to complete the package with.
     */
    @Test
    void theOfdSealerIsRefusedAnotherAuthoritysLicence() {
        OfdSealer sealer = services.licence.getBean(OfdSealer.class);
        String forestTypeCode = TwoServices.json(services.send(HttpRequest.newBuilder(
                                        services.licenceUrl.resolve("/api/v1/licence-types/forest-right-certificate"))
                                .GET()
                                .build())
                        .body())
                .get("certificateTypeCode")
                .asString();
        String forestryLicence = LicenceIdentifier.first(forestTypeCode, "11110100000000027K", "20269999001")
                .toString();
        byte[] ofd = OfdPackage.of(new java.util.LinkedHashMap<>(java.util.Map.of(
                        "OFD.xml",
                        ("<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\" Version=\"1.1\" DocType=\"OFD\">"
                                        + "<ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody>"
                                        + "</ofd:OFD>")
                                .getBytes(StandardCharsets.UTF_8),
                        "Doc_0/Document.xml",
                        ("<ofd:Document xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:Pages><ofd:Page ID=\"1\""
                                        + " BaseLoc=\"Pages/Page_0/Content.xml\"/></ofd:Pages></ofd:Document>")
                                .getBytes(StandardCharsets.UTF_8))))
                .write();
        assertThatThrownBy(() -> sealer.seal(
                        ofd,
                        "ZYDEV-SEAL-0001",
                        forestryLicence,
                        new OfdSealPreparer.Stamp(0, 10, 10, 40, 40),
                        java.time.Instant.now()))
                .isInstanceOf(LicenceSealer.SealingFailedException.class)
                .hasMessageContaining("403");
    }

    @Test
    void theMarketSupervisionApprovalSystemCannotIssueAForestRightCertificate() {
        String marketSupervision = services.token("approval-demo", "approval-demo-secret", "licence:issue");
        HttpResponse<String> refused = services.send(issue("forest-right-certificate", marketSupervision));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("may not issue");
        HttpResponse<String> physician = services.send(issue("physician-certificate", marketSupervision));
        assertThat(physician.statusCode()).as(physician.body()).isEqualTo(403);
    }

    private HttpRequest issue(String slug, String token) {
        try {
            ObjectNode fields = (ObjectNode) TwoServices.JSON
                    .readTree(
                            Files.readString(TwoServices.TEMPLATES.resolve(slug).resolve("sample.json")))
                    .get("fields");
            // filled in by issuance: the approval system's authority, today, and the end of a fixed period
            fields.remove(List.of("registrationAuthority", "issuingAuthority", "issueDate", "validUntil"));
            if (slug.equals("business-licence")) {
                fields.put("uscc", Holders.uniqueUscc()); // a company holds one 营业执照 in force: one of its own
            }
            ObjectNode body = TwoServices.JSON
                    .createObjectNode()
                    .put("licenceType", slug)
                    .put("caseNumber", "SEAL-" + UUID.randomUUID());
            body.set("fields", fields);
            return HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                    .build();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private byte[] download(String id, String kind, String token) {
        HttpResponse<byte[]> response = services.sendForBytes(
                HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences/" + id + "/" + kind))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
