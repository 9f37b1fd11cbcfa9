package cn.zhengyin.licence.fieldreuse.internal;

import static com.mongodb.client.model.Filters.eq;

import cn.zhengyin.licence.fieldreuse.Consent;
import cn.zhengyin.licence.fieldreuse.ConsentStore;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/** {@link ConsentStore} in the {@code consents} collection (_id = consent id). */
public final class MongoConsentStore implements ConsentStore {
    private final MongoCollection<Document> consents;

    public MongoConsentStore(MongoDatabase database) {
        this.consents = database.getCollection("consents");
        consents.createIndex(Indexes.ascending("holderCode", "grantedAt"));
        consents.createIndex(Indexes.ascending("licenceRoot", "clientId"));
    }

    @Override
    public void save(Consent c) {
        consents.insertOne(new Document("_id", c.id())
                .append("licenceRoot", c.licenceRoot())
                .append("typeCode", c.typeCode())
                .append("holderCode", c.holderCode())
                .append("grantedBy", c.grantedBy())
                .append("clientId", c.clientId())
                .append("fields", c.fields())
                .append("purpose", c.purpose())
                .append("grantedAt", Date.from(c.grantedAt()))
                .append("until", Date.from(c.until()))
                .append("withdrawnAt", null));
    }

    @Override
    public Optional<Consent> find(String id) {
        return Optional.ofNullable(consents.find(eq("_id", id)).first()).map(MongoConsentStore::toConsent);
    }

    @Override
    public boolean withdraw(String id, Instant at) {
        return consents.updateOne(
                                Filters.and(eq("_id", id), eq("withdrawnAt", null)),
                                Updates.set("withdrawnAt", Date.from(at)))
                        .getModifiedCount()
                == 1;
    }

    @Override
    public List<Consent> byHolderCodes(Collection<String> holderCodes) {
        List<Consent> out = new ArrayList<>();
        if (!holderCodes.isEmpty()) {
            consents.find(Filters.in("holderCode", holderCodes))
                    .sort(Sorts.descending("grantedAt"))
                    .limit(1000)
                    .forEach(d -> out.add(toConsent(d)));
        }
        return out;
    }

    @Override
    public List<Consent> byLicenceAndClient(String licenceRoot, String clientId) {
        List<Consent> out = new ArrayList<>();
        consents.find(Filters.and(eq("licenceRoot", licenceRoot), eq("clientId", clientId)))
                .sort(Sorts.descending("grantedAt"))
                .limit(1000)
                .forEach(d -> out.add(toConsent(d)));
        return out;
    }

    private static Consent toConsent(Document d) {
        return new Consent(
                d.getString("_id"),
                d.getString("licenceRoot"),
                d.getString("typeCode"),
                d.getString("holderCode"),
                d.getString("grantedBy"),
                d.getString("clientId"),
                d.getList("fields", String.class),
                d.getString("purpose"),
                d.getDate("grantedAt").toInstant(),
                d.getDate("until").toInstant(),
                Optional.ofNullable(d.getDate("withdrawnAt")).map(Date::toInstant));
    }
}
