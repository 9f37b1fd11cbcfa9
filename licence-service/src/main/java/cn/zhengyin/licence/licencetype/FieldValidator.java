package cn.zhengyin.licence.licencetype;

import cn.zhengyin.trust.font.PrintableText;
import cn.zhengyin.trust.identifier.CitizenIdentityNumber;
import cn.zhengyin.trust.identifier.InvalidIdentifierException;
import cn.zhengyin.trust.identifier.UnifiedSocialCreditCode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Checks submitted field values against a licence type's schema and returns every violation, never only the first.
 * Values may be {@link String}s (any type), {@link Number}s (NUMBER) or {@link LocalDate}s (DATE); {@code null} and
 * blank strings count as absent. Stateless and thread-safe.
 */
public final class FieldValidator {

    /** @return all violations, in field order then unknown keys in sorted order; empty if the values are valid */
    public List<FieldViolation> validate(LicenceType type, Map<String, ?> values) {
        List<FieldViolation> violations = new ArrayList<>();
        for (FieldDefinition field : type.fields()) {
            Object value = values.get(field.key());
            if (isAbsent(value)) {
                if (field.required()) {
                    violations.add(
                            new FieldViolation(field.key(), "required field " + describe(field) + " is missing"));
                }
                continue;
            }
            check(field, value).ifPresent(message -> violations.add(new FieldViolation(field.key(), message)));
        }
        type.fieldWithRole(FieldRole.VALIDITY_END).ifPresent(end -> {
            Object given = values.get(end.key());
            if (!isAbsent(given) && violations.stream().noneMatch(v -> v.field().equals(end.key()))) {
                ValidityDates.fixedEnd(type, values)
                        .filter(expected -> !expected.toString().equals(String.valueOf(given)))
                        .ifPresent(expected -> violations.add(new FieldViolation(
                                end.key(),
                                describe(end) + " is "
                                        + given + " but a " + type.descriptor().name() + " is valid for "
                                        + ((ValidityRule.FixedYears)
                                                        type.descriptor().validity())
                                                .years()
                                        + " years, so it must be " + expected
                                        + " (or be left out to have it filled in)")));
            }
        });
        for (String key : new TreeSet<>(values.keySet())) {
            if (type.field(key).isEmpty()) {
                violations.add(new FieldViolation(
                        key,
                        "unknown field '" + key + "' for licence type "
                                + type.descriptor().name() + " (" + type.typeCode() + "); known fields: "
                                + type.fields().stream()
                                        .map(FieldDefinition::key)
                                        .toList()));
            }
        }
        return List.copyOf(violations);
    }

    private static boolean isAbsent(Object value) {
        return value == null || value instanceof String s && s.isBlank();
    }

    private static String describe(FieldDefinition field) {
        return "'" + field.key() + "' (" + field.labelZh() + ")";
    }

    private static Optional<String> check(FieldDefinition field, Object value) {
        return switch (field.type()) {
            case TEXT -> checkText(field, value);
            case DATE -> checkDate(field, value);
            case NUMBER -> checkNumber(field, value);
            case ENUM, USCC, CITIZEN_ID ->
                value instanceof String s ? checkCode(field, s) : wrongType(field, value, "text");
        };
    }

    private static Optional<String> checkCode(FieldDefinition field, String s) {
        return switch (field.type()) {
            case ENUM ->
                field.enumValues().contains(s)
                        ? Optional.empty()
                        : Optional.of(describe(field) + " is '" + s + "'; allowed values: " + field.enumValues());
            case USCC -> identifierProblem(field, () -> new UnifiedSocialCreditCode(s));
            case CITIZEN_ID -> identifierProblem(field, () -> new CitizenIdentityNumber(s));
            default -> throw new IllegalStateException("not a code type: " + field.type());
        };
    }

    private static Optional<String> wrongType(FieldDefinition field, Object value, String expected) {
        return Optional.of(describe(field) + " must be " + expected + ", got " + jsonType(value) + " " + value);
    }

    private static String jsonType(Object value) {
        return switch (value) {
            case String s -> "text";
            case Number n -> "number";
            case Boolean b -> "boolean";
            case Map<?, ?> m -> "object";
            case List<?> l -> "array";
            default -> value.getClass().getSimpleName();
        };
    }

