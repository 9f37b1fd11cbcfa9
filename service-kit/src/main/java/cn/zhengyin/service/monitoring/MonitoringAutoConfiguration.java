package cn.zhengyin.service.monitoring;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

/**
 * The {@code zhengyin.monitoring.*} settings and the refresher of every {@link RefreshableGauges} bean: when the
 * application has started, again when it is ready (after the start-up runners, e.g. the import of pre-made seals), then
 * every {@code refresh-interval} on a daemon thread.
 */
@AutoConfiguration
@EnableConfigurationProperties(MonitoringProperties.class)
public final class MonitoringAutoConfiguration {

    @Bean
    SmartLifecycle zhengyinGaugeRefresher(ObjectProvider<RefreshableGauges> gauges, MonitoringProperties properties) {
        return new GaugeRefresher(gauges, properties);
    }

    static final class GaugeRefresher implements SmartLifecycle, ApplicationListener<ApplicationReadyEvent> {
        private static final Logger LOG = LoggerFactory.getLogger(GaugeRefresher.class);
        private final ObjectProvider<RefreshableGauges> gauges;
        private final MonitoringProperties properties;
        private ScheduledExecutorService executor;

        GaugeRefresher(ObjectProvider<RefreshableGauges> gauges, MonitoringProperties properties) {
            this.gauges = gauges;
            this.properties = properties;
        }

        @Override
        public synchronized void start() {
            refresh();
            executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "zhengyin-gauge-refresh");
                thread.setDaemon(true);
                return thread;
            });
            long millis = Math.max(1000, properties.refreshInterval().toMillis());
            executor.scheduleWithFixedDelay(this::refresh, millis, millis, TimeUnit.MILLISECONDS);
        }

        @Override
        public void onApplicationEvent(ApplicationReadyEvent event) {
            refresh();
        }

        private void refresh() {
            gauges.orderedStream().forEach(g -> {
                try {
                    g.refreshGauges();
                } catch (RuntimeException e) {
                    LOG.warn("gauges {} not refreshed: {}", g.getClass().getSimpleName(), e.toString());
                }
            });
        }

        @Override
        public synchronized void stop() {
            if (executor != null) {
                executor.shutdownNow();
                executor = null;
            }
        }

        @Override
        public synchronized boolean isRunning() {
            return executor != null;
        }
    }
}
