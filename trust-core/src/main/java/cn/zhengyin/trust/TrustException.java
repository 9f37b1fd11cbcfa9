package cn.zhengyin.trust;
/** Root of Zhengyin's trust-domain exceptions. Unchecked; messages state the observed value, the rule and the fix. */
public class TrustException extends RuntimeException {
    public TrustException(String message) {
        super(message);
    }

    public TrustException(String message, Throwable cause) {
        super(message, cause);
    }
}
