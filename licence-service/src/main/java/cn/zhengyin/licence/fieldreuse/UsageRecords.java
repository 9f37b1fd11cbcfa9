package cn.zhengyin.licence.fieldreuse;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Port: the usage records (用证记录), insert only. */
public interface UsageRecords {

    void append(UsageRecord record);

    /** Records about licences held by any of these codes, optionally of one licence root; newest first. */
    List<UsageRecord> byHolderCodes(Collection<String> holderCodes, Optional<String> licenceRoot, int limit);

    /** Records about licences of one type issued by one authority; newest first. */
    List<UsageRecord> byTypeAndIssuer(String typeCode, String issuerCode, int limit);
}
