package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The statistics page against both running services: licences issued and revoked, verifications and a field read
 * are counted for their authority, seen by that authority's administrator and by the province role, and not by
 * another authority's administrator; the CSV downloads carry the same figures and no personal data. Other
 * integration tests run at the same time against the same shared services, so the counts of a shared authority grow
 * by at least what this test did (exact counting is MongoDailyCountersTest's); what one authority must not see is
 * checked exactly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsIT {
    static final String BUSINESS = "11100000XF0000001X001";
    static final String FOREST_RIGHT = "11100000XF00000021001";
    private TwoServices services;
    private WalletFixture fixture;

    @BeforeAll
    void start() {
        services = TwoServices.shared();
        fixture = new WalletFixture(services);
    }

    @Test
    void eachAuthoritySeesItsOwnFiguresAndTheProvinceSeesAll() throws Exception {
        StatisticsSession market = StatisticsSession.signIn(services.licenceUrl, "stats-market");
        StatisticsSession forestry = StatisticsSession.signIn(services.licenceUrl, "stats-forestry");
        StatisticsSession province = StatisticsSession.signIn(services.licenceUrl, "stats-province");
        long[] marketBefore = typeRow(market, BUSINESS);
        long[] forestryBefore = typeRow(forestry, FOREST_RIGHT);
        long[] verificationsBefore = verifications(market);
        long[] allVerificationsBefore = verifications(province);
        long bankBefore = clientCount(market, "bank-demo");

        JsonNode first = fixture.issueSample("business-licence");
        fixture.issueSample("business-licence", Map.of("uscc", Holders.uniqueUscc()));
        fixture.issueSample("forest-right-certificate");
        String id = first.get("identifier").asString();
        String token = services.token("approval-demo", "approval-demo-secret", "licence:status licence:read");
        byte[] pdf = services.sendForBytes(
                        HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences/" + id + "/pdf"))
                                .header("Authorization", "Bearer " + token)
                                .GET()
                                .build())
                .body();
        assertThat(verify(pdf)).isEqualTo("VALID");
        byte[] tampered = pdf.clone();
        tampered[tampered.length / 3] ^= 0x01;
        assertThat(verify(tampered)).isIn("FAILED", "INDETERMINATE");

        // a field read by the bank with the holder's consent
        HolderSession holder = HolderSession.signIn(services.licenceUrl, WalletFixture.LIN);
        HttpResponse<String> consent = holder.postJson(
                "/api/v1/holder/consents",
                TwoServices.JSON.writeValueAsString(Map.of(
                        "licence",
                        id,
                        "clientId",
                        "bank-demo",
                        "fields",
                        List.of("name"),
                        "purpose",
                        "统计测试",
                        "until",
                        Instant.now().plus(Duration.ofDays(1)).toString())));
        assertThat(consent.statusCode()).as(consent.body()).isEqualTo(201);
        String bank = services.token("bank-demo", "bank-demo-secret", "licence:fields licence:verify");
        assertThat(services.send(HttpRequest.newBuilder(
                                        services.licenceUrl.resolve("/api/v1/licences/" + id + "/fields"))
                                .header("Authorization", "Bearer " + bank)
                                .GET()
                                .build())
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> revoked = services.send(
                HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences/" + id + "/revocation"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"统计测试\"}", StandardCharsets.UTF_8))
                        .build());
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(verify(pdf)).isEqualTo("NOT_IN_FORCE");

        // the market supervision administrator: two issued and one revoked business licence, its verifications
        long[] marketAfter = typeRow(market, BUSINESS);
        assertThat(marketAfter[0] - marketBefore[0]).as("issued").isGreaterThanOrEqualTo(2);
        assertThat(marketAfter[5] - marketBefore[5]).as("revoked").isGreaterThanOrEqualTo(1);
        long[] verificationsAfter = verifications(market);
        assertThat(verificationsAfter[0] - verificationsBefore[0]).as("VALID").isGreaterThanOrEqualTo(1);
        assertThat(verificationsAfter[1] - verificationsBefore[1])
                .as("NOT_IN_FORCE")
                .isGreaterThanOrEqualTo(1);
        assertThat(clientCount(market, "bank-demo") - bankBefore)
                .as("bank's reads")
                .isGreaterThanOrEqualTo(1);
        assertThat(market.get("/statistics/csv/licences-by-type").body()).doesNotContain(FOREST_RIGHT);

        // the forestry administrator: its one forest-right certificate, nothing of market supervision
        long[] forestryAfter = typeRow(forestry, FOREST_RIGHT);
        assertThat(forestryAfter[0] - forestryBefore[0]).isGreaterThanOrEqualTo(1);
        assertThat(forestry.get("/statistics/csv/licences-by-type").body()).doesNotContain(BUSINESS);
        HttpResponse<String> otherAuthority = forestry.get("/statistics?authority=11110100000000019Q");
        assertThat(otherAuthority.statusCode()).isEqualTo(403);
        assertThat(otherAuthority.body()).contains("own authority");

        // the province role: every authority, including the tampered file no authority is known for
        long[] allAfter = verifications(province);
        assertThat(Arrays.stream(allAfter).sum()
                        - Arrays.stream(allVerificationsBefore).sum())
                .isGreaterThanOrEqualTo(3);
        assertThat(allAfter[2] + allAfter[3] - allVerificationsBefore[2] - allVerificationsBefore[3])
                .as("the tampered file, counted for no authority, is in the province's figures")
                .isGreaterThanOrEqualTo(1);
        assertThat(province.get("/statistics/csv/licences-by-type").body()).contains(BUSINESS, FOREST_RIGHT);
        assertThat(province.get("/statistics/csv/licences-by-type?authority=11110100000000027K")
                        .body())
                .contains(FOREST_RIGHT)
                .doesNotContain(BUSINESS);

        // the page: charts, tables, no personal data
        HttpResponse<String> page = market.get("/statistics");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<svg", "role=\"img\"", "licences-by-day-table", "证印示范市市场监督管理局")
                .doesNotContain(first.get("holderCode").asString(), "示范市青禾数字科技有限公司", "林晓峰");
        assertThat(market.get("/statistics?lang=en").body()).contains("Licences issued, changed and withdrawn per day");
    }

    @Test
    void csvDownloadsAreNamedInUtf8AndBadRangesAreClearErrors() {
        StatisticsSession market = StatisticsSession.signIn(services.licenceUrl, "stats-market");
        HttpResponse<String> csv = market.get("/statistics/csv/verifications-by-day?from=2026-01-01&to=2026-01-31");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith(
                        "attachment; filename=\"statistics-verifications-by-day-11110100000000019Q-2026-01-01-2026-01-31.csv\"")
                .contains("filename*=UTF-8''%E6%AF%8F%E6%97%A5");
        assertThat(csv.body().split("\r\n")).hasSize(32); // heading + 31 days
        assertThat(market.get("/statistics?from=2026-02-01&to=2026-01-01").statusCode())
                .isEqualTo(400);
        assertThat(market.get("/statistics?from=2020-01-01&to=2026-01-01").statusCode())
                .isEqualTo(400);
        assertThat(market.get("/statistics?from=yesterday").statusCode()).isEqualTo(400);
        assertThat(market.get("/statistics/csv/no-such-table").statusCode()).isEqualTo(404);
        // a wallet (holder) session is not a statistics session
        HolderSession holder = HolderSession.signIn(services.licenceUrl, WalletFixture.LIN);
        HttpResponse<String> asHolder = holder.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/statistics"))
                .GET()
                .build());
        assertThat(asHolder.statusCode()).isEqualTo(302);
        assertThat(asHolder.headers().firstValue("Location").orElse("")).endsWith("/statistics/sign-in");
    }

    private String verify(byte[] pdf) {
        String boundary = "stats" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"l.pdf\"\r\n"
                        + "Content-Type: application/pdf\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + pdf.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(pdf, 0, body, head.length, pdf.length);
        System.arraycopy(tail, 0, body, head.length + pdf.length, tail.length);
        HttpResponse<String> response =
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/verifications"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TwoServices.json(response.body()).get("conclusion").asString();
    }

    /** The per-type row (ISSUED … REINSTATED) of the last 30 days, zeros if the type has none. */
    private static long[] typeRow(StatisticsSession session, String typeCode) {
        for (String[] row : rows(session, "licences-by-type")) {
            if (row[0].equals(typeCode)) {
                return Arrays.stream(row, 2, row.length)
                        .mapToLong(Long::parseLong)
                        .toArray();
            }
        }
        return new long[8];
    }

    /** The verifications of the last 30 days by conclusion (VALID, NOT_IN_FORCE, FAILED, INDETERMINATE). */
    private static long[] verifications(StatisticsSession session) {
        long[] sum = new long[4];
        for (String[] row : rows(session, "verifications-by-day")) {
            for (int i = 0; i < 4; i++) {
                sum[i] += Long.parseLong(row[i + 1]);
            }
        }
        return sum;
    }

    private static long clientCount(StatisticsSession session, String client) {
        return rows(session, "reuse-by-client").stream()
                .filter(r -> r[0].equals(client))
                .mapToLong(r -> Long.parseLong(r[2]))
                .sum();
    }

    private static List<String[]> rows(StatisticsSession session, String table) {
        HttpResponse<String> csv = session.get("/statistics/csv/" + table);
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("\uFEFF");
        return Arrays.stream(lines, 1, lines.length).map(l -> l.split(",", -1)).toList();
    }
}
