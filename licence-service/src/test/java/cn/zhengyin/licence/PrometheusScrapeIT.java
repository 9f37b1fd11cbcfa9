package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.zhengyin.licence.monitoring.PrometheusTools;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A real Prometheus (Debian's {@code prometheus}) on loopback scrapes both running services with the example
 * configuration of deploy/prometheus (targets, paths and the interval replaced) and a token that
 * {@code refresh-token.sh} fetched, while licences are issued and verified; the counters are read back through
 * Prometheus's query API ({@code /api/v1/query}) and the alerting rules are loaded and quiet. Skipped only where the
 * prometheus binary is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusScrapeIT {
    private static final String MARKET = "11110100000000019Q";
    private TwoServices services;
    private Process prometheus;
    private URI prometheusUrl;
    private Path log;

    @TempDir
    static Path dir;

    @BeforeAll
    void startPrometheus() throws Exception {
        Optional<Path> binary = PrometheusTools.find("prometheus");
        assumeTrue(binary.isPresent(), "prometheus is not installed (apt-get install prometheus)");
        services = TwoServices.shared();

        // the documented token refresher gets the monitoring client's token into the credentials file
        Path secret = dir.resolve("client-secret");
        Files.writeString(secret, "monitoring-demo-secret");
        Path token = dir.resolve("token");
        ProcessBuilder refresher = new ProcessBuilder(
                        "sh", PrometheusTools.DEPLOY.resolve("refresh-token.sh").toString(), "--once")
                .redirectErrorStream(true);
        Map<String, String> env = refresher.environment();
        env.put("TOKEN_URL", services.licenceUrl + "/oauth2/token");
        env.put("CLIENT_ID", "monitoring-demo");
        env.put("CLIENT_SECRET_FILE", secret.toString());
        env.put("TOKEN_FILE", token.toString());
        Process refresh = refresher.start();
        String refreshOutput = new String(refresh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(refresh.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(refresh.exitValue()).as(refreshOutput).isZero();
        assertThat(Files.readString(token)).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

        Path rules = dir.resolve("zhengyin-rules.yml");
        Files.copy(PrometheusTools.DEPLOY.resolve("zhengyin-rules.yml"), rules);
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(
                config,
                Files.readString(PrometheusTools.DEPLOY.resolve("prometheus.example.yml"))
                        .replace("scrape_interval: 15s", "scrape_interval: 1s")
                        .replace("evaluation_interval: 15s", "evaluation_interval: 1s")
                        .replace("/etc/prometheus/zhengyin-rules.yml", rules.toString())
                        .replace("/var/lib/prometheus/zhengyin/token", token.toString())
                        .replace("localhost:8081", "localhost:" + services.licenceUrl.getPort())
                        .replace("localhost:8082", "localhost:" + services.sealUrl.getPort()));
        int port = freePort();
        prometheusUrl = URI.create("http://127.0.0.1:" + port);
        log = dir.resolve("prometheus.log");
        prometheus = new ProcessBuilder(
                        binary.get().toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        await("Prometheus ready", Duration.ofSeconds(60), () -> ready());
        await(
                "both services up in Prometheus",
                Duration.ofSeconds(60),
                () -> value("up{job=\"zhengyin-licence\"}").orElse(0.0) == 1
                        && value("up{job=\"zhengyin-seal\"}").orElse(0.0) == 1);
    }

    @AfterAll
    void stopPrometheus() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
    }

    @Test
    void prometheusReadsTheCountersOfIssuancesVerificationsAndSigningsFromBothServices() throws Exception {
        String issued = "sum(zhengyin_licence_issuances_seconds_count{job=\"zhengyin-licence\",outcome=\"issued\","
                + "authority=\"" + MARKET + "\",type=\"11100000XF0000001X001\"})";
        String valid = "sum(zhengyin_licence_verifications_seconds_count{job=\"zhengyin-licence\",format=\"pdf\","
                + "conclusion=\"VALID\"})";
        String failed = "sum(zhengyin_licence_verifications_seconds_count{job=\"zhengyin-licence\",format=\"pdf\","
                + "conclusion=\"FAILED\"})";
        String signed = "sum(zhengyin_seal_signings_total{job=\"zhengyin-seal\",seal=\"ZYDEV-SEAL-0001\","
                + "outcome=\"signed\"})";
        double issuedBefore = value(issued).orElse(0.0);
        double validBefore = value(valid).orElse(0.0);
        double failedBefore = value(failed).orElse(0.0);
        double signedBefore = value(signed).orElse(0.0);

        String token = services.approvalToken();
        List<byte[]> pdfs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response =
                    services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", "prom-" + UUID.randomUUID())
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    MonitoringIT.SAMPLE.formatted(Holders.uniqueUscc()), StandardCharsets.UTF_8))
                            .build());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            String identifier =
                    TwoServices.json(response.body()).get("identifier").asString();
            HttpResponse<byte[]> pdf = services.sendForBytes(
                    HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences/" + identifier + "/pdf"))
                            .header("Authorization", "Bearer " + token)
                            .GET()
                            .build());
            assertThat(pdf.statusCode()).isEqualTo(200);
            pdfs.add(pdf.body());
        }
        for (byte[] pdf : pdfs) {
            assertThat(verify(pdf).get("conclusion").asString()).isEqualTo("VALID");
        }
        byte[] tampered = pdfs.getFirst().clone();
        // a byte of the binary comment on the PDF's second line: the file still parses, its digest no longer matches
        // (a byte in the middle may fall into a compressed stream, which makes the answer INDETERMINATE)
        int at = new String(tampered, StandardCharsets.ISO_8859_1).indexOf("\n%") + 2;
        tampered[at] ^= 0x01;
        assertThat(verify(tampered).get("conclusion").asString()).isEqualTo("FAILED");

        await("Prometheus has the new issuances", Duration.ofSeconds(30), () -> atLeast(issued, issuedBefore + 3));
        await(
                "Prometheus has the verifications",
                Duration.ofSeconds(30),
                () -> atLeast(valid, validBefore + 3) && atLeast(failed, failedBefore + 1));
        // each licence is sealed twice: the PDF (PAdES) and the XML (XAdES)
        await("Prometheus has the signings", Duration.ofSeconds(30), () -> atLeast(signed, signedBefore + 6));

        // the latency histograms and the gauges behind the alerts arrive too
        assertThat(value("histogram_quantile(0.99, sum by (le) (rate(zhengyin_licence_issuances_seconds_bucket"
                        + "{job=\"zhengyin-licence\"}[1m])))"))
                .hasValueSatisfying(v -> assertThat(v).isPositive());
        assertThat(value("min(zhengyin_crl_validity_remaining_seconds{job=\"zhengyin-seal\"})"))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThan(86400));
        assertThat(value("zhengyin_certificate_validity_remaining_seconds{job=\"zhengyin-seal\",certificate=\"tsa\"}"))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThan(30 * 86400));
        assertThat(value("zhengyin_seals{job=\"zhengyin-seal\",state=\"ISSUED\"}"))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(3));
        assertThat(value("sum(mongodb_driver_commands_seconds_count{job=\"zhengyin-licence\"})"))
                .hasValueSatisfying(v -> assertThat(v).isPositive());

        // the alerting rules are loaded, and none fires against the healthy services
        JsonNode rules = api("/api/v1/rules");
        Set<String> alerts = new TreeSet<>();
        rules.at("/data/groups")
                .forEach(g ->
                        g.get("rules").forEach(r -> alerts.add(r.get("name").asString())));
        assertThat(alerts)
                .contains(
                        "ZhengyinServiceDown",
                        "ZhengyinCrlNearNextUpdate",
                        "ZhengyinCertificateNearExpiry",
                        "ZhengyinSigningRefusals",
                        "ZhengyinServerErrors");
        JsonNode firing = api("/api/v1/alerts").at("/data/alerts");
        List<String> names = new ArrayList<>();
        firing.forEach(a -> names.add(a.at("/labels/alertname").asString()));
        assertThat(names).as("alerts firing").isEmpty();
    }

    private JsonNode verify(byte[] pdf) {
        HttpResponse<String> response =
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/verifications"))
                        .header("Content-Type", "application/pdf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(pdf))
                        .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TwoServices.json(response.body());
    }

    private boolean atLeast(String query, double expected) {
        return value(query).orElse(0.0) >= expected;
    }

    private boolean ready() {
        try {
            return services.send(HttpRequest.newBuilder(prometheusUrl.resolve("/-/ready"))
                                    .GET()
                                    .build())
                            .statusCode()
                    == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The value of an instant query with one result (empty when it has none). */
    private Optional<Double> value(String query) {
        JsonNode result = api("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8))
                .at("/data/result");
        if (result.isEmpty()) {
            return Optional.empty();
        }
        assertThat(result.size()).as(query + " → " + result).isEqualTo(1);
        return Optional.of(Double.parseDouble(result.get(0).get("value").get(1).asString()));
    }

    private JsonNode api(String path) {
        HttpResponse<String> response = services.send(
                HttpRequest.newBuilder(prometheusUrl.resolve(path)).GET().build());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        JsonNode json = TwoServices.json(response.body());
        assertThat(json.get("status").asString()).isEqualTo("success");
        return json;
    }

    private void await(String what, Duration timeout, java.util.function.BooleanSupplier condition)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline) || !prometheus.isAlive()) {
                throw new AssertionError(what + ": not within " + timeout + "; Prometheus log:\n"
                        + tail(Files.readString(log)) + "\ntargets: " + targets());
            }
            Thread.sleep(250);
        }
    }

    private String targets() {
        try {
            return api("/api/v1/targets").at("/data/activeTargets").toString();
        } catch (RuntimeException | AssertionError e) {
            return e.toString();
        }
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
