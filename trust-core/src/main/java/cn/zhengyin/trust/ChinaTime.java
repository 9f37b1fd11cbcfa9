package cn.zhengyin.trust;

import java.time.ZoneId;

/** The time zone in which Chinese licences and seals state their dates (UTC+8, no daylight saving). */
public final class ChinaTime {

    /** {@code Asia/Shanghai}: the zone of issue dates, validity ends and printed times. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ChinaTime() {}
}
