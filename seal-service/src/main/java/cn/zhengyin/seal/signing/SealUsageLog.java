package cn.zhengyin.seal.signing;

import java.util.List;

/** Port: the append-only record of seal usages. */
public interface SealUsageLog {
    void record(SealUsage usage);

    /** The newest {@code limit} usages of a seal, newest first. */
    List<SealUsage> bySeal(String sealId, int limit);

    /** The newest {@code limit} usages of an organisation's seals, newest first. */
    List<SealUsage> byOrganisation(String uscc, int limit);
}
