package cn.zhengyin.trust.validation;

/** Outcome of one check. */
public enum Outcome {
    PASSED,
    FAILED,
    /** The check could not be made (missing input, or a previous check failed); reported, never silently skipped. */
    NOT_CHECKED,
    /** The check passed with a reservation the reader should see. */
    WARNING
}
