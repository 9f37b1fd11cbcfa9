package cn.zhengyin.trust.timestamp;

import cn.zhengyin.trust.TrustException;

/** Thrown when a time-stamp cannot be obtained: the TSA refused, or its answer does not match the request. */
public class TimestampException extends TrustException {
    public TimestampException(String message) {
        super(message);
    }

    public TimestampException(String message, Throwable cause) {
        super(message, cause);
    }
}
