package cn.zhengyin.licence.share;

import cn.zhengyin.trust.TrustException;

/** A shared credential cannot be read or does not verify; the message says which rule failed. */
public final class InvalidCredentialException extends TrustException {
    public InvalidCredentialException(String message) {
        super(message);
    }
}
