/**
 * Operations monitoring of the licence service (运行监控, docs/operations.md): {@link
 * cn.zhengyin.licence.monitoring.LicenceMetrics}, the counters and timers the other features' adapters record
 * (issuances, changes, verifications, field releases, shares, import lines), and the health indicators — the seal
 * service as this service sees it, the configured CRLs' and the trust list's time to nextUpdate — with their gauges.
 * Labels never carry personal data: no holder code, name or licence identifier.
 */
package cn.zhengyin.licence.monitoring;
