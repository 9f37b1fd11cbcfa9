package cn.zhengyin.licence.archive.internal;

import cn.zhengyin.licence.archive.ArchiveRenewal;
import cn.zhengyin.licence.registry.LicenceFileStore;
import cn.zhengyin.licence.registry.LicenceRegistry;
import cn.zhengyin.licence.sealing.client.SealServiceClient;
import cn.zhengyin.licence.sealing.client.SealServiceRevocationSource;
import cn.zhengyin.trust.pdf.PadesLtaExtender;
import cn.zhengyin.trust.timestamp.Rfc3161Client;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Wires archive time-stamp renewal: trust-core's {@link PadesLtaExtender#renew} with the seal service's CRLs and TSA,
 * and — only with {@code zhengyin.lta-renewal.enabled=true} — the scheduled pass.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LtaRenewalProperties.class)
class ArchiveRenewalConfiguration {
    private static final long MAX_PDF_BYTES = 64L * 1024 * 1024;

    @Bean
    ArchiveRenewal archiveRenewal(
            LicenceRegistry registry,
            LicenceFileStore files,
            SealServiceClient sealService,
            Clock clock,
            LtaRenewalProperties properties) {
        PadesLtaExtender lta = new PadesLtaExtender(
                new SealServiceRevocationSource(sealService),
                new Rfc3161Client(sealService::timestampReply),
                MAX_PDF_BYTES);
        return new ArchiveRenewal(registry, files, lta::renew, clock, Duration.ofDays(properties.renewWithinDays()));
    }

    /** The scheduled pass over every stored version (off by default). */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ConditionalOnProperty(name = "zhengyin.lta-renewal.enabled", havingValue = "true")
    static class Scheduling {
        @Bean
        ScheduledRenewal scheduledRenewal(ArchiveRenewal renewal) {
            return new ScheduledRenewal(renewal);
        }
    }

    static final class ScheduledRenewal {
        private final ArchiveRenewal renewal;

        ScheduledRenewal(ArchiveRenewal renewal) {
            this.renewal = renewal;
        }

        @Scheduled(cron = "${zhengyin.lta-renewal.cron:0 30 2 * * *}", zone = "Asia/Shanghai")
        void renewDue() {
            renewal.renewDue();
        }
    }
}
