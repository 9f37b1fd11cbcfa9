package cn.zhengyin.service.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * No Micrometer observations of Spring Security's own steps in either service (issue #18). Without this, each filter
 * of a chain is wrapped in an observation ({@code spring.security.filterchains}, {@code
 * spring.security.authentications}, {@code spring.security.authorizations}, each with its timer): in the profiles of
 * issuance and verification the wrappers were on every request's stack, and nothing reads them. The request's own
 * observation ({@code http.server.requests} metrics, its span, the trace id in the logs and the usage logs) is Spring
 * Boot's web observation and stays; refusals are in the audit log. A service that wants them back defines its own
 * {@link SecurityObservationSettings} bean.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityObservationSettings.class)
public final class SecurityObservationsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
