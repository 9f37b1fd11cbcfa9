package cn.zhengyin.licence.statistics;

import cn.zhengyin.licence.fieldreuse.UsageRecord;
import cn.zhengyin.trust.ChinaTime;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import cn.zhengyin.trust.validation.Conclusion;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What each counted happening adds to the daily counters. The day is the happening's date in China time; the
 * authority is the issuing authority of the licence concerned. Only codes, conclusions and organisations are counted:
 * never a holder's name or code.
 */
public final class StatisticsCounting {
    private final DailyCounters counters;

    public StatisticsCounting(DailyCounters counters) {
        this.counters = counters;
    }

    /** A licence event appended to the transparency log (ISSUED, AMENDED, RENEWED, CORRECTED, SUSPENDED, …). */
    public void licenceEvent(String typeCode, String issuerCode, String eventType, Instant at) {
        counters.add(day(at), issuerCode, Measure.LICENCES, Map.of(licenceKey(typeCode, eventType), 1L));
    }

    /**
     * A verification answered with {@code conclusion}; {@code identifier} is the registered licence version the file
     * was found to be, if any (its issuer is the authority; otherwise {@link DailyCounters#UNATTRIBUTED}).
     */
    public void verification(Conclusion conclusion, Optional<String> identifier, Instant at) {
        String authority = identifier
                .filter(LicenceIdentifier::isValid)
                .map(id -> LicenceIdentifier.parse(id).issuerCode())
                .orElse(DailyCounters.UNATTRIBUTED);
        counters.add(day(at), authority, Measure.VERIFICATIONS, Map.of(conclusion.name(), 1L));
    }

    /** A usage record: field releases are counted by basis, client and (for reads by duty) service item. */
    public void usage(UsageRecord record) {
        increments(record)
                .ifPresent(inc -> counters.add(day(record.time()), record.issuerCode(), Measure.FIELD_REUSE, inc));
    }

    /** The increments a usage record makes; empty for verifications (counted by conclusion instead). */
    public static Optional<Map<String, Long>> increments(UsageRecord record) {
        if (record.kind() == UsageRecord.Kind.VERIFICATION) {
            return Optional.empty();
        }
        Map<String, Long> inc = new LinkedHashMap<>();
        String basis = basisOf(record);
        inc.put("basis|" + basis, 1L);
        inc.put("client|" + record.clientId(), 1L);
        if (basis.equals("duty") && !record.serviceItem().isBlank()) {
            inc.put("item|" + record.clientId() + "|" + record.serviceItem(), 1L);
        }
        return Optional.of(inc);
    }

    /** consent, use-code or duty, from the record's basis ({@code duty:<item>}, {@code use-code} or a consent id). */
    public static String basisOf(UsageRecord record) {
        if (record.kind() == UsageRecord.Kind.USE_CODE_REDEMPTION
                || record.basis().equals("use-code")) {
            return "use-code";
        }
        if (record.basis().startsWith("duty")) {
            return "duty";
        }
        return "consent";
    }

    public static String licenceKey(String typeCode, String eventType) {
        return typeCode + "|" + eventType;
    }

    public static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ChinaTime.ZONE);
    }
}
