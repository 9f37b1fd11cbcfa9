package cn.zhengyin.licence.tokens;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets of secret checks, one per key (a claimed client id, a source address): a full bucket holds
 * {@code capacity} checks and one more comes back every {@code refill}. Keys whose bucket is full again are forgotten
 * when more than {@value #MAX_KEYS} are held; if that many are still being refused, a new key gets no check (fail
 * closed).
 */
final class AttemptBuckets {
    static final int MAX_KEYS = 10_000;

    private final int capacity;
    private final Duration refill;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Why a check was refused: how long until the next one, and whether this is the first refusal of a run. */
    record Refusal(Duration retryAfter, boolean first) {}

    private static final class Bucket {
        double checks;
        long at;
        boolean refusing;

        Bucket(double checks, long at) {
            this.checks = checks;
            this.at = at;
        }
    }

    AttemptBuckets(int capacity, Duration refill, Clock clock) {
        if (capacity < 1 || refill.isNegative() || refill.isZero()) {
            throw new IllegalArgumentException(
                    "a bucket needs at least one check and a positive refill time, got " + capacity + ", " + refill);
        }
        this.capacity = capacity;
        this.refill = refill;
        this.clock = clock;
    }

    /** Takes one check for the key, or says why not. */
    Optional<Refusal> take(String key) {
        long now = clock.millis();
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= MAX_KEYS) {
                buckets.values().removeIf(b -> {
                    synchronized (b) {
                        return refilled(b, now) >= capacity;
                    }
                });
                if (buckets.size() >= MAX_KEYS) {
                    return Optional.of(new Refusal(refill, false));
                }
            }
            bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
        }
        synchronized (bucket) {
            bucket.checks = refilled(bucket, now);
            bucket.at = now;
            if (bucket.checks >= 1) {
                bucket.checks -= 1;
                bucket.refusing = false;
                return Optional.empty();
            }
            boolean first = !bucket.refusing;
            bucket.refusing = true;
            long waitMillis = (long) Math.ceil((1 - bucket.checks) * refill.toMillis());
            return Optional.of(new Refusal(Duration.ofMillis(Math.max(1, waitMillis)), first));
        }
    }

    /** Gives a check back (the secret was right: only failures count). */
    void giveBack(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            synchronized (bucket) {
                bucket.checks = Math.min(capacity, bucket.checks + 1);
            }
        }
    }

    private double refilled(Bucket bucket, long now) {
        return Math.min(capacity, bucket.checks + (double) (now - bucket.at) / refill.toMillis());
    }
}
