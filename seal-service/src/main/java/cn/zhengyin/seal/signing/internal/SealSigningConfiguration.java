package cn.zhengyin.seal.signing.internal;

import cn.zhengyin.seal.authorisation.SealAuthorisationService;
import cn.zhengyin.seal.lifecycle.SealRepository;
import cn.zhengyin.seal.signing.SealSigningService;
import cn.zhengyin.seal.signing.SealUsageLog;
import cn.zhengyin.service.audit.AuditLog;
import cn.zhengyin.trust.cms.CadesDigestSigner;
import cn.zhengyin.trust.crypto.KeyCustody;
import cn.zhengyin.trust.ses.SealSigner;
import cn.zhengyin.trust.timestamp.TimestampSource;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires signing with a seal: the audited, monitored Mongo usage log and the {@link SealSigningService}. The key custody, the
 * time-stamp source and the GB/T 38540 {@link SealSigner} come from the composition root.
 */
@Configuration(proxyBeanMethods = false)
class SealSigningConfiguration {

    /** Stored (with the request's trace id), audited when refused, counted and logged (docs/operations.md). */
    @Bean
    SealUsageLog sealUsageLog(MongoDatabase database, AuditLog audit, Clock clock, MeterRegistry registry) {
        return new MonitoredSealUsageLog(
                new AuditedSealUsageLog(new MongoSealUsageLog(database, clock), audit), registry);
    }

    @Bean
    SealSigningService sealSigningService(
            SealRepository seals,
            SealAuthorisationService authorisations,
            KeyCustody custody,
            TimestampSource timestamps,
            SealSigner sesSigner,
            SealUsageLog usages,
            Clock clock) {
        return new SealSigningService(
                seals, authorisations, custody, new CadesDigestSigner(timestamps), sesSigner, usages, clock);
    }
}
