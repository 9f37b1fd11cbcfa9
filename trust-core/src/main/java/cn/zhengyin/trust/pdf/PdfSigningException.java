package cn.zhengyin.trust.pdf;

import cn.zhengyin.trust.TrustException;

/** Thrown when a PDF cannot be prepared for signing or a signature cannot be embedded (e.g. it does not fit). */
public class PdfSigningException extends TrustException {
    public PdfSigningException(String message) {
        super(message);
    }

    public PdfSigningException(String message, Throwable cause) {
        super(message, cause);
    }
}
