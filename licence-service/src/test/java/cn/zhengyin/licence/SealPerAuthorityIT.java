package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;

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
 * system issued it — the PDF's and the XML's signer certificate name that authority — and an approval system cannot
 * issue another authority's licence type.
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
