package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.sealing.SampleDecisions;
import cn.zhengyin.trust.testing.TestHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Sealing an approval system's own documents (用印) through {@code POST /api/v1/sealings} of the running seal service
 * (the shared two services): a three-page PDF with a keyword seal and a cross-page seal (骑缝章), an OFD sealed by
 * keyword; both verify at the licence service's verification API under the baseline policy as sealed documents that
 * are not licences; each signature's usage record names the case and the document's hash; refusals are problems.
 */
class DocumentSealingIT {
    static final String SEAL = "ZYDEV-SEAL-0001";
    static TwoServices services;
    static String sealing;
    static byte[] pdf;

    @BeforeAll
    static void start() {
        services = TwoServices.shared();
        sealing = services.token("approval-sealing-demo", "approval-sealing-secret", "seal:use");
        pdf = SampleDecisions.pdf(); // made once: embedding the CJK face costs about a second
    }

    static HttpResponse<byte[]> seal(byte[] document, String request, String token) {
        return services.sendForBytes(
                TestHttp.sealing(services.sealUrl.resolve("/api/v1/sealings"), document, request, token));
    }

    static JsonNode verify(byte[] file, String mediaType) {
        URI uri = services.licenceUrl.resolve("/api/v1/verifications?policy=baseline");
        HttpResponse<String> response = services.send(HttpRequest.newBuilder(uri)
                .header("Content-Type", mediaType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(file))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TwoServices.json(response.body());
    }

    static JsonNode problem(HttpResponse<byte[]> response) {
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        return TwoServices.json(new String(response.body(), StandardCharsets.UTF_8));
    }

    static final String AUTHORITY = SampleDecisions.AUTHORITY;

    @Test
    void aPdfWithAKeywordSealAndACrossPageSealVerifiesAsASealedDocumentThatIsNoLicence() {
        HttpResponse<byte[]> sealed = seal(
                pdf,
                "{\"category\":\"decision\",\"caseNumber\":\"XF-2026-000777\",\"seals\":["
                        + "{\"sealId\":\"" + SEAL + "\",\"keyword\":\"" + AUTHORITY + "\",\"occurrence\":\"last\"},"
                        + "{\"sealId\":\"" + SEAL + "\",\"crossPage\":true,\"y\":148.5}]}",
                sealing);
        assertThat(sealed.statusCode())
                .as(new String(sealed.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(sealed.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(sealed.headers().firstValue("Zhengyin-Seal-Positions").orElseThrow())
                .contains("page 3 [")
                .contains("page 1 [196.0, 127.5, 14.0 x 42.0 mm]");

        JsonNode report = verify(sealed.body(), "application/pdf");
        assertThat(report.path("indication").asString()).as(report.toString()).isEqualTo("TOTAL_PASSED");
        assertThat(report.path("conclusion").toString()).contains("VALID");
        JsonNode signatures = report.path("document").path("signatures");
        assertThat(signatures.size()).isEqualTo(3); // two seals, one document time-stamp
        assertThat(signatures.get(0).path("signerSubject").asString()).contains("证印示范市市场监督管理局电子证照专用章");
        assertThat(signatures.get(1).path("signerSubject").asString()).contains("证印示范市市场监督管理局电子证照专用章");
        assertThat(signatures.get(0).path("timestampTime").asString()).isNotBlank();
        assertThat(report.path("registry").path("found").asBoolean(true)).isFalse();
        assertThat(report.path("summaryEn").asString())
                .startsWith("Valid: the seals are valid; not a registered licence (a sealed document); ")
                .contains("证印示范市市场监督管理局电子证照专用章 (证印示范市市场监督管理局), 20");
        assertThat(report.path("summaryZh").asString()).contains("不是本证照库登记的证照（已盖章文件）");

        String usages = services.send(HttpRequest.newBuilder(
                                services.sealUrl.resolve("/api/v1/seals/" + SEAL + "/usages?limit=5"))
                        .header(
                                "Authorization",
                                "Bearer " + services.token("licence-service", "licence-service-secret", "seal:read"))
                        .build())
                .body();
        assertThat(usages)
                .contains("document sealing (用印) of category decision, case XF-2026-000777")
                .contains(
                        sealed.headers().firstValue("Zhengyin-Document-SHA256").orElseThrow())
                .contains("cross-page seal (骑缝章)");
    }

    @Test
    void anOfdSealedByKeywordVerifies() {
        HttpResponse<byte[]> sealed = seal(
                SampleDecisions.ofd(),
                "{\"category\":\"notice\",\"caseNumber\":\"XF-2026-000778\",\"seals\":[{\"sealId\":\"" + SEAL
                        + "\",\"keyword\":\"" + AUTHORITY + "\",\"occurrence\":\"last\"}]}",
                sealing);
        assertThat(sealed.statusCode())
                .as(new String(sealed.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(sealed.headers().firstValue("Content-Type")).hasValue("application/ofd");
        JsonNode report = verify(sealed.body(), "application/ofd");
        assertThat(report.path("indication").asString()).as(report.toString()).isEqualTo("TOTAL_PASSED");
        assertThat(report.path("summaryEn").asString())
                .contains("not a registered licence")
                .contains("证印示范市市场监督管理局电子证照专用章");
    }

    @Test
    void refusalsAreProblemsAndSignNothing() {
        String keyword = "{\"category\":\"decision\",\"caseNumber\":\"XF-1\",\"seals\":[{\"sealId\":\"" + SEAL
                + "\",\"keyword\":\"不在文中的机关\"}]}";
        HttpResponse<byte[]> notFound = seal(pdf, keyword, sealing);
        assertThat(notFound.statusCode()).isEqualTo(422);
        assertThat(problem(notFound).path("type").asString()).endsWith("/keyword-not-found");

        HttpResponse<byte[]> offPage = seal(
                pdf,
                "{\"category\":\"decision\",\"caseNumber\":\"XF-1\",\"seals\":[{\"sealId\":\"" + SEAL
                        + "\",\"page\":1,\"x\":5,\"y\":100}]}",
                sealing);
        assertThat(offPage.statusCode()).isEqualTo(422);
        assertThat(problem(offPage).path("type").asString()).endsWith("/seal-off-page");

        HttpResponse<byte[]> category = seal(
                pdf,
                "{\"category\":\"contract\",\"caseNumber\":\"XF-1\",\"seals\":[{\"sealId\":\"" + SEAL
                        + "\",\"page\":1,\"x\":105,\"y\":100}]}",
                sealing);
        assertThat(category.statusCode()).isEqualTo(403);
        assertThat(problem(category).path("detail").asString()).contains("'doc:contract'");

        HttpResponse<byte[]> otherSeal = seal(
                pdf,
                "{\"category\":\"decision\",\"caseNumber\":\"XF-1\",\"seals\":[{\"sealId\":\"ZYDEV-SEAL-0002\","
                        + "\"page\":1,\"x\":105,\"y\":100}]}",
                sealing);
        assertThat(otherSeal.statusCode()).isEqualTo(403);

        HttpResponse<byte[]> notADocument =
                seal("hello".getBytes(StandardCharsets.UTF_8), keyword.replace("不在文中的机关", "x"), sealing);
        assertThat(notADocument.statusCode()).isEqualTo(415);
        assertThat(problem(notADocument).path("type").asString()).endsWith("/unsupported-document");

        HttpResponse<byte[]> badRequest = seal(pdf, "{\"category\":\"decision\"}", sealing);
        assertThat(badRequest.statusCode()).isEqualTo(400);
        assertThat(problem(badRequest).path("type").asString()).endsWith("/invalid-sealing-request");

        HttpResponse<byte[]> noScope =
                seal(pdf, keyword, services.token("licence-service", "licence-service-secret", "seal:sign"));
        assertThat(noScope.statusCode()).isEqualTo(403);
    }
}
