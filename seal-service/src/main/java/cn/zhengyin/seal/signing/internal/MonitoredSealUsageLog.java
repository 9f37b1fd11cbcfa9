package cn.zhengyin.seal.signing.internal;

import cn.zhengyin.seal.signing.SealUsage;
import cn.zhengyin.seal.signing.SealUsageLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A usage log that also counts every signing request and writes one log line for it (with the request's trace id,
 * like every line). Counter {@value #METRIC} (Prometheus {@code zhengyin_seal_signings_total}) labelled {@code seal}
 * (the seal id; {@code unknown} when no seal has the requested id, so a caller cannot add series), {@code format}
 * ({@code pades}, {@code xades}, {@code jws}, {@code ses}), {@code outcome} ({@code signed}, {@code refused}) and
 * {@code reason} (the refusal code, {@code none} when signed). No licence identifier, organisation or caller in a label.
 */
public final class MonitoredSealUsageLog implements SealUsageLog {
    static final String METRIC = "zhengyin.seal.signings";
    private static final Logger LOG = LoggerFactory.getLogger(MonitoredSealUsageLog.class);
    private final SealUsageLog usages;
    private final MeterRegistry registry;

    public MonitoredSealUsageLog(SealUsageLog usages, MeterRegistry registry) {
        this.usages = usages;
        this.registry = registry;
    }

    @Override
    public void record(SealUsage usage) {
        usages.record(usage);
        boolean signed = SealUsage.SIGNED.equals(usage.result());
        Counter.builder(METRIC)
                .description("signing requests with a seal, by seal, format and outcome (refusals by reason)")
                .tag("seal", usage.organisation().isEmpty() ? "unknown" : usage.sealId())
                .tag("format", usage.format().toLowerCase(Locale.ROOT))
                .tag("outcome", signed ? "signed" : "refused")
                .tag("reason", signed || usage.refusalReason().isEmpty() ? "none" : usage.refusalReason())
                .register(registry)
                .increment();
        if (signed) {
            LOG.info(
                    "seal {} signed {} for licence {} (caller {})",
                    usage.sealId(),
                    usage.format(),
                    usage.licenceIdentifier(),
                    usage.caller());
        } else {
            LOG.warn(
                    "seal {} refused {} for licence {} (caller {}): {}",
                    usage.sealId(),
                    usage.format(),
                    usage.licenceIdentifier(),
                    usage.caller(),
                    usage.refusalReason());
        }
    }

    @Override
    public List<SealUsage> bySeal(String sealId, int limit) {
        return usages.bySeal(sealId, limit);
    }

    @Override
    public List<SealUsage> byOrganisation(String uscc, int limit) {
        return usages.byOrganisation(uscc, limit);
    }
}
