package cn.zhengyin.trust.crypto;

import cn.zhengyin.trust.TrustException;

/** Thrown when key custody cannot load a key or sign with it (bad keystore, wrong password, unsupported key). */
public class KeyCustodyException extends TrustException {
    public KeyCustodyException(String message) {
        super(message);
    }

    public KeyCustodyException(String message, Throwable cause) {
        super(message, cause);
    }
}
