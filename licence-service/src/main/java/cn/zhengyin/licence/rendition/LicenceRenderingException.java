package cn.zhengyin.licence.rendition;

import cn.zhengyin.trust.TrustException;

/**
 * Thrown when a licence cannot be drawn: a value the bundled font cannot print, a value that does not fit its field
 * type (validate with {@code FieldValidator} first), or a PDF library failure.
 */
public final class LicenceRenderingException extends TrustException {
    public LicenceRenderingException(String message) {
        super(message);
    }

    public LicenceRenderingException(String message, Throwable cause) {
        super(message, cause);
    }
}
