package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.identifier.LicenceIdentifier;
import cn.zhengyin.trust.identifier.UnifiedSocialCreditCode;
import com.mongodb.client.MongoDatabase;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Bulk import (存量证照) against both services running for real: NDJSON and CSV inputs with good and bad lines get one
 * result a line in input order; running the same input again issues nothing new and answers with the first
 * identifiers; a long stream of unusable lines is answered line by line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkImportIT {
    private TwoServices services;
    private String token;
    private String warmUp; // the identifier of the licence issued first
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    void start() {
        services = TwoServices.shared();
        token = services.approvalToken();
        // One licence issued alone first, as on any running service: the embedded test store has been seen to hand the
        // same serial to concurrent first-ever issuances of a type (the serial counter's upsert race); see the report.
        HttpResponse<String> first =
                post("application/x-ndjson", ndjson("warm-" + run, "business-licence", 0, uscc(9_999_999)) + "\n");
        assertThat(first.body()).contains("\"result\":\"ISSUED\"");
        warmUp = TwoServices.json(first.body().lines().findFirst().orElseThrow())
                .get("identifier")
                .asString();
    }

    private static String uscc(int n) {
        String first17 = "91990100MA" + String.format("%07d", n);
        return first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    }

    private static String ndjson(String key, String type, int n, String uscc) {
        return "{\"key\":\"" + key + "\",\"licenceType\":\"" + type + "\",\"caseNumber\":\"BULK-" + n
                + "\",\"fields\":{"
                + "\"uscc\":\"" + uscc + "\",\"licenceNumber\":\"9901000020261121" + String.format("%04d", n) + "\","
                + "\"name\":\"示范市批量导入科技有限公司" + n + "\",\"entityType\":\"有限责任公司（自然人投资或控股）\","
                + "\"legalRepresentative\":\"林晓峰\",\"businessScope\":\"技术服务；软件开发。\",\"registeredCapital\":" + (100 + n)
                + ","
                + "\"establishedDate\":\"2019-03-12\",\"operatingFrom\":\"2019-03-12\",\"address\":\"示范市青禾区科创大道" + n
                + "号\","
                + "\"issueDate\":\"2024-05-20\"}}";
    }

    private HttpResponse<String> post(String contentType, String body) {
        return services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licence-imports"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build());
    }

    private static List<JsonNode> lines(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/x-ndjson"));
        return response.body().lines().map(TwoServices::json).toList();
    }

    private long licenceCount() {
        return services.licence
                .getBean(MongoDatabase.class)
                .getCollection("licences")
                .countDocuments();
    }

    @Test
    void ndjsonImportReportsEveryLineInOrderAndARerunIssuesNothingTwice() {
        List<String> input = new ArrayList<>();
        List<String> expected = new ArrayList<>(); // per non-blank line: ISSUED or the REJECTED problem
        for (int i = 1; i <= 20; i++) {
            String key = "nd-" + run + "-" + i;
            switch (i) {
                case 4 -> {
                    input.add(ndjson(key, "business-licence", i, "91990100MA0000004X"));
                    expected.add("validation-failed");
                }
                case 7 -> {
                    input.add(ndjson(key, "no-such-licence", i, uscc(i)));
                    expected.add("unknown-licence-type");
                }
                case 9 -> {
                    input.add("{\"key\":\"" + key + "\",\"licenceType\":");
                    expected.add("malformed-line");
                }
                case 12 -> {
                    input.add("{\"key\":\"" + key + "\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
                    expected.add("line-too-long");
                }
                case 15 -> {
                    input.add("");
                }
                case 10 -> {
                    // the warm-up licence's company already holds a 营业执照 in force: this line alone is refused
                    input.add(ndjson(key, "business-licence", i, uscc(9_999_999)));
                    expected.add("holder-has-licence");
                }
                case 17 -> {
                    input.add(ndjson("", "business-licence", i, uscc(i)).replace("\"key\":\"\",", ""));
                    expected.add("missing-key");
                }
                default -> {
                    input.add(ndjson(key, "business-licence", i, uscc(i * 7 + 1000)));
                    expected.add("ISSUED");
                }
            }
        }
        String body = String.join("\n", input) + "\n";
        long before = licenceCount();

        List<JsonNode> first = lines(post("application/x-ndjson", body));
        assertThat(first).hasSize(expected.size() + 1);
        List<JsonNode> results = first.subList(0, expected.size());
        assertThat(results)
                .extracting(r -> r.get("line").asLong())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 16L, 17L, 18L, 19L, 20L);
        assertThat(results)
                .extracting(r -> "ISSUED".equals(r.get("result").asString())
                        ? "ISSUED"
                        : r.get("problem").asString())
                .containsExactlyElementsOf(expected);
        JsonNode badUscc = results.get(3);
        assertThat(badUscc.get("result").asString()).isEqualTo("REJECTED");
        assertThat(badUscc.get("key").asString()).isEqualTo("nd-" + run + "-4");
        assertThat(badUscc.get("errors").get(0).get("field").asString()).isEqualTo("uscc");
        assertThat(badUscc.get("errors").get(0).get("message").asString()).contains("check character");
        assertThat(results.get(11).get("errors").get(0).get("message").asString())
                .contains("at most 65536 bytes");
        assertThat(results.get(9).get("errors").get(0).get("message").asString())
                .contains(uscc(9_999_999), "营业执照", warmUp);
        Map<String, String> identifiers = issuedIdentifiers(results);
        assertThat(identifiers)
                .hasSize(13)
                .allSatisfy((k, id) -> assertThat(LicenceIdentifier.isValid(id)).isTrue());
        assertThat(identifiers.values()).doesNotHaveDuplicates();
        JsonNode summary = first.getLast().get("summary");
        assertThat(summary.get("lines").asLong()).isEqualTo(19);
        assertThat(summary.get("issued").asLong()).isEqualTo(13);
        assertThat(summary.get("alreadyIssued").asLong()).isZero();
        assertThat(summary.get("rejected").asLong()).isEqualTo(6);
        assertThat(summary.get("blankLines").asLong()).isEqualTo(1);
        assertThat(summary.get("complete").asBoolean()).isTrue();
        long afterFirst = licenceCount();
        assertThat(afterFirst - before).isEqualTo(13);

        List<JsonNode> again = lines(post("application/x-ndjson", body));
        List<JsonNode> rerun = again.subList(0, expected.size());
        assertThat(rerun.stream().filter(r -> !"REJECTED".equals(r.get("result").asString())))
                .hasSize(13)
                .allSatisfy(r -> assertThat(r.get("result").asString()).isEqualTo("ALREADY_ISSUED"));
        assertThat(issuedIdentifiers(rerun)).isEqualTo(identifiers);
        assertThat(again.getLast().get("summary").get("issued").asLong()).isZero();
        assertThat(again.getLast().get("summary").get("alreadyIssued").asLong()).isEqualTo(13);
        assertThat(licenceCount()).isEqualTo(afterFirst);

        HttpResponse<String> issued = services.send(HttpRequest.newBuilder(
                        services.licenceUrl.resolve("/api/v1/licences/" + identifiers.get("nd-" + run + "-1")))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build());
        assertThat(issued.statusCode()).isEqualTo(200);
        assertThat(TwoServices.json(issued.body()).get("fields").get("name").asString())
                .isEqualTo("示范市批量导入科技有限公司1");
        // an imported licence has every rendition, the sealed OFD included
        JsonNode renditions = TwoServices.json(issued.body()).get("renditions");
        assertThat(List.of("PDF", "XML", "OFD")).allMatch(renditions::has);
    }

    @Test
    void csvImportReadsQuotedValuesAndRejectsBadRecords() {
        String header =
                "key,licenceType,caseNumber,uscc,licenceNumber,name,entityType,legalRepresentative,businessScope,"
                        + "registeredCapital,establishedDate,operatingFrom,address,issueDate\n";
        StringBuilder csv = new StringBuilder("\uFEFF").append(header);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            String key = "csv-" + run + "-" + i;
            String uscc = uscc(50_000 + i);
            String scope = i == 2 ? "\"技术服务，软件开发\n（多行）\"" : "\"技术服务, \"\"软件\"\"开发\"";
            switch (i) {
                case 5 -> {
                    csv.append(key)
                            .append(",business-licence,CSV-5,")
                            .append(uscc, 0, 17)
                            .append("0,X,Y\n");
                    expected.add("malformed-line");
                }
                case 6 -> {
                    csv.append(key)
                            .append(",business-licence,CSV-6,")
                            .append(uscc)
                            .append(",99010000202611219006,")
                            .append("示范市CSV公司6,不存在的类型,王五,")
                            .append(scope)
                            .append(",100,2019-03-12,2019-03-12,示范市某路6号,2024-05-20\n");
                    expected.add("validation-failed");
                }
                case 8 -> {
                    csv.append(key).append(",business-licence,CSV-8,bad\"quote,1,2,3,4,5,6,7,8,9,10\n");
                    expected.add("malformed-line");
                }
                default -> {
                    csv.append(key)
                            .append(",business-licence,CSV-")
                            .append(i)
                            .append(',')
                            .append(uscc)
                            .append(",9901000020261121900")
                            .append(i % 10)
                            .append(",\"示范市CSV公司, 第")
                            .append(i)
                            .append("号\",")
                            .append("有限责任公司（自然人投资或控股）,王五,")
                            .append(scope)
                            .append(',')
                            .append(200 + i)
                            .append(",2019-03-12,2019-03-12,示范市某路")
                            .append(i)
                            .append("号,2024-05-20\r\n");
                    expected.add("ISSUED");
                }
            }
        }
        long before = licenceCount();
        List<JsonNode> first = lines(post("text/csv; charset=utf-8", csv.toString()));
        List<JsonNode> results = first.subList(0, 10);
        assertThat(results)
                .extracting(r -> "ISSUED".equals(r.get("result").asString())
                        ? "ISSUED"
                        : r.get("problem").asString())
                .containsExactlyElementsOf(expected);
        // line numbers are physical lines: header is line 1, record 2 spans lines 3-4
        assertThat(results)
                .extracting(r -> r.get("line").asLong())
                .containsExactly(2L, 3L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(licenceCount() - before).isEqualTo(7);
        Map<String, String> identifiers = issuedIdentifiers(results);
        HttpResponse<String> multiLine = services.send(HttpRequest.newBuilder(
                        services.licenceUrl.resolve("/api/v1/licences/" + identifiers.get("csv-" + run + "-2")))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build());
        JsonNode fields = TwoServices.json(multiLine.body()).get("fields");
        assertThat(fields.get("name").asString()).isEqualTo("示范市CSV公司, 第2号");
        assertThat(fields.get("businessScope").asString()).isEqualTo("技术服务，软件开发\n（多行）");

        List<JsonNode> again = lines(post("text/csv", csv.toString()));
        assertThat(issuedIdentifiers(again.subList(0, 10))).isEqualTo(identifiers);
        assertThat(again.getLast().get("summary").get("alreadyIssued").asLong()).isEqualTo(7);
        assertThat(licenceCount() - before).isEqualTo(7);
    }

    @Test
    void aCsvWithoutTheRequiredHeaderIsAProblemBeforeAnythingIsIssued() {
        HttpResponse<String> response = post("text/csv", "licenceType,key,caseNumber\nx,y,z\n");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TwoServices.json(response.body()).get("type").asString()).endsWith("/invalid-import");
    }

    @Test
    void importingNeedsTheIssueScope() {
        String readOnly = services.token("approval-demo", "approval-demo-secret", "licence:read");
        HttpResponse<String> response =
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licence-imports"))
                        .header("Authorization", "Bearer " + readOnly)
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString("{}\n"))
                        .build());
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void aLongStreamOfUnusableLinesIsAnsweredLineByLine() throws Exception {
        int count = 50_000;
        // generated on the fly: the request body is never in memory as a whole, on either side
        InputStream generated = new InputStream() {
            private int line;
            private byte[] current = new byte[0];
            private int pos;

            @Override
            public int read() {
                if (pos == current.length) {
                    if (line == count) {
                        return -1;
                    }
                    line++;
                    current = (line % 2 == 0 ? "\n" : "{not json " + line + "\n").getBytes(StandardCharsets.UTF_8);
                    pos = 0;
                }
                return current[pos++] & 0xFF;
            }
        };
        HttpResponse<java.util.stream.Stream<String>> response = services.http.send(
                HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licence-imports"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> generated))
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        long[] rejected = {0};
        String[] last = {null};
        try (var lines = response.body()) {
            lines.forEach(l -> {
                if (l.startsWith("{\"line\"")) {
                    assertThat(l).contains("\"result\":\"REJECTED\"", "\"problem\":\"malformed-line\"");
                    rejected[0]++;
                } else {
                    last[0] = l;
                }
            });
        }
        assertThat(rejected[0]).isEqualTo(count / 2);
        JsonNode summary = TwoServices.json(last[0]).get("summary");
        assertThat(summary.get("rejected").asLong()).isEqualTo(count / 2);
        assertThat(summary.get("blankLines").asLong()).isEqualTo(count / 2);
    }

    private static Map<String, String> issuedIdentifiers(List<JsonNode> results) {
        return results.stream()
                .filter(r -> r.has("identifier"))
                .collect(Collectors.toMap(
                        r -> r.get("key").asString(), r -> r.get("identifier").asString()));
    }
}
