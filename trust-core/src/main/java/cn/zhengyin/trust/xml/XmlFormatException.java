package cn.zhengyin.trust.xml;

import cn.zhengyin.trust.TrustException;

/** The bytes are not acceptable XML: malformed, too large, or using a forbidden feature (DTD, entities, ...). */
public final class XmlFormatException extends TrustException {
    public XmlFormatException(String message) {
        super(message);
    }

    public XmlFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
