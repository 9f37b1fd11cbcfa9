package cn.zhengyin.licence.issuance.internal;

import static com.mongodb.client.model.Filters.eq;

import cn.zhengyin.licence.issuance.IdempotencyStore;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/**
 * MongoDB adapter of {@link IdempotencyStore}: collection {@code idempotency_records}, one document per client and key
 * ({@code _id} = client + NUL + key). All transitions are single-document conditional updates.
 */
public final class MongoIdempotencyStore implements IdempotencyStore {
    private final MongoCollection<Document> records;

    public MongoIdempotencyStore(MongoDatabase database) {
        this.records = database.getCollection("idempotency_records");
    }

    private static String id(String client, String key) {
        return client + "\u0000" + key;
    }

    @Override
    public Claim claim(String client, String key, String requestHash, Instant now, Duration lease) {
        String id = id(client, key);
        try {
            records.insertOne(new Document("_id", id)
                    .append("client", client)
                    .append("key", key)
                    .append("requestHash", requestHash)
                    .append("state", "IN_PROGRESS")
                    .append("leaseUntil", Date.from(now.plus(lease)))
                    .append("createdAt", Date.from(now)));
            return new Started(Optional.empty());
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document existing = records.find(eq("_id", id)).first();
        if (existing == null) {
            return claim(client, key, requestHash, now, lease);
        }
        if (!requestHash.equals(existing.getString("requestHash"))) {
            return new Mismatch();
        }
        if ("COMPLETED".equals(existing.getString("state"))) {
            return new Completed(existing.getString("identifier"));
        }
        Document taken = records.findOneAndUpdate(
                Filters.and(eq("_id", id), eq("state", "IN_PROGRESS"), Filters.lt("leaseUntil", Date.from(now))),
                Updates.set("leaseUntil", Date.from(now.plus(lease))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (taken != null) {
            return new Started(Optional.ofNullable(taken.getString("identifier")));
        }
        Document again = records.find(eq("_id", id)).first();
        if (again != null && "COMPLETED".equals(again.getString("state"))) {
            return new Completed(again.getString("identifier"));
        }
        return new InProgress(again == null ? now : again.getDate("leaseUntil").toInstant());
    }

    @Override
    public String assignIdentifier(String client, String key, String identifier) {
        String id = id(client, key);
        // Bound by this call: nothing to read back (issue #18). Otherwise another attempt bound one first: read it.
        if (records.updateOne(Filters.and(eq("_id", id), eq("identifier", null)), Updates.set("identifier", identifier))
                        .getModifiedCount()
                == 1) {
            return identifier;
        }
        Document d = records.find(eq("_id", id)).first();
        return d == null || d.getString("identifier") == null ? identifier : d.getString("identifier");
    }

    @Override
    public void release(String client, String key) {
        String id = id(client, key);
        records.deleteOne(Filters.and(eq("_id", id), eq("state", "IN_PROGRESS"), eq("identifier", null)));
        records.updateOne(
                Filters.and(eq("_id", id), eq("state", "IN_PROGRESS")), Updates.set("leaseUntil", new Date(0L)));
    }

    @Override
    public void complete(String client, String key, String identifier, Instant now) {
        records.updateOne(
                eq("_id", id(client, key)),
                Updates.combine(
                        Updates.set("state", "COMPLETED"),
                        Updates.set("identifier", identifier),
                        Updates.set("completedAt", Date.from(now))));
    }
}