    private static Optional<String> checkText(FieldDefinition field, Object value) {
        if (!(value instanceof String s)) {
            return wrongType(field, value, "text");
        }
        Optional<PrintableText.Unprintable> unprintable =
                PrintableText.check(s, field.multiline() ? PrintableText.Lines.MANY : PrintableText.Lines.ONE);
        if (unprintable.isPresent()) {
            // name the code point, not the value: the value may be personal data and is what the caller sent anyway
            return Optional.of(describe(field) + ": character "
                    + (s.codePointCount(0, unprintable.get().index()) + 1) + ", "
                    + unprintable.get().message());
        }
        int length = s.codePointCount(0, s.length());
        if (field.maxLength().isPresent() && length > field.maxLength().getAsInt()) {
            return Optional.of(describe(field) + " has " + length + " characters; at most "
                    + field.maxLength().getAsInt() + " are allowed");
        }
        if (field.pattern().isPresent() && !field.pattern().get().matcher(s).matches()) {
            return Optional.of(describe(field) + " value '" + s + "' does not match the pattern "
                    + field.pattern().get().pattern());
        }
        return Optional.empty();
    }

    private static Optional<String> checkDate(FieldDefinition field, Object value) {
        LocalDate date;
        if (value instanceof LocalDate d) {
            date = d;
        } else if (value instanceof String s) {
            try {
                date = LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                return Optional.of(describe(field) + " value '" + s
                        + "' is not a date in ISO 8601 form yyyy-MM-dd (e.g. 2024-03-15)");
            }
        } else {
            return wrongType(field, value, "a date string yyyy-MM-dd");
        }
        if (date.isBefore(field.effectiveMinDate()) || date.isAfter(field.effectiveMaxDate())) {
            return Optional.of(describe(field) + " date " + date + " is outside the allowed range "
                    + field.effectiveMinDate() + " .. " + field.effectiveMaxDate());
        }
        return Optional.empty();
    }

    /** Longest accepted text of a number, and most digits before or after its point (DoS bound, see fuzzing.md). */
    static final int MAX_NUMBER_CHARS = 64;

    static final int MAX_NUMBER_DIGITS = 30;

    private static String abbreviated(BigDecimal number) {
        return number.unscaledValue().bitLength() > 256
                ? "with " + number.precision() + " significant digits"
                : number.toString();
    }

    private static Optional<String> checkNumber(FieldDefinition field, Object value) {
        BigDecimal number;
        if (value instanceof BigDecimal d) {
            number = d;
        } else if (value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte) {
            number = BigDecimal.valueOf(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            number = new BigDecimal(value.toString());
        } else if (value instanceof String s) {
            if (s.strip().length() > MAX_NUMBER_CHARS) {
                return Optional.of(describe(field) + " value has " + s.strip().length() + " characters; a decimal "
                        + "number may have at most " + MAX_NUMBER_CHARS);
            }
            try {
                number = new BigDecimal(s.strip());
            } catch (NumberFormatException e) {
                return Optional.of(describe(field) + " value '" + s + "' is not a decimal number (e.g. 500 or 12.5)");
            }
        } else {
            return wrongType(field, value, "a number");
        }
        // 1e999999999 is a short string but a billion digits when printed plainly: bound magnitude and precision first
        long integerDigits = (long) number.precision() - number.scale();
        if (integerDigits > MAX_NUMBER_DIGITS || number.scale() > MAX_NUMBER_DIGITS) {
            return Optional.of(describe(field) + " value " + abbreviated(number) + " has too many digits; at most "
                    + MAX_NUMBER_DIGITS + " digits before and after the decimal point are accepted");
        }
        if (field.minNumber().isPresent() && number.compareTo(field.minNumber().get()) < 0) {
            return Optional.of(describe(field) + " value " + number.toPlainString() + " is below the minimum "
                    + field.minNumber().get().toPlainString());
        }
        if (field.maxNumber().isPresent() && number.compareTo(field.maxNumber().get()) > 0) {
            return Optional.of(describe(field) + " value " + number.toPlainString() + " is above the maximum "
                    + field.maxNumber().get().toPlainString());
        }
        return Optional.empty();
    }

    private static Optional<String> identifierProblem(FieldDefinition field, Runnable parse) {
        try {
            parse.run();
            return Optional.empty();
        } catch (InvalidIdentifierException e) {
            return Optional.of(describe(field) + ": " + e.getMessage());
        }
    }
}
