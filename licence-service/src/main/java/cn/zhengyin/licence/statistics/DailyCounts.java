package cn.zhengyin.licence.statistics;

import java.time.LocalDate;
import java.util.Map;

/**
 * The counts of one day (China time), one authority and one measure.
 *
 * @param authority the issuing authority's unified social credit code, or {@link DailyCounters#UNATTRIBUTED} for
 *                  verifications of files the registry does not know
 * @param counts    count by key (see {@link Measure} for the keys)
 */
public record DailyCounts(LocalDate day, String authority, Measure measure, Map<String, Long> counts) {
    public DailyCounts {
        counts = Map.copyOf(counts);
    }
}
