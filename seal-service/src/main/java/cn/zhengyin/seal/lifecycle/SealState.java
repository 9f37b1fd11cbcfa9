package cn.zhengyin.seal.lifecycle;

/**
 * Where a seal is in its life. {@link #EXPIRED} is never stored: a seal whose validity has ended is reported EXPIRED
 * while its stored state is MADE, ISSUED or SUSPENDED.
 */
public enum SealState {
    APPLIED,
    APPROVED,
    REJECTED,
    MADE,
    /** Active: may sign. */
    ISSUED,
    /** Reported lost (挂失): certificates on hold. */
    SUSPENDED,
    /** Cancelled (注销): certificates revoked. */
    REVOKED,
    /** Keys destroyed in custody; certificates stay published so old signatures still verify. */
    DESTROYED,
    EXPIRED
}
