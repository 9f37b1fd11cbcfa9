package cn.zhengyin.seal.signing.internal;

import cn.zhengyin.seal.signing.SealUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The usages recorded by the items of one signing batch ({@code POST /api/v1/signatures/batch}), written to the store
 * together when the batch's items are done and before it answers (issue #18): one insert of all of them and one list
 * update per seal, instead of an insert and a list rewrite per signature. {@link MongoSealUsageLog#record} adds to the
 * batch bound to the current thread ({@link #run}) instead of writing; {@link #write} writes what was added, and the
 * batch answers only if that succeeds, so every signature it returns is logged and listed, as with one request per
 * signature. The counters, log lines and audit events of {@link MonitoredSealUsageLog} and {@link AuditedSealUsageLog}
 * are still made as each usage is recorded.
 */
final class UsageBatch {
    private static final ThreadLocal<UsageBatch> CURRENT = new ThreadLocal<>();
    private final List<SealUsage> usages = new ArrayList<>();
    private MongoSealUsageLog log;

    /** Runs {@code work} (on this thread) with this batch receiving the usages it records. */
    <T> T run(Callable<T> work) throws Exception {
        UsageBatch outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.call();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** The batch of the work running on this thread, if any. */
    static UsageBatch current() {
        return CURRENT.get();
    }

    synchronized void add(MongoSealUsageLog to, SealUsage usage) {
        if (log != null && log != to) {
            throw new IllegalStateException("one batch's usages go to one usage log");
        }
        log = to;
        usages.add(usage);
    }

    /** How many usages wait to be written. */
    synchronized int size() {
        return usages.size();
    }

    /** Writes the usages recorded so far (none: nothing); they are durable, and listed, when this returns. */
    synchronized void write() {
        if (usages.isEmpty()) {
            return;
        }
        List<SealUsage> pending = List.copyOf(usages);
        usages.clear();
        log.store(pending);
    }
}
