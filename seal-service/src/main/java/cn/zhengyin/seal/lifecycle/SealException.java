package cn.zhengyin.seal.lifecycle;

import cn.zhengyin.trust.TrustException;

/** Root of the seal lifecycle's domain exceptions. */
public abstract sealed class SealException extends TrustException
        permits IllegalSealTransitionException,
                SealValidationException,
                SealNotFoundException,
                ConcurrentSealUpdateException {
    protected SealException(String message) {
        super(message);
    }
}
