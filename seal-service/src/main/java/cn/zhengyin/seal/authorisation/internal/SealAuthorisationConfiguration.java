package cn.zhengyin.seal.authorisation.internal;

import cn.zhengyin.seal.authorisation.GranteeDirectory;
import cn.zhengyin.seal.authorisation.SealAuthorisationService;
import cn.zhengyin.seal.lifecycle.SealLifecycleService;
import cn.zhengyin.service.audit.AuditLog;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the authorisations to use a seal: the audited Mongo store behind the {@link SealAuthorisationService}. */
@Configuration(proxyBeanMethods = false)
class SealAuthorisationConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SealAuthorisationConfiguration.class);

    @Bean
    SealAuthorisationService sealAuthorisationService(
            MongoDatabase database,
            SealLifecycleService seals,
            GranteeDirectory grantees,
            Clock clock,
            AuditLog audit) {
        return new SealAuthorisationService(
                new AuditedSealAuthorisationRepository(new MongoSealAuthorisationRepository(database), audit),
                seals,
                grantees,
                clock);
    }

    /**
     * Names, at start-up, the stored authorisations in force that let nobody sign because their grantee is a wildcard
     * or unknown to the directory (granted before grantees were checked, issue #14): an administrator withdraws them,
     * or adds the grantee to {@code zhengyin.grantees} if it is real.
     */
    @Bean
    ApplicationRunner inertAuthorisations(SealAuthorisationService authorisations, Clock clock) {
        return args -> authorisations
                .inert(clock.instant())
                .forEach(a -> log.warn(
                        "Authorisation {} of seal {} names {} '{}', which is a wildcard or unknown to"
                                + " zhengyin.grantees: it lets nobody sign; withdraw it"
                                + " (DELETE /api/v1/seals/{}/authorisations/{})",
                        a.id(),
                        a.sealId(),
                        a.granteeKind(),
                        a.grantee(),
                        a.sealId(),
                        a.id()));
    }
}
