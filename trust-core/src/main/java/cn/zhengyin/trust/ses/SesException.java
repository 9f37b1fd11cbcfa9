package cn.zhengyin.trust.ses;

import cn.zhengyin.trust.TrustException;

/** Thrown when a GB/T 38540 seal or seal signature cannot be made (wrong key algorithm, inconsistent request). */
public class SesException extends TrustException {
    public SesException(String message) {
        super(message);
    }

    public SesException(String message, Throwable cause) {
        super(message, cause);
    }
}
