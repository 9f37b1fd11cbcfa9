package cn.zhengyin.licence.archive.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Archive time-stamp renewal ({@code zhengyin.lta-renewal.*}, docs/verification.md "Renewing the archive
 * time-stamp").
 *
 * @param enabled         run the scheduled renewal (off by default; the endpoint works either way)
 * @param cron            when the scheduled renewal runs (Spring cron, China time)
 * @param renewWithinDays renew a PDF when its last document time-stamp's TSA certificate expires within these days
 */
@ConfigurationProperties("zhengyin.lta-renewal")
public record LtaRenewalProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("0 30 2 * * *") String cron,
        @DefaultValue("90") int renewWithinDays) {}
