package cn.zhengyin.licence.share;

import cn.zhengyin.trust.TrustException;

/** A share cannot be made or changed; {@link #notFound()} when the licence or share is not the holder's. */
public final class ShareRefusedException extends TrustException {
    private final boolean notFound;

    public ShareRefusedException(String message) {
        this(message, false);
    }

    private ShareRefusedException(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    static ShareRefusedException notFound(String what) {
        return new ShareRefusedException("you hold nothing called '" + what + "'", true);
    }

    public boolean notFound() {
        return notFound;
    }
}
