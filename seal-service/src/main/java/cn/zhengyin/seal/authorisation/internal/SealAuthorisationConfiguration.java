package cn.zhengyin.seal.authorisation.internal;

import cn.zhengyin.seal.authorisation.SealAuthorisationService;
import cn.zhengyin.seal.lifecycle.SealLifecycleService;
import cn.zhengyin.service.audit.AuditLog;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the authorisations to use a seal: the audited Mongo store behind the {@link SealAuthorisationService}. */
@Configuration(proxyBeanMethods = false)
class SealAuthorisationConfiguration {

    @Bean
    SealAuthorisationService sealAuthorisationService(
            MongoDatabase database, SealLifecycleService seals, Clock clock, AuditLog audit) {
        return new SealAuthorisationService(
                new AuditedSealAuthorisationRepository(new MongoSealAuthorisationRepository(database), audit),
                seals,
                clock);
    }
}
