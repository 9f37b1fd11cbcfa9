package cn.zhengyin.licence.fieldreuse;

import java.util.List;

/**
 * A field-reuse request that is refused or malformed. The message states the reason and never a field value; the HTTP
 * adapter maps {@link Kind#REFUSED} to 403, {@link Kind#INVALID} to 400 and {@link Kind#NOT_FOUND} to 404.
 */
public final class FieldReuseException extends RuntimeException {

    public enum Kind {
        REFUSED,
        INVALID,
        NOT_FOUND,
        /** The licence is not in force (revoked, suspended, cancelled, expired): 409. */
        NOT_IN_FORCE
    }

    private final Kind kind;
    private final String slug;
    private final List<String> fieldsNotCovered;

    public FieldReuseException(Kind kind, String slug, String message) {
        this(kind, slug, message, List.of());
    }

    private FieldReuseException(Kind kind, String slug, String message, List<String> fieldsNotCovered) {
        super(message);
        this.kind = kind;
        this.slug = slug;
        this.fieldsNotCovered = List.copyOf(fieldsNotCovered);
    }

    public static FieldReuseException refused(String slug, String message) {
        return new FieldReuseException(Kind.REFUSED, slug, message);
    }

    /** A refusal because the basis does not cover these fields (keys only, never values). */
    public static FieldReuseException notCovered(String slug, String message, List<String> fields) {
        return new FieldReuseException(Kind.REFUSED, slug, message, fields);
    }

    /** A consent or use code for a licence that is not in force. */
    public static FieldReuseException notInForce(String root, String status) {
        return new FieldReuseException(
                Kind.NOT_IN_FORCE,
                "licence-not-in-force",
                "licence '" + root + "' is not in force (" + status + "): no consent or use code can be given for it");
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

    /** The field keys the basis does not cover; empty when the refusal is not about fields. */
    public List<String> fieldsNotCovered() {
        return fieldsNotCovered;
    }
}
