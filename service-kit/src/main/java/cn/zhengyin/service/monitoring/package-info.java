/**
 * Operations monitoring shared by both services (docs/operations.md): the trace id of the current request
 * ({@link cn.zhengyin.service.monitoring.TraceIds}), deadlines watched as health and gauges
 * ({@link cn.zhengyin.service.monitoring.ExpiryWatch}: CRLs, certificates, the trust list), their periodic refresh and
 * the {@code zhengyin.monitoring.*} settings ({@link cn.zhengyin.service.monitoring.MonitoringProperties}).
 */
package cn.zhengyin.service.monitoring;
