package cn.zhengyin.licence.licencetype;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The printed validity end of a type with a fixed validity ({@link ValidityRule.FixedYears}) that also prints it (a
 * field with role {@link FieldRole#VALIDITY_END}, e.g. 食品经营许可证 有效期至): the start (field with role
 * {@link FieldRole#VALIDITY_START}, else the issue date) plus the years, minus one day. Stateless.
 */
public final class ValidityDates {
    private ValidityDates() {}

    /**
     * The validity end the values imply, if the type's validity is fixed and its start date is known and well-formed.
     */
    public static Optional<LocalDate> fixedEnd(LicenceType type, Map<String, ?> values) {
        if (!(type.descriptor().validity() instanceof ValidityRule.FixedYears fixed)) {
            return Optional.empty();
        }
        return type.fieldWithRole(FieldRole.VALIDITY_START)
                .or(() -> type.fieldWithRole(FieldRole.ISSUE_DATE))
                .flatMap(f -> date(values.get(f.key())))
                .map(start -> start.plusYears(fixed.years()).minusDays(1));
    }

    /**
     * {@code values} with the validity end filled in when the type derives it and it was not submitted; otherwise
     * {@code values} unchanged (as a copy).
     */
    public static Map<String, Object> completed(LicenceType type, Map<String, ?> values) {
        Map<String, Object> complete = new LinkedHashMap<>(values);
        type.fieldWithRole(FieldRole.VALIDITY_END).ifPresent(end -> {
            Object given = complete.get(end.key());
            if (given == null || given instanceof String s && s.isBlank()) {
                fixedEnd(type, values).ifPresent(d -> complete.put(end.key(), d.toString()));
            }
        });
        return complete;
    }

    private static Optional<LocalDate> date(Object value) {
        if (value instanceof LocalDate d) {
            return Optional.of(d);
        }
        if (value instanceof String s) {
            try {
                return Optional.of(LocalDate.parse(s));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
