package cn.zhengyin.licence.licencetype;

/** Value type of a licence field. */
public enum FieldType {
    /** Free text. */
    TEXT,
    /** ISO-8601 calendar date {@code yyyy-MM-dd}. */
    DATE,
    /** One of the field's enumerated values. */
    ENUM,
    /** A decimal number. */
    NUMBER,
    /** 统一社会信用代码, GB 32100-2015. */
    USCC,
    /** 公民身份号码, GB 11643-1999. */
    CITIZEN_ID
}
