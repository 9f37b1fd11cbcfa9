package cn.zhengyin.licence.config;

import cn.zhengyin.service.scheduling.FixedDelayTask;
import cn.zhengyin.trust.pki.Pem;
import cn.zhengyin.trust.trustlist.ListSignerTrust;
import cn.zhengyin.trust.trustlist.TrustListLoader;
import cn.zhengyin.trust.trustlist.TrustListVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The trust list of other regions (证照互认): loaded and verified at start-up (a list that cannot be loaded is logged and
 * leaves other regions' licences INDETERMINATE, fail closed), then refreshed every {@code refresh-interval} with the
 * loader's semantics (a newer good list replaces the one in force; a failure keeps the previous good list until its
 * nextUpdate). Only URLs on {@code zhengyin.trust-list.allowed-urls} are fetched.
 */
@Configuration(proxyBeanMethods = false)
class TrustListConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(TrustListConfiguration.class);

    @Bean
    TrustListLoader trustListLoader(TrustListProperties properties, Clock clock) {
        java.util.List<java.security.cert.X509Certificate> signer;
        try {
            signer = Pem.parseCertificates(Files.readAllBytes(properties.signerCertificate()));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the trust list signer certificate at "
                            + properties.signerCertificate().toAbsolutePath()
                            + "; set zhengyin.trust-list.signer-certificate",
                    e);
        }
        TrustListLoader loader = new TrustListLoader(
                new TrustListLoader.Configuration(
                        properties.location(),
                        properties.allowedUrls(),
                        properties.refreshInterval(),
                        properties.retryAfterFailure()),
                new TrustListVerifier(ListSignerTrust.pinned(signer), clock),
                clock);
        loader.refresh();
        loader.status()
                .lastFailure()
                .ifPresentOrElse(
                        failure -> LOG.warn(
                                "trust list {} not loaded; other regions' licences are not recognised until it is: {}",
                                loader.location(),
                                failure.getMessage()),
                        () -> LOG.info(
                                "trust list {} loaded: sequence {}",
                                loader.location(),
                                loader.status()
                                        .inForce()
                                        .map(l -> l.list().scheme().sequenceNumber())
                                        .orElse(-1L)));
        return loader;
    }

    /** Re-reads the list on schedule, so a withdrawal takes effect even when nobody verifies in between. */
    @Bean
    SmartLifecycle trustListRefresh(TrustListLoader loader, TrustListProperties properties) {
        return new FixedDelayTask(
                "trust-list-refresh",
                Duration.ofSeconds(Math.max(1, properties.refreshInterval().toSeconds())),
                loader::refresh);
    }
}
