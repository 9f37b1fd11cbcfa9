package cn.zhengyin.trust.trustlist;

import cn.zhengyin.trust.TrustException;
import java.util.Objects;

/** A trust list cannot be used: the {@link Reason} says why, the message says what to do. */
public final class TrustListException extends TrustException {

    /** Why a list was refused or is not available. */
    public enum Reason {
        /** Not well-formed, not the expected structure, or a value out of range (bad input). */
        MALFORMED,
        /** The list carries no signature. */
        UNSIGNED,
        /** The signature does not verify (changed content, wrong key, disallowed signature shape). */
        SIGNATURE_INVALID,
        /** The signature verifies, but its signer is neither the pinned list signer nor chains to a list anchor. */
        SIGNER_NOT_TRUSTED,
        /** The list's nextUpdate has passed (or it claims to be issued in the future): stale lists fail closed. */
        STALE,
        /** A lower sequence number than the list accepted before (rollback). */
        ROLLBACK,
        /** The configured location is not allowed (not a file and not on the URL allow-list); nothing was fetched. */
        LOCATION_NOT_ALLOWED,
        /** The list could not be read or fetched. */
        UNAVAILABLE
    }

    private final Reason reason;

    public TrustListException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public TrustListException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    /** True for faults of the input itself (a CLI exits 2, an API answers 4xx), false for a list that is invalid. */
    public boolean isBadInput() {
        return reason == Reason.MALFORMED || reason == Reason.LOCATION_NOT_ALLOWED || reason == Reason.UNAVAILABLE;
    }
}
