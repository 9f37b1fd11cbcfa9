package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Every class of security event reaches the audit log of the service where it happens, and an auditor (scope
 * {@code audit:read}) reads them at {@code GET /api/v1/audit-events} of each service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditLogIT {
    private TwoServices services;
    private String auditor;

    @BeforeAll
    void start() {
        services = TwoServices.shared();
        auditor = services.token("auditor-demo", "auditor-demo-secret", "audit:read");
    }

    @Test
    void tokenRequestsAreAuditedWithoutTheirSecrets() {
        HttpResponse<String> wrong =
                tokenRequest("approval-demo", "not-the-secret-" + UUID.randomUUID(), "licence:read");
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<String> badScope = tokenRequest("approval-demo", "approval-demo-secret", "seal:admin");
        assertThat(badScope.statusCode()).isEqualTo(400);
        services.token("approval-forestry-demo", "approval-forestry-secret", "licence:read");

        JsonNode failed = find(
                services.licenceUrl,
                "oauth2.client-authentication",
                "",
                e -> e.get("actor").asString().equals("approval-demo")
                        && e.get("outcome").asString().equals("FAILURE"));
        assertThat(failed.get("details").get("error").asString()).isEqualTo("invalid_client");
        assertThat(failed.toString()).doesNotContain("not-the-secret");
        JsonNode refused = find(
                services.licenceUrl,
                "oauth2.token",
                "",
                e -> e.get("outcome").asString().equals("FAILURE")
                        && e.get("actor").asString().equals("approval-demo"));
        assertThat(refused.get("details").get("error").asString()).isEqualTo("invalid_scope");
        JsonNode granted = find(
                services.licenceUrl,
                "oauth2.token",
                "",
                e -> e.get("outcome").asString().equals("SUCCESS")
                        && e.get("actor").asString().equals("approval-forestry-demo"));
        assertThat(granted.get("details").get("scopes").asString()).isEqualTo("licence:read");
    }

    @Test
    void rejectedBearerTokensAreAuditedByBothServices() {
        String forged = services.approvalToken() + "x";
        String path = "/api/v1/licences/audit-forged-" + UUID.randomUUID();
        assertThat(services.send(get(services.licenceUrl, path, forged)).statusCode())
                .isEqualTo(401);
        String sealPath = "/api/v1/seals/audit-forged-" + UUID.randomUUID();
        assertThat(services.send(get(services.sealUrl, sealPath, forged)).statusCode())
                .isEqualTo(401);

        for (var at : List.of(Map.entry(services.licenceUrl, path), Map.entry(services.sealUrl, sealPath))) {
            JsonNode event = find(at.getKey(), "authentication", at.getValue(), e -> true);
            assertThat(event.get("outcome").asString()).isEqualTo("FAILURE");
            assertThat(event.get("actor").asString()).isEqualTo("anonymous");
            assertThat(event.get("details").get("error").asString()).isEqualTo("invalid_token");
            assertThat(event.toString()).doesNotContain(forged);
        }
    }

    @Test
    void refusedAuthorisationIsAuditedWithTheCaller() {
        // a token for the licence service without licence:read (a token for the seal service would be 401 here)
        String fieldsOnly = services.token("bank-demo", "bank-demo-secret", "licence:fields");
        String path = "/api/v1/licences/audit-scope-" + UUID.randomUUID();
        assertThat(services.send(get(services.licenceUrl, path, fieldsOnly)).statusCode())
                .isEqualTo(403);
        JsonNode scope = find(services.licenceUrl, "access", path, e -> true);
        assertThat(scope.get("outcome").asString()).isEqualTo("DENIED");
        assertThat(scope.get("actor").asString()).isEqualTo("bank-demo");
        assertThat(scope.get("details").get("authorities").asString()).contains("SCOPE_licence:fields");

        // a rule refusal behind the scope check: another authority's licence
        String licence = issue();
        String forestry = services.token("approval-forestry-demo", "approval-forestry-secret", "licence:status");
        String suspension = "/api/v1/licences/" + licence + "/suspension";
        assertThat(services.send(post(services.licenceUrl, suspension, forestry, "{\"reason\":\"越权\"}"))
                        .statusCode())
                .isEqualTo(403);
        JsonNode rule = find(
                services.licenceUrl,
                "licence.suspend",
                licence,
                e -> e.get("outcome").asString().equals("DENIED"));
        assertThat(rule.get("actor").asString()).isEqualTo("approval-forestry-demo");
        assertThat(rule.get("details").get("refusal").asString()).contains("another authority");
        assertThat(find(services.licenceUrl, "access", suspension, e -> true)
                        .get("actor")
                        .asString())
                .isEqualTo("approval-forestry-demo");
    }

    @Test
    void licenceIssuanceStatusChangesAndNewVersionsAreAudited() {
        String licence = issue();
        String token = services.token("approval-demo", "approval-demo-secret", "licence:issue licence:status");
        assertThat(services.send(
                                post(
                                        services.licenceUrl,
                                        "/api/v1/licences/" + licence + "/amendments",
                                        token,
                                        "{\"caseNumber\":\"AUD-2\",\"reason\":\"住所变更\",\"fields\":{\"address\":\"示范市审计区新港路1号\"}}"))
                        .statusCode())
                .isEqualTo(201);
        assertThat(services.send(post(
                                services.licenceUrl,
                                "/api/v1/licences/" + licence + "/suspension",
                                token,
                                "{\"caseNumber\":\"AUD-3\",\"reason\":\"整改\"}"))
                        .statusCode())
                .isEqualTo(200);

        assertThat(find(services.licenceUrl, "licence.issue", licence, e -> true)
                        .get("actor")
                        .asString())
                .isEqualTo("approval-demo");
        JsonNode amended = find(services.licenceUrl, "licence.amend", licence, e -> true);
        assertThat(amended.get("outcome").asString()).isEqualTo("SUCCESS");
        assertThat(amended.get("details").get("version").asString()).contains(licence);
        JsonNode suspended = find(
                services.licenceUrl,
                "licence.suspend",
                licence,
                e -> e.get("outcome").asString().equals("SUCCESS"));
        assertThat(suspended.get("details").get("reason").asString()).isEqualTo("整改");
        assertThat(suspended.get("details").get("caseNumber").asString()).isEqualTo("AUD-3");
        assertThat(suspended.get("details").get("status").asString()).isEqualTo("SUSPENDED");

        String importer = services.token("approval-forestry-demo", "approval-forestry-secret", "licence:issue");
        String marker = "audit-import-" + UUID.randomUUID();
        HttpResponse<String> imported =
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licence-imports"))
                        .header("Authorization", "Bearer " + importer)
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"" + marker + "\"}\n{broken\n"))
                        .build());
        assertThat(imported.statusCode()).isEqualTo(200);
        JsonNode batch = find(
                services.licenceUrl,
                "licence.import",
                "",
                e -> e.get("actor").asString().equals("approval-forestry-demo")
                        && e.get("details").get("lines").asString().equals("2"));
        assertThat(batch.get("details").get("rejected").asString()).isEqualTo("2");
        assertThat(batch.get("details").get("issued").asString()).isEqualTo("0");
    }

    @Test
    void aFailedIssuanceIsAuditedWithTheRefusedFieldButNotItsValue() {
        String token = services.token("approval-demo", "approval-demo-secret", "licence:issue");
        String caseNumber = "AUD-GLYPH-" + UUID.randomUUID();
        HttpResponse<String> refused =
                services.send(post(services.licenceUrl, "/api/v1/licences", token, """
                {"licenceType": "business-licence", "caseNumber": "%s", "fields": {
                  "uscc": "91990100MA00XF8K1E", "licenceNumber": "99010000202611217778",
                  "name": "审计测试科技有限公司", "entityType": "有限责任公司（自然人投资或控股）",
                  "legalRepresentative": "审\u202e计", "businessScope": "审计检查专用经营范围。", "registeredCapital": 500,
                  "establishedDate": "2019-03-12", "operatingFrom": "2019-03-12", "address": "示范市审计区检查路7号"}}
                """.formatted(caseNumber)));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);

        JsonNode failed = find(
                services.licenceUrl,
                "licence.issue",
                "",
                e -> e.get("details").has("caseNumber")
                        && e.get("details").get("caseNumber").asString().equals(caseNumber));
        assertThat(failed.get("outcome").asString()).isEqualTo("FAILURE");
        assertThat(failed.get("actor").asString()).isEqualTo("approval-demo");
        assertThat(failed.get("details").get("refusal").asString()).isEqualTo("InvalidFields: legalRepresentative");
        assertThat(failed.toString()).doesNotContain("审\u202e计").doesNotContain("\\u202e");
    }

    @Test
    void sealLifecycleAuthorisationsAndRefusedSigningsAreAuditedByTheSealService() throws Exception {
        String applicant = services.token("seal-applicant-demo", "seal-applicant-secret", "seal:apply");
        String approver = services.token("seal-approver-demo", "seal-approver-secret", "seal:approve");
        String admin = services.token("seal-admin-demo", "seal-admin-secret", "seal:admin");
        String signer = services.token("licence-service", "licence-service-secret", "seal:sign");
        HttpResponse<String> applied = services.send(post(services.sealUrl, "/api/v1/seals", applicant, applyBody()));
        assertThat(applied.statusCode()).isEqualTo(201);
        String seal = TwoServices.json(applied.body()).get("id").asString();
        for (String[] step : List.of(
                new String[] {"approve", approver}, new String[] {"make", admin}, new String[] {"issue", admin})) {
            assertThat(services.send(post(
                                    services.sealUrl,
                                    "/api/v1/seals/" + seal + "/" + step[0],
                                    step[1],
                                    "{\"reason\":\"审计测试\"}"))
                            .statusCode())
                    .as(step[0])
                    .isEqualTo(200);
        }
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        String sign = TwoServices.JSON.writeValueAsString(Map.of(
                "sealId",
                seal,
                "digest",
                Base64.getEncoder().encodeToString(digest),
                "licenceType",
                "11100000XF0000001X001"));
        assertThat(services.send(post(services.sealUrl, "/api/v1/signatures/pades", signer, sign))
                        .statusCode())
                .isEqualTo(403);
        assertThat(services.send(post(
                                services.sealUrl,
                                "/api/v1/seals/" + seal + "/authorisations",
                                admin,
                                "{\"grantee\":\"licence-service\",\"reason\":\"审计授权\"}"))
                        .statusCode())
                .isEqualTo(201);

        assertThat(find(services.sealUrl, "seal.applied", seal, e -> true)
                        .get("actor")
                        .asString())
                .isEqualTo("seal-applicant-demo");
        JsonNode approved = find(services.sealUrl, "seal.approved", seal, e -> true);
        assertThat(approved.get("actor").asString()).isEqualTo("seal-approver-demo");
        assertThat(approved.get("details").get("from").asString()).isEqualTo("APPLIED");
        assertThat(approved.get("details").get("to").asString()).isEqualTo("APPROVED");
        assertThat(find(services.sealUrl, "seal.issued", seal, e -> true)
                        .get("actor")
                        .asString())
                .isEqualTo("seal-admin-demo");
        JsonNode refused = find(services.sealUrl, "seal.sign", seal, e -> true);
        assertThat(refused.get("outcome").asString()).isEqualTo("DENIED");
        assertThat(refused.get("actor").asString()).isEqualTo("licence-service");
        assertThat(refused.get("details").get("reason").asString()).contains("no authorisation");
        JsonNode granted = find(services.sealUrl, "seal.authorisation.grant", seal, e -> true);
        assertThat(granted.get("actor").asString()).isEqualTo("seal-admin-demo");
        assertThat(granted.get("details").get("grantee").asString()).contains("licence-service");
    }

    @Test
    void holderSignInsAreAudited() {
        HolderSession.signIn(services.licenceUrl, "990102197909083012");
        assertThat(find(
                                services.licenceUrl,
                                "holder.sign-in",
                                "",
                                e -> e.get("actor").asString().equals("dev:990102197909083012"))
                        .get("outcome")
                        .asString())
                .isEqualTo("SUCCESS");
        String unknown = "99010119000101" + (1000 + (int) (Math.random() * 8999));
        try {
            HolderSession.signIn(services.licenceUrl, unknown);
        } catch (IllegalStateException expected) {
            assertThat(expected.getMessage()).contains("dev sign-in: 400");
        }
        JsonNode failed = find(
                services.licenceUrl,
                "holder.sign-in",
                "",
                e -> e.get("details").get("claimed") != null
                        && e.get("details").get("claimed").asString().equals(unknown));
        assertThat(failed.get("outcome").asString()).isEqualTo("FAILURE");
    }

    @Test
    void onlyAnAuditorReadsTheAuditLog() {
        for (URI base : List.of(services.licenceUrl, services.sealUrl)) {
            // a token for this service without audit:read
            String notAuditor = base == services.licenceUrl
                    ? services.approvalToken()
                    : services.token("seal-applicant-demo", "seal-applicant-secret", "seal:apply seal:read");
            assertThat(services.send(get(base, "/api/v1/audit-events", notAuditor))
                            .statusCode())
                    .isEqualTo(403);
            assertThat(services.send(HttpRequest.newBuilder(base.resolve("/api/v1/audit-events"))
                                    .GET()
                                    .build())
                            .statusCode())
                    .isEqualTo(401);
            HttpResponse<String> read = services.send(get(base, "/api/v1/audit-events?limit=5", auditor));
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(TwoServices.json(read.body()).size()).isBetween(1, 5);
        }
    }

    // ---- helpers ----

    /** The newest event of this action (and subject, if given) that matches, waiting briefly for it. */
    private JsonNode find(URI base, String action, String subject, Predicate<JsonNode> matches) {
        List<String> seen = new ArrayList<>();
        for (int attempt = 0; attempt < 20; attempt++) {
            String query = "?limit=200&action=" + URLEncoder.encode(action, StandardCharsets.UTF_8)
                    + (subject.isEmpty() ? "" : "&subject=" + URLEncoder.encode(subject, StandardCharsets.UTF_8));
            HttpResponse<String> response = services.send(get(base, "/api/v1/audit-events" + query, auditor));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            seen.clear();
            for (JsonNode event : TwoServices.json(response.body())) {
                seen.add(event.toString());
                if (matches.test(event)) {
                    return event;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError(
                "no audit event " + action + " " + subject + " matched at " + base + "; seen: " + seen);
    }

    private String issue() {
        String token = services.token("approval-demo", "approval-demo-secret", "licence:issue");
        HttpResponse<String> issued = services.send(
                post(services.licenceUrl, "/api/v1/licences", token, """
                {"licenceType": "business-licence", "caseNumber": "AUD-1", "fields": {
                  "uscc": "%s", "licenceNumber": "99010000202611217777",
                  "name": "审计测试科技有限公司", "entityType": "有限责任公司（自然人投资或控股）",
                  "legalRepresentative": "审计测试", "businessScope": "审计检查专用经营范围。", "registeredCapital": 500,
                  "establishedDate": "2019-03-12", "operatingFrom": "2019-03-12", "address": "示范市审计区检查路7号"}}
                """.formatted(Holders.uniqueUscc())));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return TwoServices.json(issued.body()).get("root").asString();
    }

    private HttpResponse<String> tokenRequest(String client, String secret, String scope) {
        return services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/oauth2/token"))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)))
                .build());
    }

    static String applyBody() {
        return TwoServices.JSON.writeValueAsString(Map.of(
                "organisationName",
                "证印示范市市场监督管理局",
                "organisationUscc",
                "11110100000000019Q",
                "type",
                "99",
                "name",
                "证印示范市市场监督管理局审计专用章",
                "kindName",
                "业务专用章",
                "validUntil",
                Instant.now().plus(Duration.ofDays(365)).toString(),
                "reason",
                "审计"));
    }

    static HttpRequest get(URI base, String path, String token) {
        return HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build();
    }

    static HttpRequest post(URI base, String path, String token, String json) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
    }
}
