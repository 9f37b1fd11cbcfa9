package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Issue #20, observations 1 and 2 through the API: a revoked licence's authentic PDF is no longer answered with a
 * green pass (conclusion NOT_IN_FORCE, REVOKED, since when, by whom, why; the indication stays TOTAL_PASSED because the
 * file is authentic); a superseded version 001 names the current version; hash-only answers, {@code /v/{id}} and the
 * signed receipt say the same; the policy is selectable and an unknown one is a problem naming the allowed values;
 * licence XML has its seal certificate's revocation checked (not NOT_CHECKED).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerificationConclusionIT {
    private static final String ISSUE = """
            {"licenceType": "business-licence", "caseNumber": "XF-2026-VC-1", "fields": {
              "uscc": "%s", "licenceNumber": "99010000202611219999",
              "name": "示范市青禾数字科技有限公司", "entityType": "有限责任公司（自然人投资或控股）",
              "legalRepresentative": "林晓峰", "businessScope": "软件开发。", "registeredCapital": 500,
              "establishedDate": "2019-03-12", "operatingFrom": "2019-03-12", "address": "示范市青禾区科创大道88号"}}
            """;
    private TwoServices services;
    private String token;

    @BeforeAll
    void start() {
        services = TwoServices.shared();
        token = services.token("approval-demo", "approval-demo-secret", "licence:issue licence:status licence:read");
    }

    @Test
    void aRevokedLicencesAuthenticPdfIsNotInForceEverywhere() {
        JsonNode issued = body(post("/api/v1/licences", ISSUE.formatted(Holders.uniqueUscc())), 201);
        String id = issued.get("identifier").asString();
        byte[] pdf = file(id, "pdf");

        JsonNode before = verify(pdf, "application/pdf", "");
        assertThat(before.get("conclusion").asString()).isEqualTo("VALID");
        assertThat(before.get("policy").asString()).isEqualTo("licence");

        body(post("/api/v1/licences/" + id + "/revocation", "{\"reason\":\"严重违法\",\"caseNumber\":\"C-VC-1\"}"), 200);

        JsonNode report = verify(pdf, "application/pdf", "");
        assertThat(report.get("indication").asString())
                .as("the file is authentic")
                .isEqualTo("TOTAL_PASSED");
        assertThat(report.get("conclusion").asString()).isEqualTo("NOT_IN_FORCE");
        JsonNode notInForce = report.get("notInForce");
        assertThat(notInForce.get("status").asString()).isEqualTo("REVOKED");
        assertThat(notInForce.get("why").asString()).isEqualTo("严重违法");
        assertThat(notInForce.get("by").asString()).isEqualTo("approval-demo");
        assertThat(notInForce.get("since").asString()).isNotBlank();
        assertThat(report.get("summaryZh").asString()).contains("吊销", "严重违法").doesNotContain("验证通过");
        assertThat(report.get("summaryEn").asString()).contains("revoked");
        // the receipt signs exactly the report, conclusion included
        String payload = new String(
                Base64.getUrlDecoder().decode(report.get("receipt").asString().split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertThat(payload).contains("\"conclusion\":\"NOT_IN_FORCE\"", "REVOKED");

        JsonNode xml = verify(file(id, "xml"), "application/xml", "");
        assertThat(xml.get("conclusion").asString()).isEqualTo("NOT_IN_FORCE");

        JsonNode hashOnly = TwoServices.json(services.send(
                        HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/verifications"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"identifier\":\"" + id + "\",\"sha256\":\""
                                        + HexFormat.of().formatHex(sha256(pdf)) + "\"}"))
                                .build())
                .body());
        assertThat(hashOnly.get("conclusion").asString()).isEqualTo("NOT_IN_FORCE");
        assertThat(hashOnly.get("notInForce").get("status").asString()).isEqualTo("REVOKED");

        JsonNode status = TwoServices.json(services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/v/" + id))
                        .header("Accept", "application/json")
                        .GET()
                        .build())
                .body());
        assertThat(status.get("conclusion").asString()).isEqualTo("NOT_IN_FORCE");
        assertThat(status.get("notInForce").get("status").asString()).isEqualTo("REVOKED");
        String page = services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/v/" + id))
                        .header("Accept", "text/html")
                        .GET()
                        .build())
                .body();
        assertThat(page).contains("data-conclusion=\"NOT_IN_FORCE\"", "严重违法").doesNotContain("verdict passed");
    }

    @Test
    void aSupersededVersionNamesTheCurrentOne() {
        String id1 = body(post("/api/v1/licences", ISSUE.formatted(Holders.uniqueUscc())), 201)
                .get("identifier")
                .asString();
        byte[] oldPdf = file(id1, "pdf");
        String id2 = body(
                        post(
                                "/api/v1/licences/" + id1 + "/amendments",
                                "{\"caseNumber\":\"XF-2026-VC-2\",\"reason\":\"住所变更\",\"fields\":{\"address\":\"示范市青禾区新港路1号\"}}"),
                        201)
                .get("identifier")
                .asString();
        JsonNode report = verify(oldPdf, "application/pdf", "");
        assertThat(report.get("indication").asString()).isEqualTo("TOTAL_PASSED");
        assertThat(report.get("conclusion").asString()).isEqualTo("NOT_IN_FORCE");
        assertThat(report.get("notInForce").get("status").asString()).isEqualTo("SUPERSEDED");
        assertThat(report.get("notInForce").get("currentVersion").asString()).isEqualTo(id2);
        assertThat(report.get("summaryZh").asString()).contains(id2);
        assertThat(verify(file(id2, "pdf"), "application/pdf", "")
                        .get("conclusion")
                        .asString())
                .isEqualTo("VALID");
    }

    @Test
    void thePolicyIsSelectableAndAnUnknownOneIsAProblemNamingTheAllowedValues() {
        String id = body(post("/api/v1/licences", ISSUE.formatted(Holders.uniqueUscc())), 201)
                .get("identifier")
                .asString();
        byte[] pdf = file(id, "pdf");
        JsonNode baseline = verify(pdf, "application/pdf", "?policy=baseline");
        assertThat(baseline.get("policy").asString()).isEqualTo("baseline");
        assertThat(baseline.get("conclusion").asString()).isEqualTo("VALID");

        HttpResponse<String> unknown = services.send(HttpRequest.newBuilder(services.licenceUrl.resolve(
                        "/api/v1/verifications?policy=" + URLEncoder.encode("eidas-qes", StandardCharsets.UTF_8)))
                .header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(pdf))
                .build());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(TwoServices.json(unknown.body()).get("detail").asString())
                .contains("eidas-qes", "licence", "baseline");
    }

    @Test
    void licenceXmlHasItsSealCertificatesRevocationChecked() {
        String id = body(post("/api/v1/licences", ISSUE.formatted(Holders.uniqueUscc())), 201)
                .get("identifier")
                .asString();
        JsonNode report = verify(file(id, "xml"), "application/xml", "");
        assertThat(report.get("indication").asString()).isEqualTo("TOTAL_PASSED");
        JsonNode checks = report.get("document").get("signatures").get(0).get("checks");
        JsonNode revocation = null;
        for (JsonNode check : checks) {
            if (check.get("id").asString().endsWith("revocation")) {
                revocation = check;
            }
        }
        assertThat(revocation).as(checks.toString()).isNotNull();
        assertThat(revocation.get("outcome").asString())
                .as(revocation.toString())
                .isEqualTo("PASSED");
    }

    private JsonNode verify(byte[] content, String type, String query) {
        HttpResponse<String> response =
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/verifications" + query))
                        .header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(content))
                        .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TwoServices.json(response.body());
    }

    private byte[] file(String id, String kind) {
        HttpResponse<byte[]> response = services.sendForBytes(
                HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences/" + id + "/" + kind))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> post(String path, String json) {
        return services.send(HttpRequest.newBuilder(services.licenceUrl.resolve(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "vc-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build());
    }

    private static JsonNode body(HttpResponse<String> response, int expectedStatus) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return TwoServices.json(response.body());
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
