package cn.zhengyin.licence.fieldreuse.internal;

import cn.zhengyin.licence.fieldreuse.UsageRecord;
import cn.zhengyin.licence.fieldreuse.UsageRecorded;
import cn.zhengyin.licence.fieldreuse.UsageRecords;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stores usage records and then tells {@code listener} ({@link UsageRecorded}); a listener's failure is only logged. */
final class PublishingUsageRecords implements UsageRecords {
    private static final Logger LOG = LoggerFactory.getLogger(PublishingUsageRecords.class);
    private final UsageRecords store;
    private final Consumer<UsageRecorded> listener;

    PublishingUsageRecords(UsageRecords store, Consumer<UsageRecorded> listener) {
        this.store = store;
        this.listener = listener;
    }

    @Override
    public void append(UsageRecord record) {
        store.append(record);
        try {
            listener.accept(new UsageRecorded(record));
        } catch (RuntimeException e) {
            LOG.warn("listener of usage record {} failed: {}", record.id(), e.toString());
        }
    }

    @Override
    public List<UsageRecord> byHolderCodes(Collection<String> holderCodes, Optional<String> licenceRoot, int limit) {
        return store.byHolderCodes(holderCodes, licenceRoot, limit);
    }

    @Override
    public List<UsageRecord> byTypeAndIssuer(String typeCode, String issuerCode, int limit) {
        return store.byTypeAndIssuer(typeCode, issuerCode, limit);
    }
}
