package cn.zhengyin.seal.sealing;

/** A sealing request (用印申请) cannot be changed as asked; {@link #kind()} says why. */
public final class SealingRequestException extends RuntimeException {
    public enum Kind {
        NOT_FOUND,
        /** the requester may not approve or reject their own request (四眼原则) */
        FOUR_EYES,
        /** only the requester may do this */
        NOT_REQUESTER,
        /** decided, expired or changed meanwhile */
        WRONG_STATE,
        /** bad input (the field is named) */
        INVALID
    }

    private final Kind kind;
    private final String field;

    public SealingRequestException(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    /** The form field the refusal is about, or empty. */
    public String field() {
        return field;
    }
}
