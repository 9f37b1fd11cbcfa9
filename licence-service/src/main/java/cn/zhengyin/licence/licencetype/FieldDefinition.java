package cn.zhengyin.licence.licencetype;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * One field of a licence type.
 *
 * @param key         JSON key, {@code [a-z][A-Za-z0-9]*}
 * @param labelZh     Chinese label printed on the licence, e.g. 统一社会信用代码
 * @param labelEn     English label for APIs
 * @param type        value type
 * @param required    whether a value must be submitted
 * @param maxLength   maximum number of characters (code points), for TEXT
 * @param pattern     regular expression the whole value must match, for TEXT
 * @param enumValues  allowed values, for ENUM (empty otherwise)
 * @param minDate     earliest allowed date, for DATE
 * @param maxDate     latest allowed date, for DATE
 * @param minNumber   smallest allowed value, for NUMBER
 * @param maxNumber   largest allowed value, for NUMBER
 * @param sensitivity who may see the value
 * @param role        the metadata element this field supplies, if any
 * @param emptyText   text printed when the field has no value, e.g. 长期 for an open-ended validity end
 * @param multiline   whether a TEXT value may hold several lines (separated by LF, U+000A); other fields hold one line
 */
public record FieldDefinition(
        String key,
        String labelZh,
        String labelEn,
        FieldType type,
        boolean required,
        OptionalInt maxLength,
        Optional<Pattern> pattern,
        List<String> enumValues,
        Optional<LocalDate> minDate,
        Optional<LocalDate> maxDate,
        Optional<BigDecimal> minNumber,
        Optional<BigDecimal> maxNumber,
        Sensitivity sensitivity,
        Optional<FieldRole> role,
        Optional<String> emptyText,
        boolean multiline) {

    /** Dates before the founding of the PRC are rejected unless a field says otherwise. */
    public static final LocalDate DEFAULT_MIN_DATE = LocalDate.of(1949, 10, 1);

    public static final LocalDate DEFAULT_MAX_DATE = LocalDate.of(2100, 12, 31);

    public FieldDefinition {
        enumValues = List.copyOf(enumValues);
    }

    public LocalDate effectiveMinDate() {
        return minDate.orElse(DEFAULT_MIN_DATE);
    }

    public LocalDate effectiveMaxDate() {
        return maxDate.orElse(DEFAULT_MAX_DATE);
    }
}
