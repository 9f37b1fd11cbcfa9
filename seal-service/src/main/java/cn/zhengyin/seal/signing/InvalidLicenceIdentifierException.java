package cn.zhengyin.seal.signing;

import cn.zhengyin.trust.TrustException;

/** The licence identifier of a signing request is not a GB/T 36904 identifier. The message says what is wrong. */
public final class InvalidLicenceIdentifierException extends TrustException {
    public InvalidLicenceIdentifierException(String message) {
        super(message);
    }
}
