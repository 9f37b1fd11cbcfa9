package cn.zhengyin.licence.licencetype;

/** 持证主体类别. */
public enum HolderCategory {
    /** 法人和其他组织, identified by a unified social credit code. */
    LEGAL_PERSON,
    /** 自然人, identified by a citizen identity number. */
    NATURAL_PERSON
}
