package cn.zhengyin.seal.lifecycle;

/** No seal has the requested id. */
public final class SealNotFoundException extends SealException {
    public SealNotFoundException(String sealId) {
        super("there is no seal with id '" + sealId + "'");
    }
}
