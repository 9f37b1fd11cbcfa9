package cn.zhengyin.licence.wallet;

import cn.zhengyin.licence.holder.Holder;
import java.time.Instant;
import java.util.List;

/**
 * Port: records of third parties using a licence's data (用证记录: field reads, use-code redemptions, annotated copies,
 * verifications), shown on the wallet's licence page. Field reuse provides the implementation; without one the page
 * says that none are recorded.
 */
public interface LicenceUsageRecords {

    /**
     * @param party       who used the data (a department or company), by its registered name
     * @param kind        what happened: {@code FIELD_READ}, {@code USE_CODE_REDEMPTION}, {@code ANNOTATED_COPY} or
     *                    {@code VERIFICATION}
     * @param fields      which fields were released (empty for a copy or a verification)
     * @param purpose     用证事由
     * @param caseNumber  办件编号, empty if none
     * @param serviceItem 事项编码 of a read by duty, empty otherwise
     * @param basis       the consent id, {@code use-code}, {@code duty:<service item>} or {@code verification}
     */
    record UsageRecord(
            Instant at,
            String party,
            String kind,
            List<String> fields,
            String purpose,
            String caseNumber,
            String serviceItem,
            String basis) {
        public UsageRecord {
            fields = List.copyOf(fields);
        }
    }

    /** The records about a licence the holder holds, newest first; empty for a licence they do not hold. */
    List<UsageRecord> about(Holder holder, String licenceRoot);
}
