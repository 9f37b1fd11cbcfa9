package cn.zhengyin.trust.translog;

import cn.zhengyin.trust.TrustException;

/** A transparency-log request or datum that breaks the log's rules (out-of-range sizes, malformed hashes, …). */
public class TransparencyLogException extends TrustException {
    public TransparencyLogException(String message) {
        super(message);
    }

    public TransparencyLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
