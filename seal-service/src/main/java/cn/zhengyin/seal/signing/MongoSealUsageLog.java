package cn.zhengyin.seal.signing;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import java.util.Date;
import org.bson.Document;

/** {@link SealUsageLog} in the {@code seal_usages} collection; documents are only ever inserted. */
public final class MongoSealUsageLog implements SealUsageLog {
    private final MongoCollection<Document> usages;

    public MongoSealUsageLog(MongoDatabase database) {
        this.usages = database.getCollection("seal_usages");
        usages.createIndex(Indexes.ascending("sealId", "at"));
    }

    @Override
    public void record(SealUsage u) {
        usages.insertOne(new Document("sealId", u.sealId()).append("caller", u.caller()).append("format", u.format())
                .append("digest", u.digestHex()).append("licenceIdentifier", u.licenceIdentifier())
                .append("at", Date.from(u.at())).append("result", u.result()).append("detail", u.detail()));
    }
}
