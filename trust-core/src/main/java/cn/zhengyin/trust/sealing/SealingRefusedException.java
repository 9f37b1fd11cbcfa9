package cn.zhengyin.trust.sealing;

import cn.zhengyin.trust.TrustException;
import java.util.Objects;

/** A document that cannot be sealed as asked; thrown before anything is signed. */
public final class SealingRefusedException extends TrustException {

    /** Why: one problem type per reason at the API. */
    public enum Reason {
        /** Not a PDF or OFD this service can read. */
        NOT_A_DOCUMENT,
        /** An encrypted (password-protected) PDF. */
        ENCRYPTED,
        /** A certified PDF whose DocMDP permissions forbid any change (P=1). */
        NO_CHANGES_ALLOWED,
        /** JavaScript, embedded files or an XFA form: refused, not flattened. */
        ACTIVE_CONTENT,
        /** Larger than the size limit. */
        TOO_LARGE,
        /** More pages than the page limit. */
        TOO_MANY_PAGES,
        /** The keyword is not in the text (or not that often). */
        KEYWORD_NOT_FOUND,
        /** The seal would not lie wholly on the page, or the page does not exist. */
        OFF_PAGE,
        /** A placement this format or document cannot take (a cross-page seal on one page, a second OFD seal). */
        UNSUPPORTED_PLACEMENT
    }

    private final Reason reason;

    public SealingRefusedException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
