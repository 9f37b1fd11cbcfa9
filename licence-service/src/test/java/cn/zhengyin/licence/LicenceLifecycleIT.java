package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.identifier.LicenceIdentifier;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Versions and status of an issued licence through the API: amend, renew and correct make versions 002, 003 … with
 * their own check characters and files, the old version is superseded but still verifies; suspend, reinstate, revoke
 * and cancel follow the allowed transitions, every change is an event, and illegal changes are 409.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LicenceLifecycleIT {
    private static final String ISSUE = """
            {"licenceType": "business-licence", "caseNumber": "XF-2026-LC-1", "fields": {
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
    void amendingMakesVersion002AndSupersedesVersion001WhichStillVerifies() {
        JsonNode v1 = body(post("/api/v1/licences", ISSUE.formatted(Holders.uniqueUscc()), null), 201);
        String id1 = v1.get("identifier").asString();

        HttpResponse<String> amended = post(
                "/api/v1/licences/" + id1 + "/amendments",
                "{\"caseNumber\":\"XF-2026-LC-2\",\"reason\":\"住所变更\",\"fields\":{\"address\":\"示范市青禾区新港路1号\"}}",
                "amend-" + UUID.randomUUID());
        JsonNode v2 = body(amended, 201);
        String id2 = v2.get("identifier").asString();
        assertThat(LicenceIdentifier.parse(id2).version()).isEqualTo(2);
        assertThat(LicenceIdentifier.parse(id2).root())
                .isEqualTo(LicenceIdentifier.parse(id1).root());
        assertThat(id2.charAt(id2.length() - 1))
                .isEqualTo(LicenceIdentifier.parse(id1).nextVersion().checkCharacter());
        assertThat(v2.get("fields").get("address").asString()).isEqualTo("示范市青禾区新港路1号");
        assertThat(v2.get("fields").get("name").asString()).isEqualTo("示范市青禾数字科技有限公司");
        assertThat(v2.get("renditions").get("PDF").get("sha256").asString())
                .isNotEqualTo(v1.get("renditions").get("PDF").get("sha256").asString());

        JsonNode oldView = body(get("/api/v1/licences/" + id1), 200);
        assertThat(oldView.get("isCurrentVersion").asBoolean()).isFalse();
        assertThat(oldView.get("currentVersionIdentifier").asString()).isEqualTo(id2);
        assertThat(body(get("/api/v1/licences/" + v1.get("root").asString()), 200)
                        .get("identifier")
                        .asString())
                .isEqualTo(id2);
        assertThat(body(get("/api/v1/licences/" + id1 + "/versions"), 200).size())
                .isEqualTo(2);

        byte[] oldPdf = services.sendForBytes(
                        HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences/" + id1 + "/pdf"))
                                .header("Authorization", "Bearer " + token)
                                .GET()
                                .build())
                .body();
        JsonNode report = TwoServices.json(
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/verifications"))
                                .header("Content-Type", "application/pdf")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(oldPdf))
                                .build())
                        .body());
        assertThat(report.get("indication").asString()).isEqualTo("TOTAL_PASSED");
        assertThat(report.get("registry").get("isCurrentVersion").asBoolean()).isFalse();
        assertThat(report.get("registry").get("currentVersion").asString()).isEqualTo(id2);
    }

    @Test
    void statusFollowsTheAllowedTransitionsAndEveryChangeIsAnEvent() {
        String id = body(post("/api/v1/licences", ISSUE.formatted(Holders.uniqueUscc()), null), 201)
                .get("identifier")
                .asString();

        assertThat(status(post("/api/v1/licences/" + id + "/reinstatement", "{}", null)))
                .isEqualTo(409);
        assertThat(body(
                                post(
                                        "/api/v1/licences/" + id + "/suspension",
                                        "{\"reason\":\"责令整改\",\"caseNumber\":\"C-1\"}",
                                        null),
                                200)
                        .get("status")
                        .asString())
                .isEqualTo("SUSPENDED");
        assertThat(status(post("/api/v1/licences/" + id + "/suspension", "{\"reason\":\"again\"}", null)))
                .isEqualTo(409);
        assertThat(body(post("/api/v1/licences/" + id + "/reinstatement", "{\"reason\":\"整改完成\"}", null), 200)
                        .get("status")
                        .asString())
                .isEqualTo("VALID");
        assertThat(body(
                                post(
                                        "/api/v1/licences/" + id + "/revocation",
                                        "{\"reason\":\"严重违法\",\"caseNumber\":\"C-2\"}",
                                        null),
                                200)
                        .get("status")
                        .asString())
                .isEqualTo("REVOKED");

        HttpResponse<String> amendRevoked =
                post("/api/v1/licences/" + id + "/amendments", "{\"fields\":{\"address\":\"x\"}}", null);
        assertThat(amendRevoked.statusCode()).isEqualTo(409);
        assertThat(TwoServices.json(amendRevoked.body()).get("detail").asString())
                .contains("REVOKED");
        assertThat(status(post("/api/v1/licences/" + id + "/cancellation", "{\"reason\":\"注销\"}", null)))
                .isEqualTo(409);

        JsonNode events = body(get("/api/v1/licences/" + id + "/events"), 200);
        assertThat(events.findValuesAsString("type")).containsExactly("ISSUED", "SUSPENDED", "REINSTATED", "REVOKED");
        assertThat(events.get(1).get("reason").asString()).isEqualTo("责令整改");
        assertThat(events.get(1).get("caseNumber").asString()).isEqualTo("C-1");
        assertThat(events.get(1).get("actor").asString()).isEqualTo("approval-demo");
    }

    @Test
    void suspendingNeedsAReasonAndTheStatusScope() {
        String id = body(post("/api/v1/licences", ISSUE.formatted(Holders.uniqueUscc()), null), 201)
                .get("identifier")
                .asString();
        assertThat(status(post("/api/v1/licences/" + id + "/suspension", "{}", null)))
                .isEqualTo(400);
        String issueOnly = services.token("approval-demo", "approval-demo-secret", "licence:issue");
        HttpResponse<String> denied = services.send(
                HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences/" + id + "/suspension"))
                        .header("Authorization", "Bearer " + issueOnly)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"x\"}"))
                        .build());
        assertThat(denied.statusCode()).isEqualTo(403);
    }

    @Test
    void aRetriedStatusChangeWithTheSameKeyIsAppliedOnce() {
        String id = body(post("/api/v1/licences", ISSUE.formatted(Holders.uniqueUscc()), null), 201)
                .get("identifier")
                .asString();
        String key = "suspend-" + UUID.randomUUID();
        assertThat(status(post("/api/v1/licences/" + id + "/suspension", "{\"reason\":\"r\"}", key)))
                .isEqualTo(200);
        HttpResponse<String> retry = post("/api/v1/licences/" + id + "/suspension", "{\"reason\":\"r\"}", key);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(body(get("/api/v1/licences/" + id + "/events"), 200).findValuesAsString("type"))
                .containsExactly("ISSUED", "SUSPENDED");
    }

    /**
     * Issue #15: a company holds one 营业执照 in force (templates/business-licence, oneInForcePerHolder). A second
     * issuance is 409 naming the licence in force; a change of that licence is an amendment and is not refused; once
     * it is revoked, a new 营业执照 may be issued.
     */
    @Test
    void aSecondBusinessLicenceForACompanyIs409NamingTheOneInForceUntilThatOneIsRevoked() {
        String issue = ISSUE.formatted(Holders.uniqueUscc());
        String first = body(post("/api/v1/licences", issue, null), 201)
                .get("identifier")
                .asString();

        HttpResponse<String> second = post("/api/v1/licences", issue.replace("XF-2026-LC-1", "XF-2026-LC-9"), null);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
        assertThat(second.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = TwoServices.json(second.body());
        assertThat(problem.get("type").asString()).endsWith("/holder-has-licence");
        assertThat(problem.get("detail").asString()).contains(first, "营业执照", "amend");
        assertThat(problem.get("licence").asString())
                .as("the licence in force, as a member a program reads")
                .isEqualTo(first);

        String amended = body(
                        post(
                                "/api/v1/licences/" + first + "/amendments",
                                "{\"caseNumber\":\"XF-2026-LC-10\",\"reason\":\"住所变更\","
                                        + "\"fields\":{\"address\":\"示范市青禾区新港路9号\"}}",
                                null),
                        201)
                .get("identifier")
                .asString();
        assertThat(TwoServices.json(post("/api/v1/licences", issue, null).body())
                        .get("detail")
                        .asString())
                .as("the licence in force is now the amended version")
                .contains(amended);

        body(post("/api/v1/licences/" + amended + "/revocation", "{\"reason\":\"吊销\"}", null), 200);
        JsonNode again = body(post("/api/v1/licences", issue, null), 201);
        LicenceIdentifier renewed =
                LicenceIdentifier.parse(again.get("identifier").asString());
        assertThat(renewed.version()).isEqualTo(1);
        assertThat(renewed.root()).isNotEqualTo(LicenceIdentifier.parse(first).root());
    }

    @Test
    void changingAnUnknownLicenceIs404() {
        assertThat(status(post(
                        "/api/v1/licences/11100000XF0000001X001.11110100000000019Q.99999999999/suspension",
                        "{\"reason\":\"x\"}",
                        null)))
                .isEqualTo(404);
    }

    @Test
    void theQrCodePageShowsTheStatusNowToPeopleAndMachines() {
        String id = body(post("/api/v1/licences", ISSUE.formatted(Holders.uniqueUscc()), null), 201)
                .get("identifier")
                .asString();
        HttpResponse<String> json = services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/v/" + id))
                .header("Accept", "application/json")
                .GET()
                .build());
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(TwoServices.json(json.body()).get("status").asString()).isEqualTo("VALID");
        HttpResponse<String> page = services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/v/" + id))
                .header("Accept", "text/html")
                .GET()
                .build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("这份证照现行有效", "营业执照", "示范市青禾数字科技有限公司", id);

        body(post("/api/v1/licences/" + id + "/revocation", "{\"reason\":\"吊销\"}", null), 200);
        assertThat(services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/v/" + id))
                                .header("Accept", "text/html")
                                .GET()
                                .build())
                        .body())
                .contains("这份证照已被吊销")
                .doesNotContain("长期");

        HttpResponse<String> unknown =
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/v/not-an-identifier"))
                        .header("Accept", "text/html")
                        .GET()
                        .build());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("证照库中没有这份证照");
        String forged = id.substring(0, id.length() - 1) + (id.endsWith("0") ? "1" : "0");
        assertThat(services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/v/" + forged))
                                .header("Accept", "application/json")
                                .GET()
                                .build())
                        .statusCode())
                .isEqualTo(404);
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

    private static JsonNode body(HttpResponse<String> response, int expectedStatus) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return TwoServices.json(response.body());
    }

    private static int status(HttpResponse<String> response) {
        return response.statusCode();
    }
}
