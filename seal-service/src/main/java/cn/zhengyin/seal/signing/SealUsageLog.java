package cn.zhengyin.seal.signing;

/** Port: the append-only record of seal usages. */
public interface SealUsageLog {
    void record(SealUsage usage);
}
