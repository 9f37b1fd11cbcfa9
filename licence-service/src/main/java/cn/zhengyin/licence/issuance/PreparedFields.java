package cn.zhengyin.licence.issuance;

import cn.zhengyin.licence.authority.IssuingAuthority;
import cn.zhengyin.licence.licencetype.FieldRole;
import cn.zhengyin.licence.licencetype.FieldValidator;
import cn.zhengyin.licence.licencetype.FieldViolation;
import cn.zhengyin.licence.licencetype.LicenceType;
import cn.zhengyin.licence.licencetype.ValidityDates;
import cn.zhengyin.trust.font.PrintableText;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Field values ready to be put on a licence: completed with what the service knows itself (the issuing authority,
 * the issue date), validated against the licence type, and turned into the text the licence shows.
 */
public final class PreparedFields {
    private static final FieldValidator VALIDATOR = new FieldValidator();

    private PreparedFields() {}

    /**
     * @param issueDate the date to print when the type has an issue-date field and the caller did not give one
     * @return the values as text, in the order given
     * @throws IssuanceException.InvalidFields listing every violation
     */
    public static Map<String, String> prepare(
            LicenceType type,
            IssuingAuthority authority,
            String client,
            Map<String, Object> submitted,
            LocalDate issueDate) {
        Map<String, Object> given = new LinkedHashMap<>(submitted == null ? Map.of() : submitted);
        type.fieldWithRole(FieldRole.ISSUING_AUTHORITY).ifPresent(f -> given.putIfAbsent(f.key(), authority.name()));
        type.fieldWithRole(FieldRole.ISSUE_DATE).ifPresent(f -> given.putIfAbsent(f.key(), issueDate.toString()));
        Map<String, Object> complete = new LinkedHashMap<>(ValidityDates.completed(type, given));
        List<FieldViolation> violations = new ArrayList<>(VALIDATOR.validate(type, complete));
        Map<String, Object> checked = complete;
        type.fieldWithRole(FieldRole.ISSUING_AUTHORITY).ifPresent(f -> {
            if (!authority.name().equals(String.valueOf(checked.get(f.key())))) {
                violations.add(new FieldViolation(
                        f.key(),
                        "must be the issuing authority '" + authority.name() + "' that approval system '" + client
                                + "' issues for"));
            }
        });
        if (!violations.isEmpty()) {
            throw new IssuanceException.InvalidFields(violations);
        }
        Map<String, String> text = new LinkedHashMap<>();
        complete.forEach((k, v) -> {
            if (v != null) {
                text.put(
                        k,
                        v instanceof BigDecimal d
                                ? d.toPlainString()
                                : String.valueOf(v).strip());
            }
        });
        return Collections.unmodifiableMap(text);
    }

    /** The longest case number (办件编号) accepted. */
    public static final int MAX_CASE_NUMBER_LENGTH = 64;

    /**
     * A case number is one line of printable text (it is stored with the licence and shown in its history).
     *
     * @throws IssuanceException.InvalidFields naming {@code caseNumber} and the refused code point
     */
    public static void checkCaseNumber(String caseNumber) {
        if (caseNumber == null) {
            return;
        }
        Optional<String> problem = caseNumber.codePointCount(0, caseNumber.length()) > MAX_CASE_NUMBER_LENGTH
                ? Optional.of("caseNumber has more than " + MAX_CASE_NUMBER_LENGTH + " characters")
                : PrintableText.check(caseNumber, PrintableText.Lines.ONE).map(u -> "caseNumber: " + u.message());
        if (problem.isPresent()) {
            throw new IssuanceException.InvalidFields(List.of(new FieldViolation("caseNumber", problem.get())));
        }
    }
}
