package cn.zhengyin.seal.sealing.internal;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;

import cn.zhengyin.seal.sealing.DocumentSealingService.Format;
import cn.zhengyin.seal.sealing.SealingRequest;
import cn.zhengyin.seal.sealing.SealingRequest.State;
import cn.zhengyin.seal.sealing.SealingRequestStore;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

/**
 * {@link SealingRequestStore} in the {@code sealing_requests} collection: one document per request with the uploaded
 * document ({@code document}, binary) and the sealed file ({@code sealed}) while they are kept. Every change is one
 * {@code findOneAndUpdate} conditional on the request's id, state and expiry (no transactions). A MongoDB document
 * holds at most 16 MiB, so a request keeps at most {@code zhengyin.sealing.requests.max-bytes} (default 7 MiB: the
 * sealed file is about as large again).
 */
final class MongoSealingRequestStore implements SealingRequestStore {
    private final MongoCollection<Document> requests;

    MongoSealingRequestStore(MongoDatabase database) {
        this.requests = database.getCollection("sealing_requests");
    }

    @Override
    public void insert(SealingRequest request, byte[] document) {
        requests.insertOne(toDocument(request).append("document", new Binary(document)));
    }

    @Override
    public Optional<SealingRequest> find(String id) {
        return Optional.ofNullable(requests.find(eq("_id", id))
                        .projection(Projections.exclude("document", "sealed"))
                        .first())
                .map(MongoSealingRequestStore::fromDocument);
    }

    @Override
    public Optional<byte[]> document(String id) {
        return bytes(id, "document");
    }

    @Override
    public Optional<byte[]> sealed(String id) {
        return bytes(id, "sealed");
    }

    private Optional<byte[]> bytes(String id, String field) {
        Document d = requests.find(eq("_id", id))
                .projection(Projections.include(field))
                .first();
        return d == null || d.get(field) == null
                ? Optional.empty()
                : Optional.of(d.get(field, Binary.class).getData());
    }

    @Override
    public Optional<byte[]> transition(
            String id, State from, Instant now, SealingRequest updated, boolean dropDocument, byte[] sealed) {
        List<Bson> changes = new ArrayList<>();
        toDocument(updated).forEach((k, v) -> {
            if (!"_id".equals(k)) {
                changes.add(Updates.set(k, v));
            }
        });
        if (dropDocument) {
            changes.add(Updates.unset("document"));
        }
        if (sealed != null) {
            changes.add(Updates.set("sealed", new Binary(sealed)));
        }
        Document before = requests.findOneAndUpdate(
                and(eq("_id", id), eq("state", from.name()), gt("expiresAt", Date.from(now))),
                Updates.combine(changes),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
        if (before == null) {
            return Optional.empty();
        }
        Binary document = before.get("document", Binary.class);
        return Optional.of(document == null ? new byte[0] : document.getData());
    }

    @Override
    public List<SealingRequest> byRequester(String requester, int limit) {
        return list(eq("requester", requester), Sorts.descending("createdAt"), limit);
    }

    @Override
    public List<SealingRequest> pending(int limit) {
        return list(eq("state", State.PENDING.name()), Sorts.ascending("createdAt"), limit);
    }

    private List<SealingRequest> list(Bson filter, Bson sort, int limit) {
        List<SealingRequest> out = new ArrayList<>();
        requests.find(filter)
                .projection(Projections.exclude("document", "sealed"))
                .sort(sort)
                .limit(limit)
                .forEach(d -> out.add(fromDocument(d)));
        return out;
    }

    @Override
    public long expire(Instant now) {
        return requests.updateMany(
                        and(
                                in("state", State.DRAFT.name(), State.PENDING.name(), State.SEALED.name()),
                                lte("expiresAt", Date.from(now))),
                        Updates.combine(
                                Updates.set("state", State.EXPIRED.name()),
                                Updates.unset("document"),
                                Updates.unset("sealed")))
                .getModifiedCount();
    }

    static Document toDocument(SealingRequest r) {
        return new Document("_id", r.id())
                .append("requester", r.requester())
                .append("sealId", r.sealId())
                .append("category", r.category())
                .append("caseNumber", r.caseNumber())
                .append("placementKind", r.placementKind())
                .append("page", r.page())
                .append("x", r.xMm())
                .append("y", r.yMm())
                .append("keyword", r.keyword())
                .append("occurrence", r.occurrence())
                .append("sizeMm", r.sizeMm())
                .append("format", r.format().name())
                .append("documentSha256", r.documentSha256())
                .append("pages", r.pages())
                .append("positions", r.positions())
                .append("approvalRequired", r.approvalRequired())
                .append("state", r.state().name())
                .append("createdAt", Date.from(r.createdAt()))
                .append("expiresAt", Date.from(r.expiresAt()))
                .append("decidedBy", r.decidedBy())
                .append("decidedAt", r.decidedAt().map(Date::from).orElse(null))
                .append("decisionReason", r.decisionReason());
    }

    static SealingRequest fromDocument(Document d) {
        Date decided = d.getDate("decidedAt");
        return new SealingRequest(
                d.getString("_id"),
                d.getString("requester"),
                d.getString("sealId"),
                d.getString("category"),
                d.getString("caseNumber"),
                d.getString("placementKind"),
                d.getInteger("page", 1),
                d.getDouble("x"),
                d.getDouble("y"),
                d.getString("keyword"),
                d.getInteger("occurrence", 1),
                d.getDouble("sizeMm"),
                Format.valueOf(d.getString("format")),
                d.getString("documentSha256"),
                d.getInteger("pages", 0),
                d.getString("positions"),
                d.getBoolean("approvalRequired", false),
                State.valueOf(d.getString("state")),
                d.getDate("createdAt").toInstant(),
                d.getDate("expiresAt").toInstant(),
                d.getString("decidedBy"),
                Optional.ofNullable(decided).map(Date::toInstant),
                d.getString("decisionReason"));
    }
}
