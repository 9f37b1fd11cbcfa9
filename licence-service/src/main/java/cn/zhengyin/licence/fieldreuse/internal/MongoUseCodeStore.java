package cn.zhengyin.licence.fieldreuse.internal;

import static com.mongodb.client.model.Filters.eq;

import cn.zhengyin.licence.fieldreuse.UseCode;
import cn.zhengyin.licence.fieldreuse.UseCodeStore;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/**
 * {@link UseCodeStore} in the {@code use_codes} collection: _id = SHA-256 of the code (the code itself is never
 * stored). A redemption is one {@code findOneAndUpdate} whose filter holds every condition, so of two concurrent
 * redemptions exactly one matches.
 */
public final class MongoUseCodeStore implements UseCodeStore {
    private final MongoCollection<Document> codes;

    public MongoUseCodeStore(MongoDatabase database) {
        this.codes = database.getCollection("use_codes");
    }

    @Override
    public void save(UseCode c) {
        codes.insertOne(new Document("_id", c.codeHash())
                .append("licenceRoot", c.licenceRoot())
                .append("typeCode", c.typeCode())
                .append("holderCode", c.holderCode())
                .append("createdBy", c.createdBy())
                .append("clientId", c.clientId().orElse(null))
                .append("fields", c.fields())
                .append("purpose", c.purpose())
                .append("createdAt", Date.from(c.createdAt()))
                .append("expiresAt", Date.from(c.expiresAt()))
                .append("redeemedAt", null)
                .append("redeemedBy", null));
    }

    @Override
    public Optional<UseCode> redeem(String codeHash, String clientId, Instant at) {
        Document after = codes.findOneAndUpdate(
                Filters.and(
                        eq("_id", codeHash),
                        eq("redeemedAt", null),
                        Filters.gt("expiresAt", Date.from(at)),
                        Filters.or(eq("clientId", null), eq("clientId", clientId))),
                Updates.combine(Updates.set("redeemedAt", Date.from(at)), Updates.set("redeemedBy", clientId)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(after).map(MongoUseCodeStore::toCode);
    }

    @Override
    public Optional<UseCode> find(String codeHash) {
        return Optional.ofNullable(codes.find(eq("_id", codeHash)).first()).map(MongoUseCodeStore::toCode);
    }

    private static UseCode toCode(Document d) {
        return new UseCode(
                d.getString("_id"),
                d.getString("licenceRoot"),
                d.getString("typeCode"),
                d.getString("holderCode"),
                d.getString("createdBy"),
                Optional.ofNullable(d.getString("clientId")),
                d.getList("fields", String.class),
                d.getString("purpose"),
                d.getDate("createdAt").toInstant(),
                d.getDate("expiresAt").toInstant(),
                Optional.ofNullable(d.getDate("redeemedAt")).map(Date::toInstant),
                Optional.ofNullable(d.getString("redeemedBy")));
    }
}
