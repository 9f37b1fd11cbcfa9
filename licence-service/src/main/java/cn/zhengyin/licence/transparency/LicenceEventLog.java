package cn.zhengyin.licence.transparency;

import cn.zhengyin.licence.registry.LicenceVersion;
import java.time.Instant;

/** The port issuance and lifecycle changes append licence events to. */
public interface LicenceEventLog {

    /**
     * Appends the event {@code eventType} (ISSUED, AMENDED, SUSPENDED, …) of licence version {@code version} at
     * {@code at}. Idempotent: the same version, event type and time (to the millisecond) is logged once, so a retried
     * or recovered request does not log twice.
     *
     * @return the leaf index of the event
     */
    long append(LicenceVersion version, String eventType, Instant at);

    /** A log that records nothing (unit tests of the domain that do not look at the log). */
    LicenceEventLog NONE = (version, eventType, at) -> -1;
}
