package cn.zhengyin.licence.licencetype.internal;

import cn.zhengyin.licence.licencetype.FieldDefinition;
import cn.zhengyin.licence.licencetype.HolderCategory;
import cn.zhengyin.licence.licencetype.LicenceType;
import cn.zhengyin.licence.licencetype.LicenceTypeDescriptor;
import cn.zhengyin.licence.licencetype.ValidityRule;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One catalogue entry (证照目录, GB/T 36902) as the API shows it. Property names are the catalogue element names of
 * STANDARDS.md §1.2 in lowerCamelCase ({@code CertificateTypeName} → {@code certificateTypeName}).
 *
 * @param certificateTypeName               证照类型名称
 * @param certificateTypeNameEn             English name
 * @param certificateTypeCode               证照类型代码 (21 characters, GB/T 36904)
 * @param slug                              template folder name, accepted in place of the code
 * @param certificateDefineAuthorityName    证照定义机构
 * @param certificateDefineAuthorityCode    证照定义机构代码 (unified social credit code)
 * @param certificateDefineAuthorityLevel   证照定义机构级别 (国家级 …)
 * @param itemName                          关联事项名称
 * @param itemCode                          关联事项代码
 * @param certificateHolderCategory         持证主体类别 (自然人 / 法人和其他组织)
 * @param certificateHolderCategoryCode     the same as a constant: NATURAL_PERSON / LEGAL_PERSON
 * @param certificateHolderTypeCode         持证主体代码类型代码 (GB/T 36903 Annex A, e.g. 001)
 * @param certificateHolderTypeName         持证主体代码类型 (e.g. 统一社会信用代码)
 * @param validityRange                     有效期限范围: {@code 5年}, {@code 长期} or {@code 见证照} (printed per licence)
 * @param validityKind                      FIXED_YEARS, INDEFINITE or FROM_FIELDS
 * @param sealType                          seal type that signs it ({@code 01} or the purpose of a 业务专用章)
 * @param fields                            the field schema, in order
 */
public record LicenceTypeView(
        String certificateTypeName,
        String certificateTypeNameEn,
        String certificateTypeCode,
        String slug,
        String certificateDefineAuthorityName,
        String certificateDefineAuthorityCode,
        String certificateDefineAuthorityLevel,
        String itemName,
        String itemCode,
        String certificateHolderCategory,
        String certificateHolderCategoryCode,
        String certificateHolderTypeCode,
        String certificateHolderTypeName,
        String validityRange,
        String validityKind,
        String sealType,
        List<FieldView> fields) {

    /**
     * One field of the schema. Constraints that do not apply to the field's type are left out of the JSON.
     *
     * @param key         JSON key of the value in issuance requests and licence views
     * @param labelZh     Chinese label (printed)
     * @param labelEn     English label
     * @param type        TEXT, DATE, ENUM, NUMBER, USCC or CITIZEN_ID
     * @param required    whether issuance requires a value
     * @param sensitivity PUBLIC, RESTRICTED or SENSITIVE
     * @param role        metadata element the field supplies (HOLDER_NAME …), if any
     * @param maxLength   TEXT: most characters
     * @param pattern     TEXT: regular expression the value must match
     * @param enumValues  ENUM: the allowed values
     * @param minDate     DATE: earliest date
     * @param maxDate     DATE: latest date
     * @param minNumber   NUMBER: smallest value
     * @param maxNumber   NUMBER: largest value
     * @param emptyText   what the licence prints when the value is empty (e.g. 长期)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldView(
            String key,
            String labelZh,
            String labelEn,
            String type,
            boolean required,
            String sensitivity,
            String role,
            Integer maxLength,
            String pattern,
            List<String> enumValues,
            LocalDate minDate,
            LocalDate maxDate,
            BigDecimal minNumber,
            BigDecimal maxNumber,
            String emptyText) {

        static FieldView of(FieldDefinition f) {
            boolean date = f.type() == cn.zhengyin.licence.licencetype.FieldType.DATE;
            return new FieldView(
                    f.key(),
                    f.labelZh(),
                    f.labelEn(),
                    f.type().name(),
                    f.required(),
                    f.sensitivity().name(),
                    f.role().map(Enum::name).orElse(null),
                    f.maxLength().isPresent() ? f.maxLength().getAsInt() : null,
                    f.pattern().map(Pattern::pattern).orElse(null),
                    f.enumValues().isEmpty() ? null : f.enumValues(),
                    date ? f.effectiveMinDate() : null,
                    date ? f.effectiveMaxDate() : null,
                    f.minNumber().orElse(null),
                    f.maxNumber().orElse(null),
                    f.emptyText().orElse(null));
        }
    }

    private static final Map<HolderCategory, String> CATEGORY_LABELS =
            Map.of(HolderCategory.NATURAL_PERSON, "自然人", HolderCategory.LEGAL_PERSON, "法人和其他组织");

    public static LicenceTypeView of(LicenceType type) {
        LicenceTypeDescriptor d = type.descriptor();
        return new LicenceTypeView(
                d.name(),
                d.nameEn(),
                d.typeCode(),
                type.slug(),
                d.definingAuthority().name(),
                d.definingAuthority().code(),
                d.definingAuthority().level().label(),
                d.serviceItem().name(),
                d.serviceItem().code(),
                CATEGORY_LABELS.get(d.holderCategory()),
                d.holderCategory().name(),
                d.holderCodeType().code(),
                d.holderCodeType().label(),
                validityRange(d.validity()),
                validityKind(d.validity()),
                d.sealType(),
                type.fields().stream().map(FieldView::of).toList());
    }

    /** 有效期限范围 as catalogues write it. */
    static String validityRange(ValidityRule rule) {
        return switch (rule) {
            case ValidityRule.FixedYears fixed -> fixed.years() + "年";
            case ValidityRule.Indefinite indefinite -> "长期";
            case ValidityRule.FromFields fromFields -> "见证照";
        };
    }

    private static String validityKind(ValidityRule rule) {
        return switch (rule) {
            case ValidityRule.FixedYears fixed -> "FIXED_YEARS";
            case ValidityRule.Indefinite indefinite -> "INDEFINITE";
            case ValidityRule.FromFields fromFields -> "FROM_FIELDS";
        };
    }
}
