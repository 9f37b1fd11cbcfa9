package cn.zhengyin.trust.trustlist;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers the highest trust list sequence number accepted, for rollback protection. A service that must resist
 * rollback across restarts keeps it in its store; {@link #inMemory()} protects within one process.
 */
public interface AcceptedSequence {

    OptionalLong highest();

    void accepted(long sequenceNumber);

    static AcceptedSequence inMemory() {
        AtomicLong highest = new AtomicLong(0);
        return new AcceptedSequence() {
            @Override
            public OptionalLong highest() {
                long value = highest.get();
                return value == 0 ? OptionalLong.empty() : OptionalLong.of(value);
            }

            @Override
            public void accepted(long sequenceNumber) {
                highest.accumulateAndGet(sequenceNumber, Math::max);
            }
        };
    }
}
