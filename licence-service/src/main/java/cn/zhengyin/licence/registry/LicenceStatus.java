package cn.zhengyin.licence.registry;

/**
 * Status of a licence now. {@link #EXPIRED} is never stored: it is computed from the validity dates at the moment of
 * asking (see {@link Licence#statusAt(java.time.LocalDate)}).
 */
public enum LicenceStatus {
    /** 有效 */
    VALID,
    /** 暂扣 */
    SUSPENDED,
    /** 吊销 */
    REVOKED,
    /** 注销 */
    CANCELLED,
    /** 过期失效: past the end of validity. */
    EXPIRED
}
