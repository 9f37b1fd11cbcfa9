package cn.zhengyin.trust.validation;

/** What a verifier does when no revocation information covers a certificate. */
public enum RevocationPolicy {
    /** Report the revocation check as NOT_CHECKED and let the signature pass on its other checks. */
    CHECK_IF_AVAILABLE,
    /** Fail closed: missing revocation information makes the signature INDETERMINATE / TRY_LATER. */
    REQUIRE
}
