package cn.zhengyin.service.security;

import cn.zhengyin.service.audit.AuditLog;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.web.AuthenticationEntryPoint;
import tools.jackson.databind.json.JsonMapper;

/**
 * Provides {@link ProblemAuthenticationEntryPoint} and {@link ProblemAccessDeniedHandler} beans for the services'
 * {@code SecurityFilterChain}s. Defines no filter chain.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(AuthenticationEntryPoint.class)
public final class SecurityProblemsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ProblemAuthenticationEntryPoint problemAuthenticationEntryPoint(
            ObjectProvider<JsonMapper> mapper, ObjectProvider<AuditLog> audit) {
        return new ProblemAuthenticationEntryPoint(
                mapper.getIfAvailable(() -> JsonMapper.builder().build()), Optional.ofNullable(audit.getIfAvailable()));
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemAccessDeniedHandler problemAccessDeniedHandler(
            ObjectProvider<JsonMapper> mapper, ObjectProvider<AuditLog> audit) {
        return new ProblemAccessDeniedHandler(
                mapper.getIfAvailable(() -> JsonMapper.builder().build()), Optional.ofNullable(audit.getIfAvailable()));
    }
}
