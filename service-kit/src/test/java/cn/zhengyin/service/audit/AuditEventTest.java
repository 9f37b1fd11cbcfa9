package cn.zhengyin.service.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditEventTest {

    @Test
    void controlCharactersFromTheRequestCannotForgeAuditLogLines() {
        AuditEvent event = new AuditEvent(
                Instant.EPOCH,
                "holder.sign-in",
                AuditEvent.Outcome.FAILURE,
                "evil\nINFO action=holder.sign-in outcome=SUCCESS",
                "x\r\ny",
                Map.of("claimed", "a\u0000b\u2028c"));
        assertThat(event.actor()).doesNotContain("\n").startsWith("evil?INFO");
        assertThat(event.subject()).isEqualTo("x??y");
        assertThat(event.details().get("claimed")).isEqualTo("a?b?c");
    }

    @Test
    void longValuesAreCutAndDetailKeysAreSafeMongoFieldNames() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("$where.x", "v");
        for (int i = 0; i < 40; i++) {
            details.put("k" + i, "v");
        }
        AuditEvent event =
                new AuditEvent(Instant.EPOCH, "a", AuditEvent.Outcome.DENIED, " ", "s".repeat(5000), details);
        assertThat(event.actor()).isEqualTo("anonymous");
        assertThat(event.subject()).hasSize(AuditEvent.MAX_VALUE_LENGTH + 1);
        assertThat(event.details()).hasSize(AuditEvent.MAX_DETAILS).containsKey("_where_x");
    }
}
