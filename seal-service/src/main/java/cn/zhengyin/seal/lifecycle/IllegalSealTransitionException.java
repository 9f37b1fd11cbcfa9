package cn.zhengyin.seal.lifecycle;

/** A transition the seal's current state (or the four-eyes rule) does not allow; the message says why. */
public final class IllegalSealTransitionException extends SealException {
    private final boolean fourEyes;

    IllegalSealTransitionException(String message, boolean fourEyes) {
        super(message);
        this.fourEyes = fourEyes;
    }

    /** True if the approver is the applicant (four-eyes rule), false for a state conflict. */
    public boolean fourEyes() {
        return fourEyes;
    }
}
