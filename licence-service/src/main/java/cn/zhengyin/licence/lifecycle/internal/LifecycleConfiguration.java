package cn.zhengyin.licence.lifecycle.internal;

import cn.zhengyin.licence.authority.ApprovalSystems;
import cn.zhengyin.licence.issuance.IdempotencyGuard;
import cn.zhengyin.licence.issuance.VersionProducer;
import cn.zhengyin.licence.licencetype.LicenceTypeCatalogue;
import cn.zhengyin.licence.lifecycle.LicenceChanges;
import cn.zhengyin.licence.registry.LicenceRegistry;
import cn.zhengyin.licence.transparency.LicenceEventLog;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires licence changes (new versions and status changes). */
@Configuration(proxyBeanMethods = false)
class LifecycleConfiguration {

    @Bean
    LicenceChanges licenceChanges(
            LicenceTypeCatalogue types,
            ApprovalSystems approvalSystems,
            LicenceRegistry registry,
            IdempotencyGuard idempotency,
            VersionProducer versions,
            Clock clock,
            LicenceEventLog eventLog) {
        return new LicenceChanges(types, approvalSystems::find, registry, idempotency, versions, clock, eventLog);
    }
}
