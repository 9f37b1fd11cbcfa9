package cn.zhengyin.licence.licencetype;

import java.util.Arrays;
import java.util.Optional;

/**
 * 持证主体代码类型, code list of GB/T 36903-2018 Annex A. Only the two codes verified in STANDARDS.md §1.3 are listed;
 * add others once the full Annex A table is at hand.
 */
public enum HolderCodeType {
    UNIFIED_SOCIAL_CREDIT_CODE("001", "统一社会信用代码", FieldType.USCC),
    CITIZEN_IDENTITY_NUMBER("111", "公民身份号码", FieldType.CITIZEN_ID);

    private final String code;
    private final String label;
    private final FieldType fieldType;

    HolderCodeType(String code, String label, FieldType fieldType) {
        this.code = code;
        this.label = label;
        this.fieldType = fieldType;
    }

    /** The Annex A code, e.g. {@code 001}. */
    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** The field type the holder-code field must have. */
    public FieldType fieldType() {
        return fieldType;
    }

    public static Optional<HolderCodeType> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
