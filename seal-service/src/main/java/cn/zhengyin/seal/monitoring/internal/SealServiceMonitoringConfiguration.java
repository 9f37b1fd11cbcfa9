package cn.zhengyin.seal.monitoring.internal;

import cn.zhengyin.seal.ca.RevocationLists;
import cn.zhengyin.seal.lifecycle.SealRepository;
import cn.zhengyin.seal.monitoring.MonitoredCertificates;
import cn.zhengyin.service.monitoring.ExpiryWatch;
import cn.zhengyin.service.monitoring.MonitoringProperties;
import cn.zhengyin.trust.crypto.KeyCustody;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The seal service's health indicators (names as in {@code /actuator/health}: {@code crl}, {@code certificates},
 * {@code sealCertificates}, {@code keyCustody}) and their gauges. Margins: {@code zhengyin.monitoring.*}.
 */
@Configuration(proxyBeanMethods = false)
class SealServiceMonitoringConfiguration {

    /**
     * Each CA's CRL as it is served now ({@code /crl/<ca>.crl}; a stale one is re-issued first): its nextUpdate. DOWN
     * when one cannot be issued (e.g. the CA key is unavailable) or is past its nextUpdate.
     */
    @Bean
    ExpiryWatch crlHealthIndicator(
            RevocationLists crls, MonitoringProperties properties, Clock clock, MeterRegistry registry) {
        return new ExpiryWatch(
                        "zhengyin.crl.validity.remaining",
                        "ca",
                        "time until the nextUpdate of each CRL",
                        () -> {
                            List<ExpiryWatch.Deadline> deadlines = new ArrayList<>();
                            for (String ca : crls.caNames()) {
                                X509CRL crl = crls.current(ca).orElseThrow();
                                deadlines.add(new ExpiryWatch.Deadline(
                                        ca, crl.getNextUpdate().toInstant()));
                            }
                            return deadlines;
                        },
                        properties.crlMargin(),
                        clock)
                .bindTo(registry);
    }

    /** The TSA, OCSP responder and CA certificates to their notAfter. */
    @Bean
    ExpiryWatch certificatesHealthIndicator(
            MonitoredCertificates certificates, MonitoringProperties properties, Clock clock, MeterRegistry registry) {
        List<ExpiryWatch.Deadline> deadlines = certificates.byName().entrySet().stream()
                .map(e -> new ExpiryWatch.Deadline(
                        e.getKey(), e.getValue().getNotAfter().toInstant()))
                .toList();
        return new ExpiryWatch(
                        "zhengyin.certificate.validity.remaining",
                        "certificate",
                        "time until the notAfter of the service's own certificates (TSA, OCSP, CAs)",
                        () -> deadlines,
                        properties.certificateMargin(),
                        clock)
                .bindTo(registry);
    }

    @Bean
    SealWatches sealWatches(SealRepository seals, Clock clock, MeterRegistry registry) {
        return new SealWatches(seals, clock, registry);
    }

    /** The certificates of every seal issued now, to their notAfter. */
    @Bean
    ExpiryWatch sealCertificatesHealthIndicator(
            SealWatches seals, MonitoringProperties properties, Clock clock, MeterRegistry registry) {
        return new ExpiryWatch(
                        "zhengyin.seal.certificate.validity.remaining",
                        "seal",
                        "time until the notAfter of each active seal's certificates",
                        seals::activeCertificates,
                        properties.certificateMargin(),
                        clock)
                .bindTo(registry);
    }

    @Bean
    KeyCustodyHealthIndicator keyCustodyHealthIndicator(
            SealRepository seals, KeyCustody custody, Clock clock, MonitoringProperties properties) {
        return new KeyCustodyHealthIndicator(seals, custody, clock, properties.custodyCheckLimit());
    }
}
