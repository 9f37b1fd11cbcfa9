package cn.zhengyin.trust.crypto;

/** Thrown by {@link KeyCustody#signingKey(String)} when the custody holds no key with the requested identifier. */
public class KeyNotFoundException extends KeyCustodyException {
    public KeyNotFoundException(String message) {
        super(message);
    }
}
