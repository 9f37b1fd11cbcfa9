package cn.zhengyin.trust.validation;

/**
 * The headline answer a relying party acts on, combining the document's signatures (the ETSI indication) with the
 * licence's standing in its registry. Derived by {@link VerificationConclusion#derive}.
 */
public enum Conclusion {
    /** Authentic (every signature TOTAL_PASSED) and in force now. */
    VALID,
    /** Authentic, but the licence is revoked, suspended, cancelled, expired or superseded ({@link NotInForce}). */
    NOT_IN_FORCE,
    /** The signatures are proven invalid (TOTAL_FAILED): altered, forged, signed with a revoked certificate, … */
    FAILED,
    /** Neither proven valid nor invalid: unknown revocation status, no trusted chain, not this store's licence, … */
    INDETERMINATE
}
