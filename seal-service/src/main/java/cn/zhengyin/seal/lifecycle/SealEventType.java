package cn.zhengyin.seal.lifecycle;

/** What happened to a seal. {@link #IMPORTED} is a pre-made seal taken over from configuration. */
public enum SealEventType {
    APPLIED,
    APPROVED,
    REJECTED,
    MADE,
    ISSUED,
    SUSPENDED,
    REINSTATED,
    REVOKED,
    DESTROYED,
    IMPORTED,
    /** An impression image from the seal image library was chosen (before making). */
    IMAGE_ATTACHED
}
