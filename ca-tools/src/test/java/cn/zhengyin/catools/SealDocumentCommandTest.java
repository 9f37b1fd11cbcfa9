package cn.zhengyin.catools;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ca-tools seal-document} against a stand-in of the token endpoint and {@code POST /api/v1/sealings}: the
 * multipart it sends (document and request JSON, bearer token), the sealed file written (exit 0), a refusal's problem
 * on stderr (exit 1), an ambiguous placement (exit 2, nothing sent).
 */
class SealDocumentCommandTest {
    HttpServer server;
    final AtomicReference<String> received = new AtomicReference<>();
    int sealingStatus = 200;
    String base;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/oauth2/token", exchange -> {
            byte[] body = "{\"access_token\":\"tok-1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/api/v1/sealings", exchange -> {
            received.set(exchange.getRequestHeaders().getFirst("Authorization") + "\n"
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = sealingStatus == 200
                    ? "%PDF-sealed".getBytes(StandardCharsets.US_ASCII)
                    : "{\"type\":\"https://zhengyin.dev/problems/keyword-not-found\",\"detail\":\"The keyword 'x' occurs 0 time(s)\"}"
                            .getBytes(StandardCharsets.UTF_8);
            if (sealingStatus == 200) {
                exchange.getResponseHeaders()
                        .add("Zhengyin-Seal-Positions", "ZYDEV-SEAL-0001: [page 3 [1.0, 2.0, 42.0 x 42.0 mm]]");
            }
            exchange.sendResponseHeaders(sealingStatus, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    record Run(int exit, String out, String err) {}

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CaTools.run(Clock.systemUTC(), new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    String[] args(Path dir, String... placement) throws Exception {
        Path file = dir.resolve("decision.pdf");
        Files.write(file, "%PDF-1.7 test".getBytes(StandardCharsets.US_ASCII));
        String[] fixed = {
            "seal-document",
            file.toString(),
            "--out",
            dir.resolve("sealed.pdf").toString(),
            "--url",
            base,
            "--token-url",
            base + "/oauth2/token",
            "--client",
            "approval-sealing-demo",
            "--secret",
            "s",
            "--seal",
            "ZYDEV-SEAL-0001",
            "--category",
            "decision",
            "--case",
            "XF-1"
        };
        String[] all = java.util.Arrays.copyOf(fixed, fixed.length + placement.length);
        System.arraycopy(placement, 0, all, fixed.length, placement.length);
        return all;
    }

    @Test
    void sendsTheDocumentAndTheRequestAndWritesTheSealedFile(@TempDir Path dir) throws Exception {
        Run run = run(args(dir, "--keyword", "证印示范市市场监督管理局", "--occurrence", "last"));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.readString(dir.resolve("sealed.pdf"))).isEqualTo("%PDF-sealed");
        assertThat(run.out()).contains("SEALED").contains("page 3");
        assertThat(received.get())
                .startsWith("Bearer tok-1\n")
                .contains("name=\"document\"", "%PDF-1.7 test", "name=\"request\"")
                .contains(
                        "{\"category\":\"decision\",\"caseNumber\":\"XF-1\",\"seals\":[{\"sealId\":\"ZYDEV-SEAL-0001\","
                                + "\"keyword\":\"证印示范市市场监督管理局\",\"occurrence\":\"last\"}]}");
    }

    @Test
    void aRefusalIsExit1WithTheProblemAndABadPlacementIsExit2(@TempDir Path dir) throws Exception {
        sealingStatus = 422;
        Run refused = run(args(dir, "--page", "1", "--x", "105", "--y", "100"));
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("HTTP 422").contains("keyword-not-found");
        assertThat(received.get()).contains("\"page\":1,\"x\":105.0,\"y\":100.0");
        assertThat(dir.resolve("sealed.pdf")).doesNotExist();

        received.set(null);
        Run bad = run(args(dir, "--keyword", "x", "--cross-page", "--y", "100"));
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("exactly one placement");
        assertThat(received.get()).isNull();
    }
}
