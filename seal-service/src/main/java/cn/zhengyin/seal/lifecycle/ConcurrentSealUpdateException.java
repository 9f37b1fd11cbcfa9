package cn.zhengyin.seal.lifecycle;

/** The seal changed between reading and writing it (optimistic revision check failed); retry with a fresh read. */
public final class ConcurrentSealUpdateException extends SealException {
    public ConcurrentSealUpdateException(String sealId, long expectedRevision) {
        super("seal " + sealId + " was changed by someone else (expected revision " + expectedRevision
                + "); read it again and retry");
    }
}
