package cn.zhengyin.service.monitoring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Things that stop working at a known instant — a CRL at its nextUpdate, a certificate at its notAfter, the trust list
 * at its nextUpdate — watched as a health indicator and as a gauge of the seconds each has left.
 *
 * <p>Health, worst of all deadlines: UP while each is more than the margin away; OUT_OF_SERVICE when one is within the
 * margin (an operator must act now, before any verifier notices); DOWN when one has passed (verifiers see it: a stale
 * CRL makes revocation unknown, an expired certificate cannot sign) or when the deadlines cannot be read. Each deadline
 * is listed with its instant, the time left and its own status.
 *
 * <p>Gauge {@code <gauge>} (base unit seconds, so Prometheus shows {@code <gauge>_seconds}) with one row per deadline,
 * labelled {@code <label>=<name>}; the value is computed at each scrape from the injected clock, the set of rows is
 * re-read by {@link #refreshGauges()}.
 */
public final class ExpiryWatch implements HealthIndicator, RefreshableGauges {
    private static final Logger LOG = LoggerFactory.getLogger(ExpiryWatch.class);

    /** One watched deadline. */
    public record Deadline(String name, Instant at) {
        public Deadline {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(at, "at");
        }
    }

    private final String gauge;
    private final String label;
    private final String description;
    private final Supplier<List<Deadline>> deadlines;
    private final Duration margin;
    private final Clock clock;
    private volatile MultiGauge rows;

    /**
     * @param gauge       the gauge's name, e.g. {@code zhengyin.crl.validity.remaining}
     * @param label       the label naming each deadline, e.g. {@code ca}
     * @param description what the gauge measures
     * @param deadlines   reads the deadlines now; throws when they cannot be read
     * @param margin      how long before a deadline the health turns OUT_OF_SERVICE
     */
    public ExpiryWatch(
            String gauge,
            String label,
            String description,
            Supplier<List<Deadline>> deadlines,
            Duration margin,
            Clock clock) {
        this.gauge = Objects.requireNonNull(gauge, "gauge");
        this.label = Objects.requireNonNull(label, "label");
        this.description = Objects.requireNonNull(description, "description");
        this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
        this.margin = Objects.requireNonNull(margin, "margin");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Registers the gauge (empty until the first {@link #refreshGauges()}). */
    public ExpiryWatch bindTo(MeterRegistry registry) {
        rows = MultiGauge.builder(gauge)
                .description(description)
                .baseUnit("seconds")
                .register(registry);
        return this;
    }

    @Override
    public void refreshGauges() {
        MultiGauge gauges = rows;
        if (gauges == null) {
            return;
        }
        try {
            List<MultiGauge.Row<?>> current = new ArrayList<>();
            for (Deadline deadline : deadlines.get()) {
                current.add(MultiGauge.Row.of(Tags.of(label, deadline.name()), deadline, this::secondsLeft));
            }
            gauges.register(current, true);
        } catch (RuntimeException e) {
            // the rows stay as they were; the health indicator reports the failure
            LOG.warn("{}: cannot read the deadlines: {}", gauge, e.toString());
        }
    }

    private double secondsLeft(Deadline deadline) {
        return Duration.between(clock.instant(), deadline.at()).toMillis() / 1000.0;
    }

    @Override
    public Health health() {
        List<Deadline> now;
        try {
            now = deadlines.get();
        } catch (RuntimeException e) {
            return Health.down()
                    .withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage())
                    .build();
        }
        Instant at = clock.instant();
        Status worst = Status.UP;
        Map<String, Object> items = new LinkedHashMap<>();
        for (Deadline deadline : now) {
            Duration left = Duration.between(at, deadline.at());
            Status status = statusOf(left);
            worst = worse(worst, status);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("status", status.getCode());
            item.put("at", deadline.at().toString());
            item.put("remaining", left.toString());
            items.put(deadline.name(), item);
        }
        return Health.status(worst)
                .withDetail("margin", margin.toString())
                .withDetail(label, items)
                .build();
    }

    /** DOWN when passed, OUT_OF_SERVICE within the margin, else UP. */
    Status statusOf(Duration left) {
        if (left.isNegative() || left.isZero()) {
            return Status.DOWN;
        }
        return left.compareTo(margin) < 0 ? Status.OUT_OF_SERVICE : Status.UP;
    }

    private static Status worse(Status a, Status b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(Status status) {
        if (Status.DOWN.equals(status)) {
            return 2;
        }
        return Status.OUT_OF_SERVICE.equals(status) ? 1 : 0;
    }
}
