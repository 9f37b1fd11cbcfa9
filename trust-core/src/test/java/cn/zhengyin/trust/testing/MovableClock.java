package cn.zhengyin.trust.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test moves by hand, in UTC: standing still at a given instant ({@link #MovableClock(Instant)}), or
 * running with the system clock plus an offset the test sets ({@link #running()}, for a service whose tests need
 * time to pass but one of them to jump ahead). Thread-safe: a service's threads may read it while the test moves it.
 */
public final class MovableClock extends Clock {

    private final Clock base;
    private volatile Duration offset = Duration.ZERO;

    /** A clock standing at {@code now} until moved. */
    public MovableClock(Instant now) {
        this(Clock.fixed(now, ZoneOffset.UTC));
    }

    private MovableClock(Clock base) {
        this.base = base;
    }

    /** The system clock in UTC, until {@link #offset(Duration)} moves it. */
    public static MovableClock running() {
        return new MovableClock(Clock.systemUTC());
    }

    /** Moves the clock to {@code instant} (a running clock keeps running from there). */
    public void set(Instant instant) {
        offset = Duration.between(base.instant(), instant);
    }

    /** Moves the clock on by {@code duration}. */
    public void advance(Duration duration) {
        offset = offset.plus(duration);
    }

    /** Moves the clock to its base time plus {@code offset}; {@link Duration#ZERO} puts it back. */
    public void offset(Duration offset) {
        this.offset = offset;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset);
    }
}
