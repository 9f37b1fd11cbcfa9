package cn.zhengyin.licence.share.internal;

import static com.mongodb.client.model.Filters.eq;

import cn.zhengyin.licence.share.Share;
import cn.zhengyin.licence.share.ShareStore;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/** MongoDB adapter of {@link ShareStore}: collection {@code shares}, one document per share. */
public final class MongoShareStore implements ShareStore {
    private final MongoCollection<Document> shares;

    public MongoShareStore(MongoDatabase database) {
        this.shares = database.getCollection("shares");
        shares.createIndex(Indexes.ascending("root"));
    }

    @Override
    public void save(Share s) {
        shares.insertOne(new Document("_id", s.id())
                .append("root", s.root())
                .append("licenceIdentifier", s.licenceIdentifier())
                .append("holderCode", s.holderCode())
                .append("createdBy", s.createdBy())
                .append("fields", s.fields())
                .append("createdAt", Date.from(s.createdAt()))
                .append("expiresAt", Date.from(s.expiresAt()))
                .append("withdrawnAt", s.withdrawnAt().map(Date::from).orElse(null))
                .append("credential", s.credential()));
    }

    @Override
    public Optional<Share> find(String id) {
        return Optional.ofNullable(shares.find(eq("_id", id)).first()).map(MongoShareStore::share);
    }

    @Override
    public List<Share> byRoot(String root) {
        return shares.find(eq("root", root))
                .sort(Sorts.descending("createdAt"))
                .map(MongoShareStore::share)
                .into(new ArrayList<>());
    }

    @Override
    public boolean withdraw(String id, Instant at) {
        return shares.updateOne(
                                Filters.and(eq("_id", id), eq("withdrawnAt", null)),
                                Updates.set("withdrawnAt", Date.from(at)))
                        .getModifiedCount()
                == 1;
    }

    private static Share share(Document d) {
        return new Share(
                d.getString("_id"),
                d.getString("root"),
                d.getString("licenceIdentifier"),
                d.getString("holderCode"),
                d.getString("createdBy"),
                d.getList("fields", String.class),
                d.getDate("createdAt").toInstant(),
                d.getDate("expiresAt").toInstant(),
                Optional.ofNullable(d.getDate("withdrawnAt")).map(Date::toInstant),
                d.getString("credential"));
    }
}
