package cn.zhengyin.licence.registry.internal;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import cn.zhengyin.licence.registry.Licence;
import cn.zhengyin.licence.registry.LicenceEvent;
import cn.zhengyin.licence.registry.LicenceRegistry;
import cn.zhengyin.licence.registry.LicenceStatus;
import cn.zhengyin.licence.registry.LicenceVersion;
import cn.zhengyin.licence.registry.Rendition;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MongoDB adapter of {@link LicenceRegistry}. Collections: {@code licences} (one document per identifier root, _id =
 * root) and {@code licence_versions} (one immutable document per version, _id = full identifier). Idempotency comes
 * from the _id uniqueness: a second insert of the same document is a duplicate-key error that is read as "already
 * there".
 *
 * <p>Every read on a hot path goes by {@code _id} or by a unique index, because the embedded store (mongo-java-server)
 * ignores non-unique secondary indexes and would scan the whole collection (see docs/bulk-import.md, "Registry at
 * scale"). Two lookup collections replace the secondary indexes on {@code renditions.sha256} and {@code holderCode}:
 * <ul>
 *   <li>{@value #RENDITION_HASHES}: {@code _id} = lower-case hex SHA-256 of a rendition, {@code identifier}, {@code root},
 *   {@code kind}. Written before the version record (insert, a duplicate is "already there"), so a crash leaves at most
 *   an entry whose version does not exist; a lookup answers only when the version exists and really has a rendition
 *   with that hash, so such an entry is never seen.</li>
 *   <li>{@value #HOLDER_LICENCES}: {@code _id} = holder code, {@code roots} = the roots of the licences held under it
 *   ({@code $addToSet}, idempotent). Written before the licence head; a root whose head does not exist is skipped.</li>
 * </ul>
 * No multi-document transaction is needed: each write is one document, the lookup entries are written first and read
 * through the record they point to.
 *
 * <p>{@value #PENDING_VERSIONS} lets start-up recovery find the versions a crash left behind without reading every
 * version ever made (it did, and at 54,000 licences the embedded store's answer to that query was a single 128 MB
 * reply, over the driver's 48 MB limit, so the service no longer started). {@code _id} = identifier, {@code root},
 * {@code version}, {@code touchedAt}: written before the version record and deleted once the licence head has moved
 * to it (or the version was rolled back), so the collection holds only changes in flight or interrupted. A crash
 * between the head's move and the marker's deletion leaves a marker that recovery sees as finished and deletes. Data written before these collections existed is indexed once at start-up: a
 * marker in {@value #META} records that the backfill has completed, so a start-up that crashed half way does it again.
 */
public final class MongoLicenceRegistry implements LicenceRegistry {
    static final String RENDITION_HASHES = "rendition_hashes";
    static final String HOLDER_LICENCES = "holder_licences";
    static final String META = "registry_meta";
    static final String PENDING_VERSIONS = "pending_versions";
    private static final Document HEAD_VERSION = new Document("currentVersion", 1);
    private static final Logger LOG = LoggerFactory.getLogger(MongoLicenceRegistry.class);
    private final MongoCollection<Document> licences;
    private final MongoCollection<Document> versions;
    private final MongoCollection<Document> renditionHashes;
    private final MongoCollection<Document> holderLicences;
    private final MongoCollection<Document> meta;
    private final MongoCollection<Document> pendingVersions;
    private final Clock clock;

    public MongoLicenceRegistry(MongoDatabase database, Clock clock) {
        this.clock = clock;
        this.licences = database.getCollection("licences");
        this.versions = database.getCollection("licence_versions");
        this.renditionHashes = database.getCollection(RENDITION_HASHES);
        this.holderLicences = database.getCollection(HOLDER_LICENCES);
        this.meta = database.getCollection(META);
        this.pendingVersions = database.getCollection(PENDING_VERSIONS);
        versions.createIndex(Indexes.ascending("root", "version"), new IndexOptions().unique(true));
        // Projected: the embedded store materialises a whole result set in memory before the first batch, so the
        // backfill reads only what an entry needs (about 200 bytes a version instead of the full record), in batches
        // (without a batch size the whole result is one reply, over the driver's 48 MB message limit), and writes
        // 1,000 entries per command (the embedded store commits once per command).
        backfill(RENDITION_HASHES, () -> {
            List<Document> batch = new ArrayList<>();
            versions.find()
                    .projection(
                            new Document("root", 1).append("renditions.kind", 1).append("renditions.sha256", 1))
                    .batchSize(1000)
                    .forEach(d -> {
                        for (Document r : d.getList("renditions", Document.class)) {
                            if (r.getString("sha256") != null) {
                                batch.add(new Document("_id", r.getString("sha256"))
                                        .append("identifier", d.getString("_id"))
                                        .append("root", d.getString("root"))
                                        .append("kind", r.getString("kind")));
                            }
                        }
                        if (batch.size() >= 1000) {
                            insertHashes(batch);
                        }
                    });
            insertHashes(batch);
        });
        backfill(HOLDER_LICENCES, () -> {
            Map<String, List<String>> batch = new LinkedHashMap<>();
            int[] n = {0};
            licences.find()
                    .projection(new Document("holderCode", 1))
                    .batchSize(1000)
                    .forEach(d -> {
                        if (d.getString("holderCode") != null) {
                            batch.computeIfAbsent(d.getString("holderCode"), k -> new ArrayList<>())
                                    .add(d.getString("_id"));
                        }
                        if (++n[0] % 1000 == 0) {
                            addHolders(batch);
                        }
                    });
            addHolders(batch);
        });
        // Versions stored before the markers existed: mark those whose head never reached them, 1,000 at a time
        // (one head query per batch).
        backfill(PENDING_VERSIONS, () -> {
            List<Document> batch = new ArrayList<>();
            versions.find()
                    .projection(new Document("root", 1).append("version", 1).append("createdAt", 1))
                    .batchSize(1000)
                    .forEach(d -> {
                        batch.add(d);
                        if (batch.size() >= 1000) {
                            markUnreached(batch);
                        }
                    });
            markUnreached(batch);
        });
    }

    private void markUnreached(List<Document> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, Integer> current = new java.util.HashMap<>();
        licences.find(in(
                        "_id",
                        batch.stream().map(d -> d.getString("root")).distinct().toList()))
                .projection(HEAD_VERSION)
                .forEach(h -> current.put(h.getString("_id"), h.getInteger("currentVersion")));
        for (Document d : batch) {
            if (current.getOrDefault(d.getString("root"), 0) < d.getInteger("version")) {
                insert(
                        pendingVersions,
                        new Document("_id", d.getString("_id"))
                                .append("root", d.getString("root"))
                                .append("version", d.getInteger("version"))
                                .append("touchedAt", d.getDate("createdAt")));
            }
        }
        batch.clear();
    }

    /** Inserts backfill entries; a duplicate goes through {@link #registerHash} (kept, or taken over if dangling). */
    private void insertHashes(List<Document> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            renditionHashes.insertMany(batch, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                Document d = batch.get(error.getIndex());
                registerHash(d.getString("identifier"), d.getString("root"), d.getString("kind"), d.getString("_id"));
            }
        }
        batch.clear();
    }

    private void addHolders(Map<String, List<String>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<UpdateOneModel<Document>> updates = batch.entrySet().stream()
                .map(e -> new UpdateOneModel<Document>(
                        eq("_id", e.getKey()),
                        new Document("$addToSet", new Document("roots", new Document("$each", e.getValue()))),
                        new UpdateOptions().upsert(true)))
                .toList();
        try {
            holderLicences.bulkWrite(updates, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            // Another instance backfilling at the same time won an upsert race: redo one by one (idempotent).
            batch.forEach((holder, roots) -> roots.forEach(root -> indexHolder(holder, root)));
        }
        batch.clear();
    }

    @Override
    public boolean saveVersion(LicenceVersion v) {
        // The in-flight marker first, so that no version can exist unmarked before its head reaches it. A retry of an
        // interrupted change touches the marker again, so that recovery leaves it alone while the retry runs.
        Date touched = Date.from(v.createdAt());
        if (!insert(
                pendingVersions,
                new Document("_id", v.identifier())
                        .append("root", v.root())
                        .append("version", v.version())
                        .append("touchedAt", touched))) {
            pendingVersions.updateOne(
                    eq("_id", v.identifier()), new Document("$max", new Document("touchedAt", touched)));
        }
        // The hash entries next: the version is findable by file hash as soon as it is stored. One unordered insert for
        // all of them (issue #18); an entry that exists already is resolved as registerHash does.
        List<Document> entries = v.renditions().stream()
                .filter(r -> r.sha256() != null)
                .map(r -> hashEntry(v.identifier(), v.root(), r.kind(), r.sha256()))
                .toList();
        insertHashes(new ArrayList<>(entries));
        return insert(versions, toDocument(v));
    }

    @Override
    public boolean createLicence(Licence licence) {
        // The holder entry first: the head is the commit point, and once it exists the wallet finds it.
        indexHolder(licence.holderCode(), licence.root());
        boolean created = insert(licences, toDocument(licence));
        pendingVersions.deleteOne(eq("_id", licence.currentIdentifier()));
        return created;
    }

    private void registerHash(String identifier, String root, String kind, String sha256) {
        if (sha256 == null) {
            return;
        }
        Document entry = hashEntry(identifier, root, kind, sha256);
        if (insert(renditionHashes, entry)) {
            return;
        }
        Document existing = renditionHashes.find(eq("_id", sha256)).first();
        if (existing == null || identifier.equals(existing.getString("identifier"))) {
            return;
        }
        // An entry for another version: keep it if that version holds the file (the first registration wins, as the
        // old index query returned the first match); take it over if it was left by a version that was never stored
        // or was rolled back.
        if (findVersion(existing.getString("identifier"))
                .filter(other -> holds(other, sha256))
                .isEmpty()) {
            renditionHashes.replaceOne(eq("_id", sha256), entry);
        }
    }

    private static Document hashEntry(String identifier, String root, String kind, String sha256) {
        return new Document("_id", sha256)
                .append("identifier", identifier)
                .append("root", root)
                .append("kind", kind);
    }

    private void indexHolder(String holderCode, String root) {
        if (holderCode == null) {
            return;
        }
        Document update = new Document("$addToSet", new Document("roots", root));
        try {
            holderLicences.updateOne(eq("_id", holderCode), update, new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Two first licences of one holder upserted at once: the other created the document; add to it.
            holderLicences.updateOne(eq("_id", holderCode), update);
        }
    }

    private static boolean holds(LicenceVersion version, String sha256) {
        return version.renditions().stream().anyMatch(r -> sha256.equals(r.sha256()));
    }

    private void backfill(String collection, Runnable fill) {
        String marker = collection + ".backfilled";
        if (meta.find(eq("_id", marker)).first() != null) {
            return;
        }
        long started = System.nanoTime();
        fill.run();
        insert(meta, new Document("_id", marker).append("at", Date.from(clock.instant())));
        LOG.info(
                "registry: indexed existing data into {} in {} ms (once; marker {} in {})",
                collection,
                (System.nanoTime() - started) / 1_000_000,
                marker,
                META);
    }

    @Override
    public Optional<Licence> findLicence(String root) {
        return Optional.ofNullable(licences.find(eq("_id", root)).first()).map(MongoLicenceRegistry::toLicence);
    }

    @Override
    public List<Licence> findByHolderCodes(java.util.Collection<String> holderCodes) {
        List<Licence> out = new ArrayList<>();
        Set<String> codes = new LinkedHashSet<>(holderCodes);
        codes.remove(null);
        if (codes.isEmpty()) {
            return out;
        }
        Set<String> roots = new LinkedHashSet<>();
        holderLicences.find(in("_id", codes)).forEach(d -> roots.addAll(d.getList("roots", String.class)));
        if (roots.isEmpty()) {
            return out;
        }
        // Roots whose head was never created (a crash between the two writes) are simply not found.
        licences.find(in("_id", roots)).sort(Sorts.descending("_id")).forEach(d -> {
            if (codes.contains(d.getString("holderCode"))) {
                out.add(toLicence(d));
            }
        });
        return out;
    }

    @Override
    public Optional<LicenceVersion> findVersion(String identifier) {
        return Optional.ofNullable(versions.find(eq("_id", identifier)).first()).map(MongoLicenceRegistry::toVersion);
    }

    @Override
    public List<LicenceVersion> versions(String root) {
        // Probes the unique (root, version) index one version at a time: an exact {root, version} query is answered
        // from the index by the embedded store, a query on root alone would scan every version of every licence.
        // Versions run 1, 2, … without gaps up to the head's current version; above it there may be one unfinished.
        List<LicenceVersion> out = new ArrayList<>();
        int current = Optional.ofNullable(licences.find(eq("_id", root))
                        .projection(new Document("currentVersion", 1))
                        .first())
                .map(d -> d.getInteger("currentVersion"))
                .orElse(0);
        for (int n = 1; ; n++) {
            Document d = versions.find(new Document("root", root).append("version", n))
                    .first();
            if (d != null) {
                out.add(toVersion(d));
            } else if (n > current) {
                return out;
            }
        }
    }

    @Override
    public boolean addRendition(String identifier, Rendition r) {
        Document version = versions.find(eq("_id", identifier))
                .projection(new Document("root", 1))
                .first();
        if (version == null) {
            return false;
        }
        // The hash entry first (as saveVersion does), then the rendition: only if the version does not hold it yet.
        registerHash(identifier, version.getString("root"), r.kind(), r.sha256());
        versions.updateOne(
                new Document("_id", identifier).append("renditions.sha256", new Document("$ne", r.sha256())),
                new Document("$push", new Document("renditions", toDocument(r))));
        return true;
    }

    @Override
    public List<String> versionIdentifiers(String afterExclusive, int limit) {
        List<String> out = new ArrayList<>();
        versions.find(new Document("_id", new Document("$gt", afterExclusive == null ? "" : afterExclusive)))
                .projection(new Document("_id", 1))
                .sort(Sorts.ascending("_id"))
                .limit(limit)
                .forEach(d -> out.add(d.getString("_id")));
        return out;
    }

    @Override
    public Optional<LicenceVersion> findVersionByFileSha256(String sha256) {
        if (sha256 == null) {
            return Optional.empty();
        }
        Document entry = renditionHashes.find(eq("_id", sha256)).first();
        if (entry == null) {
            return Optional.empty();
        }
        // A dangling entry (its version never stored, or rolled back and made again with other bytes) is not a match.
        return findVersion(entry.getString("identifier")).filter(v -> holds(v, sha256));
    }

    @Override
    public boolean moveToVersion(String root, long expectedRevision, LicenceVersion version, LicenceEvent event) {
        Document filter = new Document("_id", root)
                .append("revision", expectedRevision)
                .append("currentVersion", version.version() - 1);
        Document update = new Document(
                        "$set",
                        new Document("currentVersion", version.version())
                                .append("currentIdentifier", version.identifier())
                                .append("validFrom", version.validFrom().toString())
                                .append(
                                        "validUntil",
                                        version.validUntil()
                                                .map(LocalDate::toString)
                                                .orElse(null)))
                .append("$push", new Document("events", toDocument(event)))
                .append("$inc", new Document("revision", 1L));
        boolean moved = licences.updateOne(filter, update).getModifiedCount() == 1;
        if (moved) {
            pendingVersions.deleteOne(eq("_id", version.identifier()));
        }
        return moved;
    }

    @Override
    public boolean changeStatus(
            String root, long expectedRevision, LicenceStatus from, LicenceStatus to, LicenceEvent event) {
        Document filter =
                new Document("_id", root).append("revision", expectedRevision).append("status", from.name());
        Document update = new Document("$set", new Document("status", to.name()))
                .append("$push", new Document("events", toDocument(event)))
                .append("$inc", new Document("revision", 1L));
        return licences.updateOne(filter, update).getModifiedCount() == 1;
    }

    /**
     * Reads the in-flight markers older than {@code olderThan}, not the versions: a marker whose licence head has
     * reached its version, or whose version was never stored, is finished business and deleted on the way — each
     * deletion conditional on the marker being unchanged, so that a retry that touched it meanwhile keeps it.
     */
    @Override
    public List<LicenceVersion> unfinishedVersions(java.time.Instant olderThan) {
        List<Document> markers = new ArrayList<>();
        pendingVersions
                .find(com.mongodb.client.model.Filters.lt("touchedAt", Date.from(olderThan)))
                .batchSize(1000)
                .forEach(markers::add);
        List<LicenceVersion> out = new ArrayList<>();
        for (Document marker : markers) {
            Document version = versions.find(eq("_id", marker.getString("_id"))).first();
            Document head = licences.find(eq("_id", marker.getString("root")))
                    .projection(HEAD_VERSION)
                    .first();
            if (version != null && (head == null || head.getInteger("currentVersion") < marker.getInteger("version"))) {
                out.add(toVersion(version));
            } else {
                pendingVersions.deleteOne(
                        new Document("_id", marker.getString("_id")).append("touchedAt", marker.getDate("touchedAt")));
            }
        }
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
        boolean deleted = versions.deleteOne(eq("_id", identifier)).getDeletedCount() == 1;
        // Then its hash entries (a crash in between leaves them dangling, which lookups tolerate).
        for (Document r : version.getList("renditions", Document.class)) {
            String sha256 = r.getString("sha256");
            Document entry = sha256 == null
                    ? null
                    : renditionHashes.find(eq("_id", sha256)).first();
            if (entry != null && identifier.equals(entry.getString("identifier"))) {
                renditionHashes.deleteOne(eq("_id", sha256));
            }
        }
        pendingVersions.deleteOne(eq("_id", identifier));
        return deleted;
    }

    private static Document toDocument(LicenceEvent e) {
        return new Document("type", e.type())
                .append("version", e.version())
                .append("actor", e.actor())
                .append("reason", e.reason())
                .append("caseNumber", e.caseNumber())
                .append("at", Date.from(e.at()));
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
        List<Document> renditions =
                v.renditions().stream().map(MongoLicenceRegistry::toDocument).toList();
        return new Document("_id", v.identifier())
                .append("root", v.root())
                .append("version", v.version())
                .append("typeCode", v.typeCode())
                .append("typeName", v.typeName())
                .append("issuerCode", v.issuerCode())
                .append("issuerName", v.issuerName())
                .append("holderName", v.holderName())
                .append("holderCode", v.holderCode())
                .append("holderCodeType", v.holderCodeType())
                .append("issuedOn", v.issuedOn().toString())
                .append("validFrom", v.validFrom().toString())
                .append("validUntil", v.validUntil().map(LocalDate::toString).orElse(null))
                .append("fields", new Document(new LinkedHashMap<>(v.fields())))
                .append("caseNumber", v.caseNumber())
                .append("issuedBy", v.issuedBy())
                .append("createdAt", Date.from(v.createdAt()))
                .append("renditions", renditions)
                .append("change", v.change())
                .append("requestFingerprint", v.requestFingerprint());
    }

    static Document toDocument(Rendition r) {
        return new Document("kind", r.kind())
                .append("mediaType", r.mediaType())
                .append("fileId", r.fileId())
                .append("size", r.size())
                .append("sha256", r.sha256())
                .append("sm3", r.sm3());
    }

    static LicenceVersion toVersion(Document d) {
        Map<String, String> fields = new LinkedHashMap<>();
        d.get("fields", Document.class).forEach((k, val) -> fields.put(k, String.valueOf(val)));
        List<Rendition> renditions = d.getList("renditions", Document.class).stream()
                .map(r -> new Rendition(
                        r.getString("kind"),
                        r.getString("mediaType"),
                        r.getString("fileId"),
                        ((Number) r.get("size")).longValue(),
                        r.getString("sha256"),
                        r.getString("sm3")))
                .toList();
        return new LicenceVersion(
                d.getString("_id"),
                d.getString("root"),
                d.getInteger("version"),
                d.getString("typeCode"),
                d.getString("typeName"),
                d.getString("issuerCode"),
                d.getString("issuerName"),
                d.getString("holderName"),
                d.getString("holderCode"),
                d.getString("holderCodeType"),
                LocalDate.parse(d.getString("issuedOn")),
                LocalDate.parse(d.getString("validFrom")),
                Optional.ofNullable(d.getString("validUntil")).map(LocalDate::parse),
                fields,
                d.getString("caseNumber"),
                d.getString("issuedBy"),
                d.getDate("createdAt").toInstant(),
                renditions,
                d.getString("change"),
                d.getString("requestFingerprint"));
    }

    static Document toDocument(Licence l) {
        List<Document> events =
                l.events().stream().map(MongoLicenceRegistry::toDocument).toList();
        return new Document("_id", l.root())
                .append("typeCode", l.typeCode())
                .append("issuerCode", l.issuerCode())
                .append("holderCode", l.holderCode())
                .append("currentVersion", l.currentVersion())
                .append("currentIdentifier", l.currentIdentifier())
                .append("status", l.status().name())
                .append("validFrom", l.validFrom().toString())
                .append("validUntil", l.validUntil().map(LocalDate::toString).orElse(null))
                .append("events", events)
                .append("revision", l.revision());
    }

    static Licence toLicence(Document d) {
        List<LicenceEvent> events = d.getList("events", Document.class).stream()
                .map(e -> new LicenceEvent(
                        e.getString("type"),
                        e.getInteger("version"),
                        e.getString("actor"),
                        e.getString("reason"),
                        e.getString("caseNumber"),
                        e.getDate("at").toInstant()))
                .toList();
        return new Licence(
                d.getString("_id"),
                d.getString("typeCode"),
                d.getString("issuerCode"),
                d.getString("holderCode"),
                d.getInteger("currentVersion"),
                d.getString("currentIdentifier"),
                LicenceStatus.valueOf(d.getString("status")),
                LocalDate.parse(d.getString("validFrom")),
                Optional.ofNullable(d.getString("validUntil")).map(LocalDate::parse),
                events,
                ((Number) d.get("revision")).longValue());
    }
}
