package cn.zhengyin.licence.issuance;

import cn.zhengyin.licence.authority.IssuingAuthority;
import cn.zhengyin.licence.licencetype.FieldRole;
import cn.zhengyin.licence.licencetype.FieldValidator;
import cn.zhengyin.licence.licencetype.FieldViolation;
import cn.zhengyin.licence.licencetype.LicenceType;
import cn.zhengyin.licence.licencetype.ValidityDates;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
}
