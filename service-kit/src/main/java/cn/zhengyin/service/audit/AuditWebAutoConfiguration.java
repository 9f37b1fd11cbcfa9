package cn.zhengyin.service.audit;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * In a servlet web application with an {@link AuditLog}: the read endpoint ({@link AuditEventController}; each
 * service's security chain must admit {@code GET /api/v1/audit-events} with scope {@code audit:read}) and the recording
 * of application 403s ({@link ForbiddenResponseAuditFilter}).
 */
@AutoConfiguration(after = AuditAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(AuditLog.class)
public class AuditWebAutoConfiguration {

    /** Filter order: after Spring Security's filter chain (-100) has authenticated the caller. */
    public static final int FORBIDDEN_AUDIT_FILTER_ORDER = -90;

    @Bean
    AuditEventController auditEventController(AuditLog audit) {
        return new AuditEventController(audit);
    }

    @Bean
    FilterRegistrationBean<ForbiddenResponseAuditFilter> forbiddenResponseAuditFilter(AuditLog audit) {
        var registration = new FilterRegistrationBean<>(new ForbiddenResponseAuditFilter(audit));
        registration.setOrder(FORBIDDEN_AUDIT_FILTER_ORDER);
        return registration;
    }
}
