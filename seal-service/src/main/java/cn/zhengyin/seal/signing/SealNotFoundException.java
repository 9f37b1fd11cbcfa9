package cn.zhengyin.seal.signing;

import cn.zhengyin.trust.TrustException;

/** No seal has the requested id. */
public final class SealNotFoundException extends TrustException {
    public SealNotFoundException(String sealId) {
        super("there is no seal with id '" + sealId + "'");
    }
}
