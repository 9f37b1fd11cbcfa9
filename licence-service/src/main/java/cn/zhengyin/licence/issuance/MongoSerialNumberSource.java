package cn.zhengyin.licence.issuance;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import static com.mongodb.client.model.Filters.eq;

/**
 * Serials from an atomic counter document per type, issuer and year in {@code counters} ({@code $inc} on one document
 * is atomic on every MongoDB topology). Format: the year and a 7-digit sequence, e.g. {@code 20260000042}; after
 * 9,999,999 in a year the sequence simply grows longer.
 *
 * <p>{@link #next} is also serialised within the JVM: the embedded store (mongo-java-server) does not make
 * {@code findOneAndUpdate} atomic against concurrent callers, and the crash test saw three concurrent issuances get
 * the same serial. On a real MongoDB the {@code $inc} alone is atomic across instances.
 */
public final class MongoSerialNumberSource implements SerialNumberSource {
    private final MongoCollection<Document> counters;

    public MongoSerialNumberSource(MongoDatabase database) {
        this.counters = database.getCollection("counters");
    }

    @Override
    public synchronized String next(String typeCode, String issuerCode, int year) {
        String id = "serial:" + typeCode + ":" + issuerCode + ":" + year;
        FindOneAndUpdateOptions options = new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER);
        for (int attempt = 0; ; attempt++) {
            try {
                Document counter = counters.findOneAndUpdate(eq("_id", id), Updates.inc("value", 1L), options);
                long value = ((Number) counter.get("value")).longValue();
                return year + String.format("%07d", value);
            } catch (MongoCommandException | MongoWriteException e) {
                // Two first-ever upserts can race on the unique _id; the loser retries and increments the winner's.
                if (attempt >= 2 || !isDuplicateKey(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean isDuplicateKey(RuntimeException e) {
        if (e instanceof MongoWriteException w) {
            return w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        return ((MongoCommandException) e).getErrorCode() == 11000;
    }
}
