package cn.zhengyin.licence.statistics;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port: the daily counter documents. Each {@link #add} is one atomic single-document update (an upsert that
 * increments), so concurrent writers never lose a count and no transaction is needed.
 */
public interface DailyCounters {
    /** The authority of verifications whose file the registry does not know (seen only by the province role). */
    String UNATTRIBUTED = "-";

    /** Adds {@code increments} to the counter of this day, authority and measure, creating it if missing. */
    void add(LocalDate day, String authority, Measure measure, Map<String, Long> increments);

    /** The counters of the days {@code from} to {@code to} (inclusive), of one authority or (empty) of all. */
    List<DailyCounts> read(LocalDate from, LocalDate to, Optional<String> authority);
}
