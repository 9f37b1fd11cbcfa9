package cn.zhengyin.licence.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.licence.monitoring.VerificationCrls;
import cn.zhengyin.service.monitoring.ExpiryWatch;
import cn.zhengyin.service.monitoring.MonitoringProperties;
import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.pki.Pem;
import cn.zhengyin.trust.testing.MovableClock;
import cn.zhengyin.trust.trustlist.ListSignerTrust;
import cn.zhengyin.trust.trustlist.TrustListLoader;
import cn.zhengyin.trust.trustlist.TrustListVerifier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/**
 * The licence service's deadline indicators on the real files of keys-dev, with the clock moved forward: a CRL file
 * the verifiers use goes OUT_OF_SERVICE within 24 hours of its nextUpdate and DOWN once it has passed it (from then on
 * a verifier would see revocation unknown); the trust list likewise within 7 days of its nextUpdate.
 */
class LicenceHealthIndicatorsTest {
    static final Path OTHER_PROVINCE = Path.of("..", "keys-dev", "other-province");
    static final Path KEYS = Path.of("..", "keys-dev");
    static final MonitoringProperties MARGINS = new MonitoringProperties(
            Duration.ofHours(24), Duration.ofDays(30), Duration.ofDays(7), Duration.ofMinutes(1), 20);

    @Test
    void aCrlFileGoesOutOfServiceADayBeforeItsNextUpdateAndDownWhenItIsPast() throws Exception {
        Map<String, X509CRL> files = new LinkedHashMap<>();
        for (String name : List.of("root-ca.crl", "seal-ca.crl", "sm2-root-ca.crl", "sm2-seal-ca.crl")) {
            files.put(name, Pem.parseCrl(Files.readAllBytes(OTHER_PROVINCE.resolve(name))));
        }
        String first = files.entrySet().stream()
                .min((a, b) ->
                        a.getValue().getNextUpdate().compareTo(b.getValue().getNextUpdate()))
                .orElseThrow()
                .getKey(); // the CRL that runs out first (the files may have been issued seconds apart)
        Instant earliest = files.get(first).getNextUpdate().toInstant();
        MovableClock clock =
                new MovableClock(files.get("seal-ca.crl").getThisUpdate().toInstant());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ExpiryWatch crl = new LicenceMonitoringConfiguration()
                .crlHealthIndicator(new VerificationCrls(files), MARGINS, clock, registry);
        crl.refreshGauges();

        assertThat(crl.health().getStatus()).isEqualTo(Status.UP);
        assertThat(registry.get("zhengyin.crl.validity.remaining")
                        .tag("ca", "seal-ca.crl")
                        .gauge()
                        .value())
                .isPositive();

        clock.set(earliest.minus(Duration.ofHours(23)));
        assertThat(crl.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);

        clock.set(earliest.plusSeconds(1));
        var down = crl.health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails().get("ca").toString()).contains("status=DOWN");
        assertThat(registry.get("zhengyin.crl.validity.remaining")
                        .tag("ca", first)
                        .gauge()
                        .value())
                .as("seconds past the nextUpdate")
                .isNegative();
    }

    @Test
    void theTrustListGoesOutOfServiceAWeekBeforeItsNextUpdateAndDownWhenStale() throws Exception {
        Providers.bouncyCastle();
        MovableClock clock = new MovableClock(Instant.parse("2026-12-07T00:00:00Z"));
        TrustListLoader loader = new TrustListLoader(
                TrustListLoader.Configuration.of(KEYS.resolve("trust-list.xml").toString(), List.of()),
                new TrustListVerifier(
                        ListSignerTrust.pinned(
                                Pem.parseCertificates(Files.readAllBytes(KEYS.resolve("trust-list-signer.crt.pem")))),
                        clock),
                clock);
        loader.refresh();
        Instant nextUpdate =
                loader.status().inForce().orElseThrow().list().scheme().nextUpdate();
        TrustListHealthIndicator health =
                new TrustListHealthIndicator(loader, MARGINS.trustListMargin(), clock, new SimpleMeterRegistry());

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getDetails()).containsEntry("sequence", 1L);
        clock.set(nextUpdate.minus(Duration.ofDays(6)));
        assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        clock.set(nextUpdate.plusSeconds(1));
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    }
}
