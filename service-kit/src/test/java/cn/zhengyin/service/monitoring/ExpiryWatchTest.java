package cn.zhengyin.service.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.testing.MovableClock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class ExpiryWatchTest {
    static final Instant NOW = Instant.parse("2026-12-06T00:00:00Z");

    private final MovableClock clock = new MovableClock(NOW);
    private final AtomicReference<List<ExpiryWatch.Deadline>> deadlines = new AtomicReference<>(List.of(
            new ExpiryWatch.Deadline("tsa", NOW.plus(Duration.ofDays(40))),
            new ExpiryWatch.Deadline("seal-ca", NOW.plus(Duration.ofDays(400)))));
    private final ExpiryWatch watch = new ExpiryWatch(
            "test.validity.remaining", "certificate", "test", deadlines::get, Duration.ofDays(30), clock);

    @Test
    void upWhileEveryDeadlineIsBeyondTheMarginOutOfServiceWithinItDownOncePassed() {
        assertThat(watch.health().getStatus()).isEqualTo(Status.UP);

        clock.set(NOW.plus(Duration.ofDays(11))); // tsa has 29 days left
        Health within = watch.health();
        assertThat(within.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(item(within, "tsa"))
                .containsEntry("status", "OUT_OF_SERVICE")
                .containsEntry("remaining", "PT696H");
        assertThat(item(within, "seal-ca")).containsEntry("status", "UP");
        assertThat(within.getDetails()).containsEntry("margin", "PT720H");

        clock.set(NOW.plus(Duration.ofDays(40))); // exactly at the deadline: passed
        assertThat(watch.health().getStatus()).isEqualTo(Status.DOWN);
        clock.set(NOW.plus(Duration.ofDays(41)));
        Health passed = watch.health();
        assertThat(passed.getStatus()).isEqualTo(Status.DOWN);
        assertThat(item(passed, "tsa")).containsEntry("status", "DOWN").containsEntry("remaining", "PT-24H");
    }

    @Test
    void downWhenTheDeadlinesCannotBeRead() {
        ExpiryWatch broken = new ExpiryWatch(
                "test.broken",
                "ca",
                "test",
                () -> {
                    throw new IllegalStateException("the CA key is not available");
                },
                Duration.ofHours(24),
                clock);
        Health health = broken.health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("error").toString()).contains("the CA key is not available");
    }

    @Test
    void theGaugeHasARowPerDeadlineWithTheSecondsLeftByTheClockAndFollowsTheSetOfDeadlines() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        watch.bindTo(registry);
        assertThat(registry.find("test.validity.remaining").gauges()).isEmpty();
        watch.refreshGauges();
        Gauge tsa = registry.get("test.validity.remaining")
                .tag("certificate", "tsa")
                .gauge();
        assertThat(tsa.value()).isEqualTo(40 * 86400.0);
        assertThat(tsa.getId().getBaseUnit()).isEqualTo("seconds");
        clock.set(NOW.plus(Duration.ofDays(41)));
        assertThat(tsa.value()).as("computed when read").isEqualTo(-86400.0);

        deadlines.set(List.of(new ExpiryWatch.Deadline("seal-ca", NOW.plus(Duration.ofDays(400)))));
        watch.refreshGauges();
        assertThat(registry.find("test.validity.remaining").gauges())
                .extracting(g -> g.getId().getTag("certificate"))
                .containsExactly("seal-ca");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> item(Health health, String name) {
        return (Map<String, Object>) ((Map<String, Object>) health.getDetails().get("certificate")).get(name);
    }
}
