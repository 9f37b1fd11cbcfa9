package cn.zhengyin.seal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.logback.LogbackLoggingSystem;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ZHENGYIN_LOG_FORMAT} selects Spring Boot's structured logging (docs/operations.md "Logs"): with the service's
 * own configuration ({@code seal-service.yml}) and Boot's default Logback set-up (as the packaged service runs, not
 * the tests' logback-test.xml), {@code ecs} and {@code logstash} write one JSON object per line with the trace id;
 * unset, the text lines carry {@code [traceId,spanId]}. An audit event's line keeps its own logger, zhengyin.audit.
 */
class StructuredLoggingTest {
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String SPAN_ID = "00f067aa0ba902b7";

    @Test
    void ecsLinesAreJsonWithTheTraceIdAndTheAuditLoggerApart() throws Exception {
        List<JsonNode> lines = json(logWith("ecs"));
        JsonNode sealed = line(lines, "seal ZYDEV-SEAL-0001 signed PAdES");
        assertThat(sealed.toString()).contains(TRACE_ID).contains(SPAN_ID);
        assertThat(sealed.at("/service/name").asString()).isEqualTo("seal-service");
        assertThat(sealed.at("/log/logger").asString()).isEqualTo("cn.zhengyin.seal.signing.internal.Test");
        JsonNode audit = line(lines, "action=seal.sign outcome=DENIED");
        assertThat(audit.at("/log/logger").asString()).isEqualTo("zhengyin.audit");
        assertThat(audit.toString()).contains(TRACE_ID);
    }

    @Test
    void logstashLinesAreJsonWithTheTraceId() throws Exception {
        JsonNode sealed = line(json(logWith("logstash")), "seal ZYDEV-SEAL-0001 signed PAdES");
        assertThat(sealed.toString()).contains(TRACE_ID);
        assertThat(sealed.get("logger_name").asString()).isEqualTo("cn.zhengyin.seal.signing.internal.Test");
    }

    @Test
    void withoutAFormatTheLinesAreTextWithTheTraceAndSpanId() throws Exception {
        String text = logWith("");
        assertThat(text.lines().filter(l -> l.contains("seal ZYDEV-SEAL-0001 signed PAdES")))
                .singleElement()
                .satisfies(l -> assertThat(l)
                        .doesNotStartWith("{")
                        .contains("[" + TRACE_ID + "," + SPAN_ID + "]")
                        .contains("seal-service"));
    }

    /** What the service's logging writes to the console for two lines in a traced request, with this format. */
    private static String logWith(String format) throws Exception {
        MockEnvironment environment = new MockEnvironment();
        if (!format.isEmpty()) {
            environment.setProperty("ZHENGYIN_LOG_FORMAT", format);
        }
        for (PropertySource<?> source :
                new YamlPropertySourceLoader().load("seal-service.yml", new ClassPathResource("seal-service.yml"))) {
            environment.getPropertySources().addLast(source);
        }
        LogbackLoggingSystem packaged = new LogbackLoggingSystem(StructuredLoggingTest.class.getClassLoader()) {
            @Override
            protected String[] getStandardConfigLocations() {
                return new String[0]; // no logback-test.xml: Boot's own default configuration, as in production
            }
        };
        PrintStream console = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            packaged.cleanUp(); // a configured context is otherwise left as it is
            packaged.beforeInitialize();
            packaged.initialize(new LoggingInitializationContext(environment), null, null);
            MDC.put("traceId", TRACE_ID);
            MDC.put("spanId", SPAN_ID);
            LoggerFactory.getLogger("cn.zhengyin.seal.signing.internal.Test")
                    .info("seal ZYDEV-SEAL-0001 signed PAdES for licence L (caller licence-service)");
            LoggerFactory.getLogger("zhengyin.audit").info("action=seal.sign outcome=DENIED actor=x subject=y");
        } finally {
            MDC.clear();
            System.setOut(console);
            packaged.cleanUp();
            // back to the tests' own configuration (logback-test.xml) for whatever runs next in this JVM
            LogbackLoggingSystem tests = new LogbackLoggingSystem(StructuredLoggingTest.class.getClassLoader());
            tests.beforeInitialize();
            tests.initialize(new LoggingInitializationContext(new MockEnvironment()), null, null);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<JsonNode> json(String console) {
        JsonMapper mapper = JsonMapper.builder().build();
        return console.lines()
                .filter(l -> l.startsWith("{"))
                .map(mapper::readTree)
                .toList();
    }

    private static JsonNode line(List<JsonNode> lines, String message) {
        return lines.stream()
                .filter(l -> l.toString().contains(message))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no JSON line with '" + message + "' in " + lines));
    }
}
