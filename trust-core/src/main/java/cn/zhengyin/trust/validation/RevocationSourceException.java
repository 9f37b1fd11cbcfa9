package cn.zhengyin.trust.validation;

import cn.zhengyin.trust.TrustException;

/** A revocation source named by a certificate could not be read (unreachable, too large, not a CRL). */
public class RevocationSourceException extends TrustException {
    public RevocationSourceException(String message) {
        super(message);
    }

    public RevocationSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
