package cn.zhengyin.licence.fieldreuse;

/**
 * A field-reuse request that is refused or malformed. The message states the reason and never a field value; the HTTP
 * adapter maps {@link Kind#REFUSED} to 403, {@link Kind#INVALID} to 400 and {@link Kind#NOT_FOUND} to 404.
 */
public final class FieldReuseException extends RuntimeException {

    public enum Kind {
        REFUSED,
        INVALID,
        NOT_FOUND
    }

    private final Kind kind;
    private final String slug;

    public FieldReuseException(Kind kind, String slug, String message) {
        super(message);
        this.kind = kind;
        this.slug = slug;
    }

    public static FieldReuseException refused(String slug, String message) {
        return new FieldReuseException(Kind.REFUSED, slug, message);
    }

    public static FieldReuseException invalid(String message) {
        return new FieldReuseException(Kind.INVALID, "invalid-request", message);
    }

    public Kind kind() {
        return kind;
    }

    /** Stable problem type slug, e.g. {@code no-consent}. */
    public String slug() {
        return slug;
    }
}
