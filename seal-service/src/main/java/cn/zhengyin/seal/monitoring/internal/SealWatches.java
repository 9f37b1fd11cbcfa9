package cn.zhengyin.seal.monitoring.internal;

import cn.zhengyin.seal.lifecycle.Seal;
import cn.zhengyin.seal.lifecycle.SealCertificate;
import cn.zhengyin.seal.lifecycle.SealRepository;
import cn.zhengyin.seal.lifecycle.SealState;
import cn.zhengyin.service.monitoring.ExpiryWatch;
import cn.zhengyin.service.monitoring.RefreshableGauges;
import cn.zhengyin.trust.crypto.SignatureAlgorithm;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the seal store says about the seals, for monitoring: the certificates of the active (ISSUED) seals with their
 * notAfter, and gauge {@value #SEALS} (Prometheus {@code zhengyin_seals}) — the number of seals in each state now,
 * EXPIRED computed from the validity as everywhere.
 */
final class SealWatches implements RefreshableGauges {
    static final String SEALS = "zhengyin.seals";
    private final SealRepository seals;
    private final Clock clock;
    private final MultiGauge byState;

    SealWatches(SealRepository seals, Clock clock, MeterRegistry registry) {
        this.seals = seals;
        this.clock = clock;
        this.byState = MultiGauge.builder(SEALS)
                .description("seals by state (EXPIRED: validity ended)")
                .register(registry);
    }

    /** The certificates of the seals issued now, named {@code <seal id>/<ecdsa|sm2>}. */
    List<ExpiryWatch.Deadline> activeCertificates() {
        Instant now = clock.instant();
        List<ExpiryWatch.Deadline> deadlines = new ArrayList<>();
        for (Seal seal : seals.search(Optional.empty(), Optional.empty())) {
            if (seal.stateAt(now) != SealState.ISSUED) {
                continue;
            }
            for (SealCertificate certificate : seal.certificates()) {
                deadlines.add(new ExpiryWatch.Deadline(
                        seal.id() + "/" + algorithm(certificate),
                        certificate.certificate().getNotAfter().toInstant()));
            }
        }
        return deadlines;
    }

    static String algorithm(SealCertificate certificate) {
        return certificate.algorithm() == SignatureAlgorithm.SM2_SM3 ? "sm2" : "ecdsa";
    }

    @Override
    public void refreshGauges() {
        Instant now = clock.instant();
        Map<SealState, Integer> counts = new EnumMap<>(SealState.class);
        for (SealState state : SealState.values()) {
            counts.put(state, 0);
        }
        for (Seal seal : seals.search(Optional.empty(), Optional.empty())) {
            counts.merge(seal.stateAt(now), 1, Integer::sum);
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        counts.forEach((state, count) -> rows.add(MultiGauge.Row.of(Tags.of("state", state.name()), count)));
        byState.register(rows, true);
    }
}
