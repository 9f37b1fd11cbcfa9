package cn.zhengyin.licence.fieldreuse.internal;

import static com.mongodb.client.model.Filters.eq;

import cn.zhengyin.licence.fieldreuse.UsageRecord;
import cn.zhengyin.licence.fieldreuse.UsageRecords;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/** {@link UsageRecords} in the {@code usage_records} collection: insert only, nothing here updates or deletes. */
public final class MongoUsageRecords implements UsageRecords {
    private final MongoCollection<Document> records;

    public MongoUsageRecords(MongoDatabase database) {
        this.records = database.getCollection("usage_records");
        records.createIndex(Indexes.ascending("holderCode", "time"));
        records.createIndex(Indexes.ascending("typeCode", "issuerCode", "time"));
    }

    @Override
    public void append(UsageRecord r) {
        records.insertOne(new Document("_id", r.id())
                .append("time", Date.from(r.time()))
                .append("kind", r.kind().name())
                .append("clientId", r.clientId())
                .append("clientName", r.clientName())
                .append("identifier", r.identifier())
                .append("licenceRoot", r.licenceRoot())
                .append("typeCode", r.typeCode())
                .append("issuerCode", r.issuerCode())
                .append("holderCode", r.holderCode())
                .append("fields", r.fields())
                .append("purpose", r.purpose())
                .append("basis", r.basis())
                .append("caseNumber", r.caseNumber())
                .append("serviceItem", r.serviceItem()));
    }

    @Override
    public List<UsageRecord> byHolderCodes(Collection<String> holderCodes, Optional<String> licenceRoot, int limit) {
        if (holderCodes.isEmpty()) {
            return List.of();
        }
        Bson filter = Filters.in("holderCode", holderCodes);
        if (licenceRoot.isPresent()) {
            filter = Filters.and(filter, eq("licenceRoot", licenceRoot.get()));
        }
        return list(filter, limit);
    }

    @Override
    public List<UsageRecord> byTypeAndIssuer(String typeCode, String issuerCode, int limit) {
        return list(Filters.and(eq("typeCode", typeCode), eq("issuerCode", issuerCode)), limit);
    }

    private List<UsageRecord> list(Bson filter, int limit) {
        List<UsageRecord> out = new ArrayList<>();
        records.find(filter)
                .sort(Sorts.descending("time"))
                .limit(Math.max(1, Math.min(limit, 1000)))
                .forEach(d -> out.add(new UsageRecord(
                        d.getString("_id"),
                        d.getDate("time").toInstant(),
                        UsageRecord.Kind.valueOf(d.getString("kind")),
                        d.getString("clientId"),
                        d.getString("clientName"),
                        d.getString("identifier"),
                        d.getString("licenceRoot"),
                        d.getString("typeCode"),
                        d.getString("issuerCode"),
                        d.getString("holderCode"),
                        d.getList("fields", String.class),
                        d.getString("purpose"),
                        d.getString("basis"),
                        d.getString("caseNumber"),
                        d.getString("serviceItem"))));
        return out;
    }
}
