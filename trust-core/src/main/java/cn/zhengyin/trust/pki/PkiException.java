package cn.zhengyin.trust.pki;

import cn.zhengyin.trust.TrustException;

/**
 * Thrown when a certificate, CRL or key store cannot be built, read or written: a JCA/Bouncy Castle failure, a
 * wrong PKCS#12 password, a declaration that breaks a PKI rule (e.g. a leaf outliving its issuer).
 */
public class PkiException extends TrustException {
    public PkiException(String message) {
        super(message);
    }

    public PkiException(String message, Throwable cause) {
        super(message, cause);
    }
}
