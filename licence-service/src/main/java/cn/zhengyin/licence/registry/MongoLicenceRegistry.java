package cn.zhengyin.licence.registry;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

import static com.mongodb.client.model.Filters.eq;

/**
 * MongoDB adapter of {@link LicenceRegistry}. Collections: {@code licences} (one document per identifier root, _id =
 * root) and {@code licence_versions} (one immutable document per version, _id = full identifier). Idempotency comes
 * from the _id uniqueness: a second insert of the same document is a duplicate-key error that is read as "already
 * there".
 */
public final class MongoLicenceRegistry implements LicenceRegistry {
    private final MongoCollection<Document> licences;
    private final MongoCollection<Document> versions;

    public MongoLicenceRegistry(MongoDatabase database) {
        this.licences = database.getCollection("licences");
        this.versions = database.getCollection("licence_versions");
        versions.createIndex(Indexes.ascending("root", "version"), new IndexOptions().unique(true));
        versions.createIndex(Indexes.ascending("renditions.sha256"));
        licences.createIndex(Indexes.ascending("holderCode"));
    }

    @Override
    public boolean saveVersion(LicenceVersion v) {
        return insert(versions, toDocument(v));
    }

    @Override
    public boolean createLicence(Licence licence) {
        return insert(licences, toDocument(licence));
    }

    @Override
    public Optional<Licence> findLicence(String root) {
        return Optional.ofNullable(licences.find(eq("_id", root)).first()).map(MongoLicenceRegistry::toLicence);
    }

    @Override
    public List<Licence> findByHolderCodes(java.util.Collection<String> holderCodes) {
        List<Licence> out = new ArrayList<>();
        if (!holderCodes.isEmpty()) {
            licences.find(com.mongodb.client.model.Filters.in("holderCode", holderCodes))
                    .sort(Sorts.descending("_id")).forEach(d -> out.add(toLicence(d)));
        }
        return out;
    }

    @Override
    public Optional<LicenceVersion> findVersion(String identifier) {
        return Optional.ofNullable(versions.find(eq("_id", identifier)).first()).map(MongoLicenceRegistry::toVersion);
    }

    @Override
    public List<LicenceVersion> versions(String root) {
        List<LicenceVersion> out = new ArrayList<>();
        versions.find(eq("root", root)).sort(Sorts.ascending("version")).forEach(d -> out.add(toVersion(d)));
        return out;
    }

    @Override
    public Optional<LicenceVersion> findVersionByFileSha256(String sha256) {
        return Optional.ofNullable(versions.find(eq("renditions.sha256", sha256)).first()).map(MongoLicenceRegistry::toVersion);
    }

    @Override
    public boolean moveToVersion(String root, long expectedRevision, LicenceVersion version, LicenceEvent event) {
        Document filter = new Document("_id", root).append("revision", expectedRevision)
                .append("currentVersion", version.version() - 1);
        Document update = new Document("$set", new Document("currentVersion", version.version())
                .append("currentIdentifier", version.identifier())
                .append("validFrom", version.validFrom().toString())
                .append("validUntil", version.validUntil().map(LocalDate::toString).orElse(null)))
                .append("$push", new Document("events", toDocument(event)))
                .append("$inc", new Document("revision", 1L));
        return licences.updateOne(filter, update).getModifiedCount() == 1;
    }

    @Override
    public boolean changeStatus(String root, long expectedRevision, LicenceStatus from, LicenceStatus to, LicenceEvent event) {
        Document filter = new Document("_id", root).append("revision", expectedRevision).append("status", from.name());
        Document update = new Document("$set", new Document("status", to.name()))
                .append("$push", new Document("events", toDocument(event)))
                .append("$inc", new Document("revision", 1L));
        return licences.updateOne(filter, update).getModifiedCount() == 1;
    }

    @Override
    public List<LicenceVersion> unfinishedVersions(java.time.Instant olderThan) {
        List<LicenceVersion> out = new ArrayList<>();
        versions.find(com.mongodb.client.model.Filters.lt("createdAt", Date.from(olderThan))).forEach(d -> {
            Document head = licences.find(eq("_id", d.getString("root"))).first();
            if (head == null || head.getInteger("currentVersion") < d.getInteger("version")) {
                out.add(toVersion(d));
            }
        });
        return out;
    }

