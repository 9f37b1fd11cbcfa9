package cn.zhengyin.licence.issuance.internal;

import static com.mongodb.client.model.Filters.eq;

import cn.zhengyin.licence.issuance.SerialNumberSource;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.Locale;
import org.bson.Document;

/**
 * Serials from a counter document per type, issuer and year in {@code counters}, advanced by compare-and-set: read the
 * value, then {@code updateOne({_id, value: v}, {$set: {value: v + 1}})}; only the caller whose update matched owns
 * {@code v + 1}, everyone else reads again. A single-document conditional update is atomic on every MongoDB topology
 * and on the embedded server — whose {@code findAndModify} was seen to return the same incremented value to two
 * concurrent callers, which is why the idiomatic {@code $inc} with {@code returnDocument: AFTER} is not used.
 * Format: the year and a 7-digit sequence, e.g. {@code 20260000042}; after 9,999,999 in a year it grows longer.
 */
public final class MongoSerialNumberSource implements SerialNumberSource {
    private static final int MAX_ATTEMPTS = 1000;
    private final MongoCollection<Document> counters;
    /** Per counter, the highest value this source has set or created: the next compare-and-set's first guess. */
    private final java.util.concurrent.ConcurrentHashMap<String, Long> lastSeen =
            new java.util.concurrent.ConcurrentHashMap<>();

    public MongoSerialNumberSource(MongoDatabase database) {
        this.counters = database.getCollection("counters");
    }

    @Override
    public synchronized String next(String typeCode, String issuerCode, int year) {
        String id = "serial:" + typeCode + ":" + issuerCode + ":" + year;
        // The value this source last saw: usually still the counter's (one instance issues, and this method is
        // synchronized so the process's own callers never race each other's guesses), so the compare-and-set is tried
        // without reading first (issue #18: one command per serial instead of two). A stale guess (another instance
        // took serials) only fails the update, and the loop below reads the counter as before.
        Long guess = lastSeen.get(id);
        if (guess != null && advance(id, guess)) {
            return format(year, guess + 1);
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Document counter = counters.find(eq("_id", id)).first();
            if (counter == null) {
                try {
                    counters.insertOne(new Document("_id", id).append("value", 1L));
                    lastSeen.merge(id, 1L, Math::max);
                    return format(year, 1L);
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    continue; // another caller created it first: read again
                }
            }
            long current = ((Number) counter.get("value")).longValue();
            if (advance(id, current)) {
                return format(year, current + 1);
            }
        }
        throw new IllegalStateException("could not allocate a serial for " + id + " after " + MAX_ATTEMPTS
                + " attempts: the counter is too contended");
    }

    /** Moves the counter from {@code current} to {@code current + 1}; true if this call did (it owns the new value). */
    private boolean advance(String id, long current) {
        boolean owned =
                counters.updateOne(Filters.and(eq("_id", id), eq("value", current)), Updates.set("value", current + 1))
                                .getModifiedCount()
                        == 1;
        if (owned) {
            lastSeen.merge(id, current + 1, Math::max);
        }
        return owned;
    }

    private static String format(int year, long value) {
        return year + String.format(Locale.ROOT, "%07d", value);
    }
}
