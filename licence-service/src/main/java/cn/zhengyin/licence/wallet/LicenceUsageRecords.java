package cn.zhengyin.licence.wallet;

import java.time.Instant;
import java.util.List;

/**
 * Port: records of third parties using a licence's data (field reuse, consents), shown on the wallet's licence page.
 * The field-reuse capability provides the implementation; without one the page says none are recorded.
 */
public interface LicenceUsageRecords {

    /**
     * @param party   who used the data (a department or company)
     * @param purpose what for
     * @param fields  which fields
     * @param consent the consent id, if a consent covers it (withdrawable in the wallet)
     */
    record UsageRecord(Instant at, String party, String purpose, List<String> fields, String consent) {
    }

    List<UsageRecord> about(String licenceRoot);
}
