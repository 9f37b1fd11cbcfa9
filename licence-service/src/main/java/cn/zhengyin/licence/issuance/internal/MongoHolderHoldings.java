package cn.zhengyin.licence.issuance.internal;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import cn.zhengyin.licence.issuance.HolderHoldings;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/**
 * MongoDB adapter of {@link HolderHoldings}: collection {@code holder_holdings}, {@code _id} = type code + ':' + holder
 * code. The unique {@code _id} makes two concurrent first claims exclusive; every change is one conditional write.
 */
public final class MongoHolderHoldings implements HolderHoldings {
    private final MongoCollection<Document> holdings;

    public MongoHolderHoldings(MongoDatabase database) {
        this.holdings = database.getCollection("holder_holdings");
    }

    @Override
    public Optional<Holding> find(String id) {
        return Optional.ofNullable(holdings.find(eq("_id", id)).first())
                .map(d -> new Holding(
                        d.getString("_id"),
                        d.getString("owner"),
                        Optional.ofNullable(d.getString("licence")),
                        d.getDate("since").toInstant()));
    }

    private static Document document(Holding h) {
        return new Document("_id", h.id())
                .append("owner", h.owner())
                .append("licence", h.licence().orElse(null))
                .append("since", Date.from(h.since()));
    }

    @Override
    public boolean insert(Holding holding) {
        try {
            holdings.insertOne(document(holding));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean replace(Holding expected, Holding replacement) {
        return holdings.replaceOne(
                                and(
                                        eq("_id", expected.id()),
                                        eq("owner", expected.owner()),
                                        eq("licence", expected.licence().orElse(null))),
                                document(replacement))
                        .getModifiedCount()
                == 1;
    }

    @Override
    public void bind(String id, String owner, String licence) {
        holdings.updateOne(and(eq("_id", id), eq("owner", owner)), Updates.set("licence", licence));
    }

    @Override
    public void release(String id, String owner) {
        holdings.deleteOne(and(eq("_id", id), eq("owner", owner)));
    }
}
