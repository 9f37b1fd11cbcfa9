package cn.zhengyin.licence.statistics;

import cn.zhengyin.trust.validation.Conclusion;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of a date range, summed from the daily counters of the authorities in scope.
 *
 * @param days               every day of the range, oldest first
 * @param licencesByDay      per day: issued, changed (amended, renewed, corrected), withdrawn (suspended, revoked,
 *                           cancelled) — {@link #LICENCE_SERIES}
 * @param licencesByType     per licence type code: one count per {@link #LICENCE_EVENTS} event
 * @param verificationsByDay per day: one count per {@link Conclusion}, in declaration order
 * @param reuseByBasis       consent, use-code, duty ({@link #BASES})
 * @param reuseByClient      per requesting organisation (client id), most first
 * @param busiestItems       the service items (事项) with the most reads by duty, most first, at most {@value #TOP_ITEMS}
 */
public record StatisticsReport(
        LocalDate from,
        LocalDate to,
        List<LocalDate> days,
        Map<LocalDate, long[]> licencesByDay,
        Map<String, long[]> licencesByType,
        Map<LocalDate, long[]> verificationsByDay,
        Map<String, Long> reuseByBasis,
        Map<String, Long> reuseByClient,
        List<ServiceItem> busiestItems) {

    /** The licence events counted, in the order of the per-type table. */
    public static final List<String> LICENCE_EVENTS =
            List.of("ISSUED", "AMENDED", "RENEWED", "CORRECTED", "SUSPENDED", "REVOKED", "CANCELLED", "REINSTATED");

    /** The three daily licence series: issued, changed, withdrawn. */
    public static final List<String> LICENCE_SERIES = List.of("issued", "changed", "withdrawn");

    public static final List<String> BASES = List.of("consent", "use-code", "duty");
    public static final int TOP_ITEMS = 10;
    /** The longest range a report covers (two years and a day). */
    public static final int MAX_DAYS = 731;

    /** A service item (事项) by the client that read under it. */
    public record ServiceItem(String clientId, String code, long count) {}

    public static StatisticsReport of(LocalDate from, LocalDate to, List<DailyCounts> counters) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the range ends (" + to + ") before it starts (" + from + ")");
        }
        long length = ChronoUnit.DAYS.between(from, to) + 1;
        if (length > MAX_DAYS) {
            throw new IllegalArgumentException(
                    "the range has " + length + " days; at most " + MAX_DAYS + " are shown at once");
        }
        List<LocalDate> days = from.datesUntil(to.plusDays(1)).toList();
        Map<LocalDate, long[]> licencesByDay = new LinkedHashMap<>();
        Map<LocalDate, long[]> verificationsByDay = new LinkedHashMap<>();
        for (LocalDate d : days) {
            licencesByDay.put(d, new long[LICENCE_SERIES.size()]);
            verificationsByDay.put(d, new long[Conclusion.values().length]);
        }
        Map<String, long[]> byType = new TreeMap<>();
        Map<String, Long> bases = new LinkedHashMap<>();
        BASES.forEach(b -> bases.put(b, 0L));
        Map<String, Long> clients = new LinkedHashMap<>();
        Map<String, Long> items = new LinkedHashMap<>();
        for (DailyCounts c : counters) {
            if (c.day().isBefore(from) || c.day().isAfter(to)) {
                continue;
            }
            switch (c.measure()) {
                case LICENCES ->
                    c.counts().forEach((key, n) -> {
                        int bar = key.lastIndexOf('|');
                        if (bar < 0) {
                            return;
                        }
                        String type = key.substring(0, bar);
                        String event = key.substring(bar + 1);
                        int e = LICENCE_EVENTS.indexOf(event);
                        if (e < 0) {
                            return;
                        }
                        byType.computeIfAbsent(type, t -> new long[LICENCE_EVENTS.size()])[e] += n;
                        int series = seriesOf(event);
                        if (series >= 0) {
                            licencesByDay.get(c.day())[series] += n;
                        }
                    });
                case VERIFICATIONS ->
                    c.counts().forEach((key, n) -> {
                        try {
                            verificationsByDay
                                    .get(c.day())[Conclusion.valueOf(key).ordinal()] += n;
                        } catch (IllegalArgumentException unknown) {
                            // a conclusion this version does not know: not shown
                        }
                    });
                case FIELD_REUSE ->
                    c.counts().forEach((key, n) -> {
                        if (key.startsWith("basis|")) {
                            bases.merge(key.substring("basis|".length()), n, Long::sum);
                        } else if (key.startsWith("client|")) {
                            clients.merge(key.substring("client|".length()), n, Long::sum);
                        } else if (key.startsWith("item|")) {
                            items.merge(key.substring("item|".length()), n, Long::sum);
                        }
                    });
            }
        }
        List<ServiceItem> busiest = new ArrayList<>();
        items.forEach((key, n) -> {
            int bar = key.indexOf('|');
            busiest.add(new ServiceItem(key.substring(0, Math.max(bar, 0)), key.substring(bar + 1), n));
        });
        busiest.sort(Comparator.comparingLong(ServiceItem::count).reversed().thenComparing(ServiceItem::code));
        return new StatisticsReport(
                from,
                to,
                days,
                licencesByDay,
                byType,
                verificationsByDay,
                bases,
                sortedByCount(clients),
                List.copyOf(busiest.subList(0, Math.min(TOP_ITEMS, busiest.size()))));
    }

    /** 0 issued, 1 changed, 2 withdrawn, -1 not in the daily series (reinstated). */
    static int seriesOf(String event) {
        return switch (event) {
            case "ISSUED" -> 0;
            case "AMENDED", "RENEWED", "CORRECTED" -> 1;
            case "SUSPENDED", "REVOKED", "CANCELLED" -> 2;
            default -> -1;
        };
    }

    private static Map<String, Long> sortedByCount(Map<String, Long> counts) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** The total of a licence series (0 issued, 1 changed, 2 withdrawn) over the range. */
    public long licenceTotal(int series) {
        return licencesByDay.values().stream().mapToLong(v -> v[series]).sum();
    }

    public long verificationTotal(Conclusion conclusion) {
        return verificationsByDay.values().stream()
                .mapToLong(v -> v[conclusion.ordinal()])
                .sum();
    }
}
