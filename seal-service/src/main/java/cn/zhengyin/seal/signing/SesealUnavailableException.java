package cn.zhengyin.seal.signing;

import cn.zhengyin.trust.TrustException;

/** An SES signing request with a seal that has no GB/T 38540 SESeal (or no SM2 key). The message says why. */
public final class SesealUnavailableException extends TrustException {
    public SesealUnavailableException(String message) {
        super(message);
    }
}
