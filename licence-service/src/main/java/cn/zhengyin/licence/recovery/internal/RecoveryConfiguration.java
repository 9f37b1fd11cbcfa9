package cn.zhengyin.licence.recovery.internal;

import cn.zhengyin.licence.recovery.IssuanceRecovery;
import cn.zhengyin.licence.registry.LicenceRegistry;
import cn.zhengyin.licence.transparency.LicenceEventLog;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs {@link IssuanceRecovery} once at start-up ({@code zhengyin.recovery.enabled}, default true; grace
 * {@code zhengyin.recovery.grace}, default PT5M).
 */
@Configuration(proxyBeanMethods = false)
class RecoveryConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryConfiguration.class);

    @Bean
    IssuanceRecovery issuanceRecovery(
            LicenceRegistry registry,
            LicenceEventLog eventLog,
            Clock clock,
            @Value("${zhengyin.recovery.grace:PT5M}") Duration grace) {
        return new IssuanceRecovery(registry, eventLog, clock, grace);
    }

    @Bean
    ApplicationRunner issuanceRecoveryAtStartup(
            IssuanceRecovery recovery, @Value("${zhengyin.recovery.enabled:true}") boolean enabled) {
        return args -> {
            if (!enabled) {
                return;
            }
            IssuanceRecovery.Outcome outcome = recovery.recover();
            if (!outcome.completed().isEmpty() || !outcome.rolledBack().isEmpty()) {
                LOG.warn(
                        "start-up recovery: completed issuances {}, rolled back unfinished versions {}",
                        outcome.completed(),
                        outcome.rolledBack());
            }
        };
    }
}
