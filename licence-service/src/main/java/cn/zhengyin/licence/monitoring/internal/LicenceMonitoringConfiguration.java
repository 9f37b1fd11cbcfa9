package cn.zhengyin.licence.monitoring.internal;

import cn.zhengyin.licence.authority.ApprovalSystems;
import cn.zhengyin.licence.authority.IssuingAuthority;
import cn.zhengyin.licence.licencetype.LicenceType;
import cn.zhengyin.licence.licencetype.LicenceTypeCatalogue;
import cn.zhengyin.licence.monitoring.LicenceMetrics;
import cn.zhengyin.licence.monitoring.VerificationCrls;
import cn.zhengyin.licence.sealing.client.SealServiceClient;
import cn.zhengyin.service.monitoring.ExpiryWatch;
import cn.zhengyin.service.monitoring.MonitoringProperties;
import cn.zhengyin.trust.trustlist.TrustListLoader;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The licence service's metrics facade and health indicators (names as in {@code /actuator/health}: {@code mongo} from
 * service-kit, {@code sealService}, {@code crl}, {@code trustList}). Margins: {@code zhengyin.monitoring.*}.
 */
@Configuration(proxyBeanMethods = false)
class LicenceMonitoringConfiguration {

    @Bean
    LicenceMetrics licenceMetrics(
            MeterRegistry registry, ApprovalSystems approvalSystems, LicenceTypeCatalogue catalogue) {
        return new LicenceMetrics(
                registry,
                client -> approvalSystems.find(client).map(IssuingAuthority::code),
                type -> catalogue.find(type).map(LicenceType::typeCode));
    }

    @Bean
    SealServiceHealthIndicator sealServiceHealthIndicator(
            SealServiceClient sealService, ApprovalSystems approvalSystems) {
        return new SealServiceHealthIndicator(sealService, approvalSystems);
    }

    /** The configured CRL files to their nextUpdate (read once at start-up: DOWN once one is stale). */
    @Bean
    ExpiryWatch crlHealthIndicator(
            VerificationCrls crls, MonitoringProperties properties, Clock clock, MeterRegistry registry) {
        List<ExpiryWatch.Deadline> deadlines = crls.byName().entrySet().stream()
                .map(e -> new ExpiryWatch.Deadline(
                        e.getKey(), e.getValue().getNextUpdate().toInstant()))
                .toList();
        return new ExpiryWatch(
                        "zhengyin.crl.validity.remaining",
                        "ca",
                        "time until the nextUpdate of each CRL file the verifiers use",
                        () -> deadlines,
                        properties.crlMargin(),
                        clock)
                .bindTo(registry);
    }

    /** The trust list of other regions in force, to its nextUpdate; its last failed refresh as a detail. */
    @Bean
    TrustListHealthIndicator trustListHealthIndicator(
            TrustListLoader trustList, MonitoringProperties properties, Clock clock, MeterRegistry registry) {
        return new TrustListHealthIndicator(trustList, properties.trustListMargin(), clock, registry);
    }
}
