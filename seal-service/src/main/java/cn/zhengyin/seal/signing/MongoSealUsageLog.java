package cn.zhengyin.seal.signing;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/** {@link SealUsageLog} in the {@code seal_usages} collection; documents are only ever inserted. */
public final class MongoSealUsageLog implements SealUsageLog {
    private final MongoCollection<Document> usages;

    public MongoSealUsageLog(MongoDatabase database) {
        this.usages = database.getCollection("seal_usages");
        usages.createIndex(Indexes.ascending("sealId", "at"));
        usages.createIndex(Indexes.ascending("organisation", "at"));
    }

    @Override
    public void record(SealUsage u) {
        usages.insertOne(new Document("sealId", u.sealId()).append("organisation", u.organisation())
                .append("caller", u.caller()).append("format", u.format()).append("digest", u.digestHex())
                .append("licenceIdentifier", u.licenceIdentifier()).append("licenceType", u.licenceType())
                .append("at", Date.from(u.at())).append("result", u.result()).append("detail", u.detail()));
    }

    @Override
    public List<SealUsage> bySeal(String sealId, int limit) {
        return query(Filters.eq("sealId", sealId), limit);
    }

    @Override
    public List<SealUsage> byOrganisation(String uscc, int limit) {
        return query(Filters.eq("organisation", uscc), limit);
    }

    private List<SealUsage> query(Bson filter, int limit) {
        return usages.find(filter).sort(Sorts.descending("at")).limit(limit).map(d -> new SealUsage(
                d.getString("sealId"), text(d, "organisation"), d.getString("caller"), d.getString("format"),
                d.getString("digest"), text(d, "licenceIdentifier"), text(d, "licenceType"), d.getDate("at").toInstant(),
                d.getString("result"), d.getString("detail"))).into(new ArrayList<>());
    }

    private static String text(Document d, String field) {
        String value = d.getString(field);
        return value == null ? "" : value;
    }
}
