package cn.zhengyin.trust.trustlist;

import java.time.Instant;
import java.util.Objects;

/** A status and the time it took effect (ETSI TS 119 612 ServiceStatus + StatusStartingTime). */
public record StatusChange(AuthorityStatus status, Instant since) {
    public StatusChange {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(since, "since");
    }
}
