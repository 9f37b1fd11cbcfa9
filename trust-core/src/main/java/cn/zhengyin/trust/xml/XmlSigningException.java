package cn.zhengyin.trust.xml;

import cn.zhengyin.trust.TrustException;

/** An XML signature could not be prepared or completed; the message says what was wrong with the input. */
public final class XmlSigningException extends TrustException {
    public XmlSigningException(String message) {
        super(message);
    }

    public XmlSigningException(String message, Throwable cause) {
        super(message, cause);
    }
}
