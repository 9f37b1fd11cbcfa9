package cn.zhengyin.catools.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ca-tools import} sends a file in batches: every batch is a request of its own (a CSV batch repeats the
 * header), result line numbers count in the whole file, and the totals add up. Against a stand-in for the import
 * endpoint that answers like the licence service does (one result per record, numbered from 1, then a summary).
 */
class ImportBatchesTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/oauth2/token", exchange -> {
            byte[] body = "{\"access_token\":\"t\",\"token_type\":\"Bearer\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/api/v1/licence-imports", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            boolean csv = exchange.getRequestHeaders().getFirst("Content-Type").startsWith("text/csv");
            StringBuilder results = new StringBuilder();
            List<String> lines = body.lines().toList();
            int records = 0;
            int line = csv ? 1 : 0;
            for (int i = csv ? 1 : 0; i < lines.size(); i++) {
                line++;
                String record = lines.get(i);
                int first = line;
                while (csv && record.chars().filter(c -> c == '"').count() % 2 == 1) {
                    record = record + "\n" + lines.get(++i);
                    line++;
                }
                records++;
                String key = csv
                        ? record.substring(0, record.indexOf(','))
                        : (String) Json.parseObject(record).get("key");
                results.append(Json.write(Map.of("line", first, "key", key, "result", "ISSUED")))
                        .append('\n');
            }
            results.append("{\"summary\":{\"lines\":")
                    .append(records)
                    .append(",\"issued\":")
                    .append(records)
                    .append(",\"alreadyIssued\":0,\"rejected\":0,\"blankLines\":0}}\n");
            byte[] answer = results.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int run(String... args) {
        return cn.zhengyin.catools.CaToolsRunner.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void anNdjsonFileGoesInBatchesAndTheResultsAreNumberedInTheWholeFile(@TempDir Path dir) throws IOException {
        StringBuilder file = new StringBuilder();
        for (int i = 1; i <= 2500; i++) {
            file.append("{\"key\":\"k-").append(i).append("\"}\n");
        }
        Path input = Files.writeString(dir.resolve("licences.ndjson"), file);
        Path results = dir.resolve("results.ndjson");

        assertThat(run(
                        "import",
                        "--url",
                        url(),
                        "--client",
                        "c",
                        "--secret",
                        "s",
                        "--batch-lines",
                        "1000",
                        "--out",
                        results.toString(),
                        input.toString()))
                .as(err.toString())
                .isZero();

        assertThat(bodies).hasSize(3);
        List<String> lines = Files.readAllLines(results);
        assertThat(lines).hasSize(2500);
        for (int i = 0; i < 2500; i++) {
            Map<String, Object> result = Json.parseObject(lines.get(i));
            assertThat(((Number) result.get("line")).intValue()).isEqualTo(i + 1);
            assertThat(result.get("key")).isEqualTo("k-" + (i + 1));
        }
        assertThat(err.toString()).contains("import complete: 2500 lines").contains("issued 2500");
    }

    @Test
    void aCsvBatchRepeatsTheHeaderAndARecordSpanningLinesStaysWhole(@TempDir Path dir) throws IOException {
        String csv = "key,name\n"
                + "a,甲\n"
                + "b,\"乙\n第二行\"\n" // one record on physical lines 3-4
                + "c,丙\n";
        Path input = Files.writeString(dir.resolve("licences.csv"), csv);
        Path results = dir.resolve("results.ndjson");

        assertThat(run(
                        "import",
                        "--url",
                        url(),
                        "--client",
                        "c",
                        "--secret",
                        "s",
                        "--batch-lines",
                        "2",
                        "--out",
                        results.toString(),
                        input.toString()))
                .as(err.toString())
                .isZero();

        assertThat(bodies).containsExactly("key,name\na,甲\nb,\"乙\n第二行\"\n", "key,name\nc,丙\n");
        assertThat(Files.readAllLines(results))
                .extracting(l -> ((Number) Json.parseObject(l).get("line")).intValue())
                .containsExactly(2, 3, 5);
        assertThat(err.toString()).contains("import complete: 3 lines");
    }

    @Test
    void aBatchSizeOfZeroIsAUsageError(@TempDir Path dir) throws IOException {
        Path input = Files.writeString(dir.resolve("licences.ndjson"), "{}\n");
        assertThat(run(
                        "import",
                        "--url",
                        url(),
                        "--client",
                        "c",
                        "--secret",
                        "s",
                        "--batch-lines",
                        "0",
                        input.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--batch-lines must be 1 to 1000000");
    }
}
