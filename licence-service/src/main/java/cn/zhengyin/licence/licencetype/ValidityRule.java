package cn.zhengyin.licence.licencetype;

/** 有效期限范围: how long a licence of this type is valid. */
public sealed interface ValidityRule {

    /** Valid for a fixed number of years from the validity start (or issue date). */
    record FixedYears(int years) implements ValidityRule {}

    /** 长期: valid until revoked or cancelled. */
    record Indefinite() implements ValidityRule {}

    /**
     * Taken from the fields with roles {@link FieldRole#VALIDITY_START} and {@link FieldRole#VALIDITY_END}; an empty
     * end means 长期.
     */
    record FromFields() implements ValidityRule {}
}
