package cn.zhengyin.licence.monitoring.internal;

import cn.zhengyin.service.monitoring.ExpiryWatch;
import cn.zhengyin.service.monitoring.RefreshableGauges;
import cn.zhengyin.trust.trustlist.TrustListException;
import cn.zhengyin.trust.trustlist.TrustListLoader;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The trust list of other regions (证照互认) in force, watched to its nextUpdate ({@link ExpiryWatch}: OUT_OF_SERVICE
 * within the margin, DOWN when stale or when no list is in force — then other regions' licences verify INDETERMINATE),
 * with the time of the last refresh and its failure, if it failed. Gauge
 * {@code zhengyin.trust.list.validity.remaining}.
 */
final class TrustListHealthIndicator implements HealthIndicator, RefreshableGauges {
    private final TrustListLoader trustList;
    private final ExpiryWatch watch;

    TrustListHealthIndicator(TrustListLoader trustList, Duration margin, Clock clock, MeterRegistry registry) {
        this.trustList = trustList;
        this.watch = new ExpiryWatch(
                        "zhengyin.trust.list.validity.remaining",
                        "list",
                        "time until the nextUpdate of the trust list of other regions in force",
                        this::inForce,
                        margin,
                        clock)
                .bindTo(registry);
    }

    private List<ExpiryWatch.Deadline> inForce() {
        TrustListLoader.Status status = trustList.status();
        return List.of(new ExpiryWatch.Deadline(
                "trust-list",
                status.inForce()
                        .orElseThrow(() -> new IllegalStateException("no trust list is in force"
                                + status.lastFailure()
                                        .map(f -> ": " + f.getMessage())
                                        .orElse("")))
                        .list()
                        .scheme()
                        .nextUpdate()));
    }

    @Override
    public Health health() {
        Health health = watch.health();
        Health.Builder builder = Health.status(health.getStatus()).withDetails(health.getDetails());
        TrustListLoader.Status status = trustList.status();
        status.inForce()
                .ifPresent(l -> builder.withDetail("sequence", l.list().scheme().sequenceNumber()));
        status.lastAttempt().ifPresent(a -> builder.withDetail("lastAttempt", a.toString()));
        status.lastFailure().map(TrustListException::getMessage).ifPresent(m -> builder.withDetail("lastFailure", m));
        return builder.build();
    }

    @Override
    public void refreshGauges() {
        watch.refreshGauges();
    }
}
