package cn.zhengyin.licence.architecture.clock;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;

/** Fixture for ArchitectureRulesTest: every way of reading the system clock the rule forbids, and one it allows. */
public final class ReadsTheSystemClock {
    private ReadsTheSystemClock() {}

    public static Instant instantNow() {
        return Instant.now();
    }

    public static LocalDate todayInChina() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    public static long millis() {
        return System.currentTimeMillis();
    }

    public static Date date() {
        return new Date();
    }

    public static Clock clock() {
        return Clock.systemUTC();
    }

    /** Allowed: the day by an injected clock. */
    public static LocalDate today(Clock injected) {
        return LocalDate.now(injected);
    }
}
