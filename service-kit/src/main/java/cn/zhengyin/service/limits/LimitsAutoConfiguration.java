package cn.zhengyin.service.limits;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Registers the limits. Properties: {@code zhengyin.rate-limit.requests-per-second} (default 200) and
 * {@code zhengyin.rate-limit.burst} (default 400), {@code zhengyin.rate-limit.enabled} (default true);
 * {@code zhengyin.body-limit.default-bytes} (default 1 MB) and {@code zhengyin.body-limit.paths.<ant-pattern>} bytes.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class LimitsAutoConfiguration {
    /** After Spring Security's filter chain (order -100), so that the caller is known. */
    static final int ORDER = -99;

    /** Counts the refusals of both filters and of the multipart upload limits. */
    @Bean
    @ConditionalOnMissingBean
    LimitRefusals limitRefusals(ObjectProvider<MeterRegistry> registry) {
        return new LimitRefusals(Optional.ofNullable(registry.getIfAvailable()));
    }

    @Bean
    @ConditionalOnProperty(name = "zhengyin.rate-limit.enabled", havingValue = "true", matchIfMissing = true)
    FilterRegistrationBean<RateLimitFilter> zhengyinRateLimit(Environment env, LimitRefusals refusals) {
        FilterRegistrationBean<RateLimitFilter> bean = new FilterRegistrationBean<>(new RateLimitFilter(
                env.getProperty("zhengyin.rate-limit.requests-per-second", Double.class, 200.0),
                env.getProperty("zhengyin.rate-limit.burst", Integer.class, 400),
                System::nanoTime,
                refusals));
        bean.setOrder(ORDER);
        return bean;
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> zhengyinBodyLimit(Environment env, LimitRefusals refusals) {
        Map<String, Long> paths = org.springframework.boot.context.properties.bind.Binder.get(env)
                .bind(
                        "zhengyin.body-limit.paths",
                        org.springframework.boot.context.properties.bind.Bindable.mapOf(String.class, Long.class))
                .orElse(Map.of());
        FilterRegistrationBean<RequestSizeLimitFilter> bean = new FilterRegistrationBean<>(new RequestSizeLimitFilter(
                env.getProperty("zhengyin.body-limit.default-bytes", Long.class, 1024L * 1024), paths, refusals));
        bean.setOrder(ORDER - 50); // before authentication: an oversized body is refused unread
        return bean;
    }
}
