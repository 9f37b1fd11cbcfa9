package cn.zhengyin.service.monitoring;

import cn.zhengyin.service.scheduling.FixedDelayTask;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * The {@code zhengyin.monitoring.*} settings and the refresher of every {@link RefreshableGauges} bean: when the
 * application has started, again when it is ready (after the start-up runners, e.g. the import of pre-made seals), then
 * every {@code refresh-interval} on a daemon thread.
 */
@AutoConfiguration
@EnableConfigurationProperties(MonitoringProperties.class)
public final class MonitoringAutoConfiguration {

    /**
     * The request's trace id for its error dispatch ({@link ErrorDispatchTraceId}), just inside Spring Boot's server
     * observation filter ({@code HIGHEST_PRECEDENCE + 1}) and before the security filter chain.
     */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    FilterRegistrationBean<ErrorDispatchTraceId> zhengyinErrorDispatchTraceId() {
        FilterRegistrationBean<ErrorDispatchTraceId> registration =
                new FilterRegistrationBean<>(new ErrorDispatchTraceId());
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    SmartLifecycle zhengyinGaugeRefresher(ObjectProvider<RefreshableGauges> gauges, MonitoringProperties properties) {
        return new GaugeRefresher(gauges, properties);
    }

    static final class GaugeRefresher extends FixedDelayTask implements ApplicationListener<ApplicationReadyEvent> {
        private static final Logger LOG = LoggerFactory.getLogger(GaugeRefresher.class);
        private final ObjectProvider<RefreshableGauges> gauges;

        GaugeRefresher(ObjectProvider<RefreshableGauges> gauges, MonitoringProperties properties) {
            super(
                    "zhengyin-gauge-refresh",
                    Duration.ofMillis(
                            Math.max(1000, properties.refreshInterval().toMillis())),
                    () -> refresh(gauges));
            this.gauges = gauges;
        }

        @Override
        public synchronized void start() {
            refresh(gauges);
            super.start();
        }

        @Override
        public void onApplicationEvent(ApplicationReadyEvent event) {
            refresh(gauges);
        }

        private static void refresh(ObjectProvider<RefreshableGauges> gauges) {
            gauges.orderedStream().forEach(g -> {
                try {
                    g.refreshGauges();
                } catch (RuntimeException e) {
                    LOG.warn("gauges {} not refreshed: {}", g.getClass().getSimpleName(), e.toString());
                }
            });
        }
    }
}
