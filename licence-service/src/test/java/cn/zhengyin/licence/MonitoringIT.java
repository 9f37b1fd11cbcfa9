package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Operations monitoring of both running services (docs/operations.md): metrics only with scope
 * {@code monitoring:read}, health with liveness and readiness groups and its details only with that scope, and one
 * issuance followed by its W3C trace id from the caller's {@code traceparent} through both services' log lines, the
 * seal service's usage record, the exported spans and every problem+json.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringIT {
    static final String SAMPLE = """
            {
              "licenceType": "business-licence",
              "caseNumber": "XF-2026-MON-0001",
              "fields": {
                "uscc": "%s",
                "licenceNumber": "99010000202611210077",
                "name": "示范市运行监控科技有限公司",
                "entityType": "有限责任公司（自然人投资或控股）",
                "legalRepresentative": "林晓峰",
                "businessScope": "一般项目：技术服务、技术开发。",
                "registeredCapital": 100,
                "establishedDate": "2019-03-12",
                "operatingFrom": "2019-03-12",
                "address": "示范市青禾区科创大道88号"
              }
            }
            """;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TwoServices services;
    private String monitoring;
    private String approval;
    private String sealAdmin;

    @BeforeAll
    void start() {
        services = TwoServices.shared();
        monitoring = services.token("monitoring-demo", "monitoring-demo-secret", "monitoring:read");
        approval = services.approvalToken();
        sealAdmin = services.token("seal-admin-demo", "seal-admin-secret", "seal:admin seal:read");
    }

    /** A new W3C trace context: version 00, random trace and parent span id, sampled. */
    record TraceParent(String traceId, String parentId) {
        static TraceParent random() {
            return new TraceParent(hex(16), hex(8));
        }

        String header() {
            return "00-" + traceId + "-" + parentId + "-01";
        }

        private static String hex(int bytes) {
            byte[] b = new byte[bytes];
            RANDOM.nextBytes(b);
            return HexFormat.of().formatHex(b);
        }
    }

    private HttpResponse<String> get(URI base, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return services.send(request.build());
    }

    @Test
    void theMetricsOfBothServicesNeedTheMonitoringScope() {
        for (URI service : List.of(services.licenceUrl, services.sealUrl)) {
            HttpResponse<String> anonymous = get(service, "/actuator/prometheus", null);
            assertThat(anonymous.statusCode()).as(service + " anonymous").isEqualTo(401);
            assertThat(anonymous.headers().firstValue("Content-Type").orElse(""))
                    .startsWith("application/problem+json");
            // a token meant for this service but without monitoring:read (an approval system's at the licence
            // service, a seal administrator's at the seal service) is refused; one for the other service is a 401
            String withoutScope = service.equals(services.licenceUrl) ? approval : sealAdmin;
            assertThat(get(service, "/actuator/prometheus", withoutScope).statusCode())
                    .as(service + " with a token of this service without monitoring:read")
                    .isEqualTo(403);
            HttpResponse<String> metrics = get(service, "/actuator/prometheus", monitoring);
            assertThat(metrics.statusCode())
                    .as(service + " with monitoring:read")
                    .isEqualTo(200);
            assertThat(metrics.body())
                    .contains("jvm_memory_used_bytes")
                    .contains("http_server_requests_seconds_count")
                    .contains("mongodb_driver_commands_seconds_count")
                    .contains("zhengyin_crl_validity_remaining_seconds")
                    // no observations of Spring Security's own filters (issue #18: their wrappers were on every
                    // request's stack; service-kit SecurityObservationsAutoConfiguration)
                    .doesNotContain("spring_security_filterchains")
                    .doesNotContain("spring_security_authorizations");
        }
        assertThat(get(services.sealUrl, "/actuator/prometheus", monitoring).body())
                .contains("zhengyin_seals{application=\"seal-service\",state=\"ISSUED\"}")
                .contains("zhengyin_certificate_validity_remaining_seconds{application=\"seal-service\","
                        + "certificate=\"tsa\"}")
                .contains("zhengyin_seal_certificate_validity_remaining_seconds{application=\"seal-service\","
                        + "seal=\"ZYDEV-SEAL-0001/ecdsa\"}");
        assertThat(get(services.licenceUrl, "/actuator/prometheus", monitoring).body())
                .contains("zhengyin_trust_list_validity_remaining_seconds{application=\"licence-service\","
                        + "list=\"trust-list\"}");
    }

    @Test
    void healthShowsItsIndicatorsOnlyToMonitoringAndHasLivenessAndReadinessGroups() {
        for (URI service : List.of(services.licenceUrl, services.sealUrl)) {
            JsonNode status =
                    TwoServices.json(get(service, "/actuator/health", null).body());
            assertThat(status.get("status").asString()).isEqualTo("UP");
            assertThat(status.has("components"))
                    .as("components without the monitoring scope")
                    .isFalse();
            assertThat(TwoServices.json(
                                    get(service, "/actuator/health", approval).body())
                            .has("components"))
                    .as("components with another scope")
                    .isFalse();
            HttpResponse<String> liveness = get(service, "/actuator/health/liveness", null);
            assertThat(liveness.statusCode()).isEqualTo(200);
            assertThat(TwoServices.json(liveness.body()).get("status").asString())
                    .isEqualTo("UP");
            JsonNode readiness = TwoServices.json(
                    get(service, "/actuator/health/readiness", monitoring).body());
            assertThat(readiness.get("status").asString()).isEqualTo("UP");
            assertThat(names(readiness.get("components"))).containsExactly("mongo", "readinessState");
        }
        JsonNode licence = TwoServices.json(
                get(services.licenceUrl, "/actuator/health", monitoring).body());
        assertThat(names(licence.get("components"))).contains("crl", "mongo", "sealService", "trustList");
        assertThat(licence.at("/components/mongo/status").asString()).isEqualTo("UP");
        assertThat(licence.at("/components/sealService/status").asString()).isEqualTo("UP");
        // the other province's CRL files of keys-dev are static: their status follows their dates
        JsonNode crls = licence.at("/components/crl/details/ca");
        crls.propertyNames().forEach(name -> {
            Instant nextUpdate = Instant.parse(crls.get(name).get("at").asString());
            assertThat(crls.get(name).get("status").asString())
                    .as(name)
                    .isEqualTo(
                            Instant.now().isAfter(nextUpdate)
                                    ? "DOWN"
                                    : Instant.now().plus(Duration.ofHours(24)).isAfter(nextUpdate)
                                            ? "OUT_OF_SERVICE"
                                            : "UP");
        });
        assertThat(licence.at("/components/sealService/details/seals/ZYDEV-SEAL-0001")
                        .asString())
                .isEqualTo("ISSUED");
        assertThat(licence.at("/components/crl/details/ca").size())
                .as("the other province's four CRLs")
                .isEqualTo(4);
        // the list in force (other tests of this JVM replace it with ones of a higher sequence)
        assertThat(licence.at("/components/trustList/details/sequence").asLong())
                .isPositive();

        JsonNode seal = TwoServices.json(
                get(services.sealUrl, "/actuator/health", monitoring).body());
        assertThat(seal.get("status").asString()).as(seal.toString()).isEqualTo("UP");
        assertThat(names(seal.get("components")))
                .contains("certificates", "crl", "keyCustody", "mongo", "sealCertificates");
        assertThat(names(seal.at("/components/crl/details/ca")))
                .containsExactly("root-ca", "seal-ca", "sm2-root-ca", "sm2-seal-ca");
        assertThat(names(seal.at("/components/certificates/details/certificate")))
                .contains("tsa", "sm2-tsa", "ocsp", "seal-ca");
        assertThat(seal.at("/components/keyCustody/details/checked/ZYDEV-SEAL-0001~1ecdsa")
                        .asString())
                .isEqualTo("signed");
        assertThat(seal.at("/components/keyCustody/details/checked/ZYDEV-SEAL-0001~1sm2")
                        .asString())
                .isEqualTo("signed");
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.propertyNames().forEach(names::add);
        return names;
    }

    @Test
    void aTraceparentFollowsOneIssuanceThroughBothServicesLogsTheUsageRecordAndTheExportedSpans() throws Exception {
        TraceParent trace = TraceParent.random();
        HttpResponse<String> issued =
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences"))
                        .header("Authorization", "Bearer " + approval)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", "mon-" + UUID.randomUUID())
                        .header("traceparent", trace.header())
                        .POST(HttpRequest.BodyPublishers.ofString(
                                SAMPLE.formatted(Holders.uniqueUscc()), StandardCharsets.UTF_8))
                        .build());
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String identifier = TwoServices.json(issued.body()).get("identifier").asString();

        // the log lines of both services carry the caller's trace id: the licence service's issuance, the seal
        // service's signings (the captured events with their MDC, and the console lines as the pattern prints them)
        List<String> lines = linesWith(trace.traceId());
        assertThat(lines)
                .anyMatch(l -> l.contains("cn.zhengyin.licence.issuance.internal.IssuanceController")
                        && l.contains("issued licence " + identifier));
        assertThat(lines)
                .anyMatch(l -> l.contains("cn.zhengyin.seal.signing.internal.MonitoredSealUsageLog")
                        && l.contains("seal ZYDEV-SEAL-0001 signed PAdES for licence " + identifier));
        assertThat(lines)
                .as("a console line as the logging pattern prints it: [traceId,spanId] before the logger")
                .anyMatch(l -> l.matches(".*\\[" + trace.traceId() + ",[0-9a-f]{16}] .*IssuanceController.*"));

        // the seal service's usage records of this licence's PAdES and XAdES signings keep the trace id
        String sealReader = services.token("licence-service", "licence-service-secret", "seal:read");
        JsonNode usages =
                TwoServices.json(get(services.sealUrl, "/api/v1/seals/ZYDEV-SEAL-0001/usages?limit=100", sealReader)
                        .body());
        List<JsonNode> ofThisLicence = new ArrayList<>();
        usages.forEach(u -> {
            if (u.get("licenceIdentifier").asString().equals(identifier)) {
                ofThisLicence.add(u);
            }
        });
        assertThat(ofThisLicence).extracting(u -> u.get("format").asString()).contains("PAdES", "XAdES");
        assertThat(ofThisLicence).allSatisfy(u -> {
            assertThat(u.get("traceId").asString()).isEqualTo(trace.traceId());
            assertThat(u.get("result").asString()).isEqualTo("SIGNED");
        });

        // both services exported their spans of this trace to the configured OTLP endpoint
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (exportingServices(trace.traceId()).size() < 2 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(exportingServices(trace.traceId())).containsExactly("licence-service", "seal-service");

        // the issuance was counted by type, authority and outcome; the signings by seal, format and outcome
        assertThat(sample(
                        get(services.licenceUrl, "/actuator/prometheus", monitoring)
                                .body(),
                        "zhengyin_licence_issuances_seconds_count",
                        "authority=\"11110100000000019Q\"",
                        "outcome=\"issued\"",
                        "type=\"11100000XF0000001X001\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(sample(
                        get(services.sealUrl, "/actuator/prometheus", monitoring)
                                .body(),
                        "zhengyin_seal_signings_total",
                        "format=\"pades\"",
                        "outcome=\"signed\"",
                        "seal=\"ZYDEV-SEAL-0001\""))
                .isGreaterThanOrEqualTo(1);
    }

    /** Which services' exports hold a span of this trace (by their resource attribute service.name). */
    private Set<String> exportingServices(String traceId) {
        Set<String> names = new TreeSet<>();
        for (byte[] export : services.otlp.exportsOf(traceId)) {
            String text = new String(export, StandardCharsets.ISO_8859_1);
            for (String service : List.of("licence-service", "seal-service")) {
                if (text.contains(service)) {
                    names.add(service);
                }
            }
        }
        return names;
    }

    private static List<String> linesWith(String text) {
        return CapturedLogs.all().lines().filter(l -> l.contains(text)).toList();
    }

    /** The value of the sample of a metric whose labels include all the given ones (0 when there is none). */
    static double sample(String exposition, String metric, String... labels) {
        double sum = 0;
        Pattern line = Pattern.compile("^" + Pattern.quote(metric) + "\\{([^}]*)} (\\S+).*$", Pattern.MULTILINE);
        Matcher m = line.matcher(exposition);
        while (m.find()) {
            String found = m.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= found.contains(label);
            }
            if (all) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    @Test
    void everyProblemOfATracedRequestCarriesItsTraceId() {
        // a 400 of the licence service's issuance
        TraceParent invalid = TraceParent.random();
        HttpResponse<String> badRequest =
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences"))
                        .header("Authorization", "Bearer " + approval)
                        .header("Content-Type", "application/json")
                        .header("traceparent", invalid.header())
                        .POST(HttpRequest.BodyPublishers.ofString("{\"fields\": {}}"))
                        .build());
        assertThat(badRequest.statusCode()).isEqualTo(400);
        assertThat(TwoServices.json(badRequest.body()).get("traceId").asString())
                .isEqualTo(invalid.traceId());

        // 401 from the security filters of each service
        for (URI service : List.of(services.licenceUrl, services.sealUrl)) {
            TraceParent unauthenticated = TraceParent.random();
            HttpResponse<String> refused = services.send(HttpRequest.newBuilder(service.resolve("/api/v1/seals"))
                    .header("traceparent", unauthenticated.header())
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .header("Content-Type", "application/json")
                    .build());
            assertThat(refused.statusCode()).as(service.toString()).isIn(401, 403);
            assertThat(TwoServices.json(refused.body()).get("traceId").asString())
                    .as(service + ": " + refused.body())
                    .isEqualTo(unauthenticated.traceId());
        }

        // a 404 of the seal service's signing
        TraceParent unknownSeal = TraceParent.random();
        String signer = services.token("licence-service", "licence-service-secret", "seal:sign");
        HttpResponse<String> notFound =
                services.send(HttpRequest.newBuilder(services.sealUrl.resolve("/api/v1/signatures/pades"))
                        .header("Authorization", "Bearer " + signer)
                        .header("Content-Type", "application/json")
                        .header("traceparent", unknownSeal.header())
                        .POST(HttpRequest.BodyPublishers.ofString("{\"sealId\": \"NO-SUCH-SEAL\", \"digest\": \""
                                + java.util.Base64.getEncoder().encodeToString(new byte[32]) + "\"}"))
                        .build());
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(TwoServices.json(notFound.body()).get("traceId").asString()).isEqualTo(unknownSeal.traceId());

        // a 413 of the body-size filter, which writes its problem itself
        TraceParent tooLarge = TraceParent.random();
        HttpResponse<String> refusedBody =
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences"))
                        .header("Authorization", "Bearer " + approval)
                        .header("Content-Type", "application/json")
                        .header("traceparent", tooLarge.header())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2 * 1024 * 1024]))
                        .build());
        assertThat(refusedBody.statusCode()).isEqualTo(413);
        assertThat(TwoServices.json(refusedBody.body()).get("traceId").asString())
                .isEqualTo(tooLarge.traceId());
    }
}
