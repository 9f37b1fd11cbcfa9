package cn.zhengyin.seal.lifecycle;

/** Invalid input for a seal: the field and what is wrong with it. */
public final class SealValidationException extends SealException {
    private final String field;

    public SealValidationException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
