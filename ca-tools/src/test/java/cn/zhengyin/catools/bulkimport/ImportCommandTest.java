package cn.zhengyin.catools.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.identifier.CitizenIdentityNumber;
import cn.zhengyin.trust.identifier.UnifiedSocialCreditCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandTest {
    private static final Path TEMPLATES =
            Path.of("..", "templates").toAbsolutePath().normalize();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return cn.zhengyin.catools.CaToolsRunner.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void generateWritesValidUniqueBusinessLicenceLines(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("licences.ndjson");
        assertThat(run(
                        "import",
                        "generate",
                        "--type",
                        "business-licence",
                        "--count",
                        "300",
                        "--out",
                        file.toString(),
                        "--templates",
                        TEMPLATES.toString()))
                .as(err.toString())
                .isZero();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(300);
        Set<String> keys = new HashSet<>();
        Set<String> codes = new HashSet<>();
        for (String line : lines) {
            Map<String, Object> parsed = Json.parseObject(line);
            assertThat(parsed).containsOnlyKeys("key", "licenceType", "caseNumber", "fields");
            assertThat(parsed.get("licenceType")).isEqualTo("business-licence");
            keys.add((String) parsed.get("key"));
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) parsed.get("fields");
            String uscc = (String) fields.get("uscc");
            assertThat(UnifiedSocialCreditCode.isValid(uscc)).as(uscc).isTrue();
            codes.add(uscc);
            assertThat((String) fields.get("licenceNumber")).matches("[0-9A-Z]{8,32}");
            assertThat(fields)
                    .doesNotContainKey("registrationAuthority")
                    .containsKeys("name", "issueDate", "registeredCapital");
        }
        assertThat(keys).hasSize(300).contains("gen-business-licence-1", "gen-business-licence-300");
        assertThat(codes).hasSize(300);
        assertThat(out.toString()).contains("Wrote 300 business-licence lines");

        // another batch names other companies: each holds one 营业执照 in force, so none may be refused
        Path other = dir.resolve("other.ndjson");
        assertThat(run(
                        "import",
                        "generate",
                        "--type",
                        "business-licence",
                        "--count",
                        "300",
                        "--key-prefix",
                        "batch-2",
                        "--out",
                        other.toString(),
                        "--templates",
                        TEMPLATES.toString()))
                .isZero();
        Set<String> otherCodes = new HashSet<>();
        for (String line : Files.readAllLines(other, StandardCharsets.UTF_8)) {
            otherCodes.add((String) ((Map<?, ?>) Json.parseObject(line).get("fields")).get("uscc"));
        }
        assertThat(otherCodes).hasSize(300).doesNotContainAnyElementsOf(codes);
    }

    @Test
    void generateIsDeterministicAndWritesCsvByExtension(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("licences.csv");
        assertThat(run(
                        "import",
                        "generate",
                        "--type",
                        "physician-certificate",
                        "--count",
                        "5",
                        "--out",
                        csv.toString(),
                        "--templates",
                        TEMPLATES.toString(),
                        "--key-prefix",
                        "doc"))
                .as(err.toString())
                .isZero();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(6);
        assertThat(lines.getFirst()).startsWith("key,licenceType,caseNumber,name,");
        List<String> header = List.of(lines.getFirst().split(","));
        int idColumn = header.indexOf("idNumber");
        for (String record : lines.subList(1, 6)) {
            assertThat(record).startsWith("doc-");
            assertThat(CitizenIdentityNumber.isValid(record.split(",")[idColumn]))
                    .isTrue();
        }
        Path again = dir.resolve("again.csv");
        run(
                "import",
                "generate",
                "--type",
                "physician-certificate",
                "--count",
                "5",
                "--out",
                again.toString(),
                "--templates",
                TEMPLATES.toString(),
                "--key-prefix",
                "doc");
        assertThat(Files.readAllLines(again, StandardCharsets.UTF_8)).isEqualTo(lines);
    }

    @Test
    void everyShippedTypeGeneratesLinesThatRoundTripAsJson() throws IOException {
        for (String type : List.of(
                "business-licence", "food-business-licence", "forest-right-certificate", "physician-certificate")) {
            SampleLicences samples = SampleLicences.load(TEMPLATES, type, "t");
            for (long n : new long[] {1, 999, 1000, 123_456}) {
                String line = Json.write(samples.line(n));
                assertThat(Json.parse(line)).isEqualTo(samples.line(n));
            }
        }
    }

    @Test
    void importWithoutAFileIsAUsageError() {
        assertThat(run("import", "--client", "c", "--secret", "s")).isEqualTo(2);
        assertThat(err.toString()).contains("missing the FILE to import").contains("ca-tools import --help");
    }

    @Test
    void importOfAFileWithAnUnknownExtensionIsAUsageError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("licences.txt"), "{}\n");
        assertThat(run("import", "--client", "c", "--secret", "s", file.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("cannot tell the format of").contains(".ndjson, .jsonl or .csv");
    }

    @Test
    void importWithoutClientIsAUsageError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("licences.ndjson"), "{}\n");
        assertThat(run("import", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("missing --client");
    }

    @Test
    void generateWithoutTypeOrWithAZeroCountIsAUsageError(@TempDir Path dir) {
        assertThat(run(
                        "import",
                        "generate",
                        "--count",
                        "5",
                        "--out",
                        dir.resolve("x.ndjson").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--type=<type>'");
        assertThat(run(
                        "import",
                        "generate",
                        "--type",
                        "business-licence",
                        "--count",
                        "0",
                        "--out",
                        dir.resolve("x.ndjson").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--count must be at least 1");
        assertThat(run(
                        "import",
                        "generate",
                        "--type",
                        "business-licence",
                        "--count",
                        "abc",
                        "--out",
                        dir.resolve("x.ndjson").toString()))
                .isEqualTo(2);
    }

    @Test
    void anUnknownLicenceTypeIsAFailureWithAClearMessage(@TempDir Path dir) {
        assertThat(run(
                        "import",
                        "generate",
                        "--type",
                        "no-such-type",
                        "--count",
                        "5",
                        "--out",
                        dir.resolve("x.ndjson").toString(),
                        "--templates",
                        TEMPLATES.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).startsWith("ca-tools: error: ").contains("no-such-type");
    }

    @Test
    void importToAServiceThatIsNotRunningFailsWithExitOneAndSaysSo(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("licences.ndjson"), "{}\n");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThat(run(
                        "import",
                        "--url",
                        "http://localhost:" + port,
                        "--client",
                        "c",
                        "--secret",
                        "s",
                        file.toString()))
                .isEqualTo(1);
        assertThat(err.toString())
                .startsWith("ca-tools: error: cannot connect to http://localhost:" + port)
                .contains("is the licence service running?");
        assertThat(err.toString().lines()).hasSize(1);
    }

    @Test
    void progressIsReportedAtMostOncePerInterval() {
        StringWriter sink = new StringWriter();
        long[] now = {0};
        Progress progress = new Progress(new PrintWriter(sink), () -> now[0], 1_000_000_000L);
        for (int i = 0; i < 10; i++) {
            now[0] += 300_000_000L; // 0.3 s a line
            progress.count(i % 5 == 0 ? "REJECTED" : i % 2 == 0 ? "ALREADY_ISSUED" : "ISSUED");
        }
        List<String> reports = sink.toString().lines().toList();
        assertThat(reports).hasSize(2); // at 1.2 s and 2.4 s
        assertThat(reports.getLast())
                .isEqualTo("import: 8 lines in 2 s (3.3 lines/s): issued 3, already issued 3, rejected 2");
    }

    @Test
    void jsonRoundTripsEscapesAndNumbers() {
        String text = "{\"a\":\"引号\\\"\\n\\u0041\",\"n\":3.4667,\"i\":500,\"l\":[true,false,null],\"o\":{}}";
        Map<String, Object> parsed = Json.parseObject(text);
        assertThat(parsed.get("a")).isEqualTo("引号\"\nA");
        assertThat(Json.write(parsed))
                .isEqualTo("{\"a\":\"引号\\\"\\nA\",\"n\":3.4667,\"i\":500,\"l\":[true,false,null],\"o\":{}}");
    }
}
