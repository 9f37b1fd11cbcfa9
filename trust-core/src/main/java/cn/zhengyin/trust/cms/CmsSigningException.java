package cn.zhengyin.trust.cms;

import cn.zhengyin.trust.TrustException;

/** Thrown when a CMS signature cannot be produced (unsupported key, bad digest, signing or time-stamping failed). */
public class CmsSigningException extends TrustException {
    public CmsSigningException(String message) {
        super(message);
    }

    public CmsSigningException(String message, Throwable cause) {
        super(message, cause);
    }
}
