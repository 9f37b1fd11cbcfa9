package cn.zhengyin.seal.signing;

import cn.zhengyin.trust.TrustException;

/** The bytes sent for an XML signature are not an acceptable canonical ds:SignedInfo. The message says which rule. */
public final class SignedInfoRejectedException extends TrustException {
    public SignedInfoRejectedException(String message) {
        super(message);
    }
}
