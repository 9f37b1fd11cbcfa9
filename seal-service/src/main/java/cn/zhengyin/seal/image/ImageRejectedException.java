package cn.zhengyin.seal.image;

import cn.zhengyin.trust.TrustException;
import java.util.List;

/**
 * An uploaded file that the library refuses. {@link #reason()} says which rule it broke; for an unsafe SVG,
 * {@link #violations()} lists every offending node so the uploader can fix them all at once.
 */
public final class ImageRejectedException extends TrustException {

    /** Which upload rule was broken. */
    public enum Reason {
        /** Neither PNG nor SVG by its content (JPEG, GIF, PDF, text, a file renamed to .png …). */
        UNSUPPORTED_TYPE,
        /** Larger than {@link ImageUploadPolicy#MAX_BYTES}. */
        TOO_LARGE,
        /** Announces itself as PNG/SVG but is corrupt, or its dimensions are outside the limits. */
        INVALID_IMAGE,
        /** An SVG with content outside the sanitiser's allow-list (scripts, external references, DTDs …). */
        UNSAFE_SVG
    }

    /** One offending node: where it is ({@code /svg/g[1]/script}, {@code /svg/@onload}) and why it is refused. */
    public record Violation(String node, String problem) {}

    private final Reason reason;
    private final List<Violation> violations;

    public ImageRejectedException(Reason reason, String message) {
        this(reason, message, List.of());
    }

    public ImageRejectedException(Reason reason, String message, List<Violation> violations) {
        super(message);
        this.reason = reason;
        this.violations = List.copyOf(violations);
    }

    public Reason reason() {
        return reason;
    }

    public List<Violation> violations() {
        return violations;
    }
}
