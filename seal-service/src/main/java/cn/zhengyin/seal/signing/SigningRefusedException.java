package cn.zhengyin.seal.signing;

import cn.zhengyin.trust.TrustException;

/** A signing request that the seal's state or authorisations do not allow. The message says why. */
public final class SigningRefusedException extends TrustException {
    public SigningRefusedException(String message) {
        super(message);
    }
}
