package cn.zhengyin.trust.validation;

/** Main status of a validation (ETSI EN 319 102-1 §5.1.3, table 4). */
public enum Indication {
    /** Every check passed. */
    TOTAL_PASSED,
    /** A check proved the signature invalid (altered, forged, revoked before signing, ...). */
    TOTAL_FAILED,
    /** The available information does not allow a verdict either way. */
    INDETERMINATE
}
