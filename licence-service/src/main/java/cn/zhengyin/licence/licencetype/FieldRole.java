package cn.zhengyin.licence.licencetype;

/** The GB/T 36903 metadata element a field supplies. Each role is played by at most one field of a type. */
public enum FieldRole {
    /** 持证主体. */
    HOLDER_NAME,
    /** 持证主体代码. */
    HOLDER_CODE,
    /** 证照编号 (the number printed on the licence). */
    LICENCE_NUMBER,
    /** 证照有效期起始日期. */
    VALIDITY_START,
    /** 证照有效期截止日期 (empty = 长期). */
    VALIDITY_END,
    /** 证照颁发日期. */
    ISSUE_DATE,
    /** 证照颁发机构. */
    ISSUING_AUTHORITY
}
