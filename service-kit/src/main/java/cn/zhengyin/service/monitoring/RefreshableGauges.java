package cn.zhengyin.service.monitoring;

/**
 * Gauges whose set of rows changes (a seal issued, a CA added): {@link #refreshGauges()} re-reads what they watch. The
 * service-kit refresher calls it at start-up and then every {@code zhengyin.monitoring.refresh-interval}.
 */
public interface RefreshableGauges {
    void refreshGauges();
}