    @Override
    public boolean deleteUnfinishedVersion(String identifier) {
        Document version = versions.find(eq("_id", identifier)).first();
        if (version == null) {
            return false;
        }
        Document head = licences.find(eq("_id", version.getString("root"))).first();
        if (head != null && head.getInteger("currentVersion") >= version.getInteger("version")) {
            return false;
        }
        return versions.deleteOne(eq("_id", identifier)).getDeletedCount() == 1;
    }

    private static Document toDocument(LicenceEvent e) {
        return new Document("type", e.type()).append("version", e.version()).append("actor", e.actor())
                .append("reason", e.reason()).append("caseNumber", e.caseNumber()).append("at", Date.from(e.at()));
    }

    private static boolean insert(MongoCollection<Document> collection, Document document) {
        try {
            collection.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    static Document toDocument(LicenceVersion v) {
        List<Document> renditions = v.renditions().stream().map(r -> new Document("kind", r.kind())
                .append("mediaType", r.mediaType()).append("fileId", r.fileId()).append("size", r.size())
                .append("sha256", r.sha256()).append("sm3", r.sm3())).toList();
        return new Document("_id", v.identifier()).append("root", v.root()).append("version", v.version())
                .append("typeCode", v.typeCode()).append("typeName", v.typeName())
                .append("issuerCode", v.issuerCode()).append("issuerName", v.issuerName())
                .append("holderName", v.holderName()).append("holderCode", v.holderCode())
                .append("holderCodeType", v.holderCodeType())
                .append("issuedOn", v.issuedOn().toString()).append("validFrom", v.validFrom().toString())
                .append("validUntil", v.validUntil().map(LocalDate::toString).orElse(null))
                .append("fields", new Document(new LinkedHashMap<>(v.fields())))
                .append("caseNumber", v.caseNumber()).append("issuedBy", v.issuedBy())
                .append("createdAt", Date.from(v.createdAt())).append("renditions", renditions)
                .append("change", v.change()).append("requestFingerprint", v.requestFingerprint());
    }

    static LicenceVersion toVersion(Document d) {
        Map<String, String> fields = new LinkedHashMap<>();
        d.get("fields", Document.class).forEach((k, val) -> fields.put(k, String.valueOf(val)));
        List<Rendition> renditions = d.getList("renditions", Document.class).stream()
                .map(r -> new Rendition(r.getString("kind"), r.getString("mediaType"), r.getString("fileId"),
                        ((Number) r.get("size")).longValue(), r.getString("sha256"), r.getString("sm3")))
                .toList();
        return new LicenceVersion(d.getString("_id"), d.getString("root"), d.getInteger("version"),
                d.getString("typeCode"), d.getString("typeName"), d.getString("issuerCode"), d.getString("issuerName"),
                d.getString("holderName"), d.getString("holderCode"), d.getString("holderCodeType"),
                LocalDate.parse(d.getString("issuedOn")), LocalDate.parse(d.getString("validFrom")),
                Optional.ofNullable(d.getString("validUntil")).map(LocalDate::parse), fields,
                d.getString("caseNumber"), d.getString("issuedBy"), d.getDate("createdAt").toInstant(), renditions,
                d.getString("change"), d.getString("requestFingerprint"));
    }

    static Document toDocument(Licence l) {
        List<Document> events = l.events().stream().map(MongoLicenceRegistry::toDocument).toList();
        return new Document("_id", l.root()).append("typeCode", l.typeCode()).append("issuerCode", l.issuerCode())
                .append("holderCode", l.holderCode()).append("currentVersion", l.currentVersion())
                .append("currentIdentifier", l.currentIdentifier()).append("status", l.status().name())
                .append("validFrom", l.validFrom().toString())
                .append("validUntil", l.validUntil().map(LocalDate::toString).orElse(null))
                .append("events", events).append("revision", l.revision());
    }

    static Licence toLicence(Document d) {
        List<LicenceEvent> events = d.getList("events", Document.class).stream()
                .map(e -> new LicenceEvent(e.getString("type"), e.getInteger("version"), e.getString("actor"),
                        e.getString("reason"), e.getString("caseNumber"), e.getDate("at").toInstant()))
                .toList();
        return new Licence(d.getString("_id"), d.getString("typeCode"), d.getString("issuerCode"),
                d.getString("holderCode"), d.getInteger("currentVersion"), d.getString("currentIdentifier"),
                LicenceStatus.valueOf(d.getString("status")), LocalDate.parse(d.getString("validFrom")),
                Optional.ofNullable(d.getString("validUntil")).map(LocalDate::parse), events,
                ((Number) d.get("revision")).longValue());
    }
}
