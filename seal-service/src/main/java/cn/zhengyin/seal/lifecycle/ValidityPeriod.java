package cn.zhengyin.seal.lifecycle;

import java.time.Instant;
import java.util.Objects;

/** When a seal may be used: from {@code notBefore} (inclusive) to {@code notAfter} (exclusive). */
public record ValidityPeriod(Instant notBefore, Instant notAfter) {
    public ValidityPeriod {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        if (!notAfter.isAfter(notBefore)) {
            throw new SealValidationException(
                    "validUntil",
                    "the validity ends at " + notAfter + ", not after it starts at " + notBefore
                            + "; give an end after the start");
        }
    }

    public boolean hasEndedAt(Instant at) {
        return !at.isBefore(notAfter);
    }

    public boolean hasStartedAt(Instant at) {
        return !at.isBefore(notBefore);
    }
}
