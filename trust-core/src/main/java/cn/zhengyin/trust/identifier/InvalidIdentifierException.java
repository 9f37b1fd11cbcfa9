package cn.zhengyin.trust.identifier;

import cn.zhengyin.trust.TrustException;

/** Thrown when a licence identifier, unified social credit code or citizen identity number is malformed or fails its check. */
public final class InvalidIdentifierException extends TrustException {
    public InvalidIdentifierException(String message) {
        super(message);
    }
}
