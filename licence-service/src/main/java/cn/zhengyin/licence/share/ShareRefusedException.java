package cn.zhengyin.licence.share;

import cn.zhengyin.trust.TrustException;

/** A share cannot be made or changed; {@link #notFound()} when the licence or share is not the holder's. */
public final class ShareRefusedException extends TrustException {
    private final boolean notFound;
    private final boolean notInForce;

    public ShareRefusedException(String message) {
        this(message, false, false);
    }

    private ShareRefusedException(String message, boolean notFound, boolean notInForce) {
        super(message);
        this.notFound = notFound;
        this.notInForce = notInForce;
    }

    /** The licence is revoked, suspended, cancelled or expired: nothing of it may be shown as if it were in force. */
    static ShareRefusedException notInForce(String root, String status) {
        return new ShareRefusedException(
                "licence '" + root + "' is not in force (" + status + "): it cannot be shared", false, true);
    }

    /** Whether the refusal is because the licence is not in force (409), rather than a bad request (400). */
    public boolean notInForce() {
        return notInForce;
    }

    static ShareRefusedException notFound(String what) {
        return new ShareRefusedException("you hold nothing called '" + what + "'", true, false);
    }

    public boolean notFound() {
        return notFound;
    }
}
