package cn.zhengyin.service.monitoring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a watched deadline makes the health OUT_OF_SERVICE ({@code zhengyin.monitoring.*}, docs/operations.md). The
 * Prometheus alerts in {@code deploy/prometheus/zhengyin-rules.yml} fire at the same margins.
 *
 * @param crlMargin          a CRL within this of its nextUpdate (24 h: a day to find out why it was not re-issued)
 * @param certificateMargin  a TSA, OCSP or active seal certificate within this of its notAfter (30 days)
 * @param trustListMargin    the trust list within this of its nextUpdate (7 days: a new list needs its signer)
 * @param refreshInterval    how often the gauges re-read what they watch (the seals, the CRLs)
 * @param custodyCheckLimit  how many issued seals' keys the key-custody health check signs with (each check is one
 *                           signature per key in the HSM or Vault)
 */
@ConfigurationProperties("zhengyin.monitoring")
public record MonitoringProperties(
        @DefaultValue("24h") Duration crlMargin,
        @DefaultValue("30d") Duration certificateMargin,
        @DefaultValue("7d") Duration trustListMargin,
        @DefaultValue("1m") Duration refreshInterval,
        @DefaultValue("20") int custodyCheckLimit) {}
