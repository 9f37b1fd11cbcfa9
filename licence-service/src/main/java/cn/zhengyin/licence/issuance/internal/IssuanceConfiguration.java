package cn.zhengyin.licence.issuance.internal;

import cn.zhengyin.licence.authority.ApprovalSystems;
import cn.zhengyin.licence.issuance.IdempotencyGuard;
import cn.zhengyin.licence.issuance.IdempotencyStore;
import cn.zhengyin.licence.issuance.LicenceIssuer;
import cn.zhengyin.licence.issuance.SerialNumberSource;
import cn.zhengyin.licence.issuance.VersionProducer;
import cn.zhengyin.licence.licencetype.LicenceTypeCatalogue;
import cn.zhengyin.licence.registry.LicenceFileStore;
import cn.zhengyin.licence.registry.LicenceRegistry;
import cn.zhengyin.licence.registry.PublicLinks;
import cn.zhengyin.licence.rendition.LicenceOfdRenderer;
import cn.zhengyin.licence.rendition.LicencePdfRenderer;
import cn.zhengyin.licence.rendition.LicenceXmlRenderer;
import cn.zhengyin.licence.sealing.JointSealing;
import cn.zhengyin.licence.sealing.LicenceSealer;
import cn.zhengyin.licence.sealing.OfdSealer;
import cn.zhengyin.licence.sealing.XmlSealer;
import cn.zhengyin.licence.transparency.LicenceEventLog;
import cn.zhengyin.service.audit.AuditLog;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires issuance: its MongoDB adapters, the idempotency guard, the version producer and the issuer. */
@Configuration(proxyBeanMethods = false)
class IssuanceConfiguration {

    @Bean
    SerialNumberSource serialNumberSource(MongoDatabase database) {
        return new MongoSerialNumberSource(database);
    }

    @Bean
    IdempotencyStore idempotencyStore(MongoDatabase database) {
        return new MongoIdempotencyStore(database);
    }

    @Bean
    IdempotencyGuard idempotencyGuard(IdempotencyStore store, Clock clock) {
        return new IdempotencyGuard(store, clock);
    }

    @Bean
    VersionProducer versionProducer(
            LicencePdfRenderer renderer,
            LicenceOfdRenderer ofdRenderer,
            OfdSealer ofdSealer,
            LicenceSealer sealer,
            LicenceXmlRenderer xmlRenderer,
            XmlSealer xmlSealer,
            LicenceFileStore files,
            LicenceRegistry registry,
            PublicLinks links,
            JointSealing jointSealing) {
        return new VersionProducer(
                renderer, sealer, xmlRenderer, xmlSealer, ofdRenderer, ofdSealer, files, registry, links, jointSealing);
    }

    @Bean
    LicenceIssuer licenceIssuer(
            LicenceTypeCatalogue types,
            ApprovalSystems approvalSystems,
            LicenceRegistry registry,
            SerialNumberSource serials,
            IdempotencyGuard idempotency,
            VersionProducer versions,
            Clock clock,
            LicenceEventLog eventLog,
            AuditLog audit,
            MongoDatabase database) {
        return new LicenceIssuer(
                types,
                approvalSystems::find,
                registry,
                serials,
                idempotency,
                versions,
                clock,
                eventLog,
                new AuditedFailedIssuances(audit),
                new MongoHolderHoldings(database));
    }
}
