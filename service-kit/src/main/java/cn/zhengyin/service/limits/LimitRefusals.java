package cn.zhengyin.service.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts requests refused by a limit: counter {@value #METRIC} (Prometheus {@code zhengyin_limit_refusals_total}) with
 * label {@code limit} = {@value #RATE} (429 of the rate limit), {@value #BODY_SIZE} (413 of a non-multipart body) or
 * {@value #UPLOAD_SIZE} (413 of a multipart upload). No other label: the caller and the path are chosen by whoever
 * sends the request, and would make the series unbounded.
 */
public final class LimitRefusals {
    public static final String METRIC = "zhengyin.limit.refusals";
    public static final String RATE = "rate";
    public static final String BODY_SIZE = "body-size";
    public static final String UPLOAD_SIZE = "upload-size";

    private final Optional<MeterRegistry> registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public LimitRefusals(Optional<MeterRegistry> registry) {
        this.registry = registry;
    }

    /** Counts nothing (no meter registry, e.g. in unit tests). */
    public static LimitRefusals none() {
        return new LimitRefusals(Optional.empty());
    }

    public void refused(String limit) {
        registry.ifPresent(r -> counters.computeIfAbsent(
                        limit,
                        l -> Counter.builder(METRIC)
                                .description("requests refused by a rate or size limit")
                                .tag("limit", l)
                                .register(r))
                .increment());
    }
}
