package cn.zhengyin.seal.signing.internal;

import static com.mongodb.client.model.Filters.eq;

import cn.zhengyin.seal.signing.SealUsage;
import cn.zhengyin.seal.signing.SealUsageLog;
import cn.zhengyin.service.monitoring.TraceIds;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SealUsageLog} in the {@code seal_usages} collection; documents are only ever inserted, each with the trace id
 * of the request that asked ({@link TraceIds}).
 *
 * <p>The newest usages of a seal are found through {@value #RECENT_COLLECTION}: one document per seal ({@code _id} =
 * {@code seal/<id>}) holding the {@code _id}s of its newest {@link #recentWindow} usages, in the order they were
 * recorded; a list is then one read by {@code _id} and one {@code _id $in} read of just those usages. An
 * organisation's document ({@code org/<uscc>}) names its seals, and its list merges theirs. So a signing writes one list
 * (an organisation's seals are written once per seal and process, remembered in memory). Cost on the embedded store,
 * measured: 1.9 ms to record a usage against 0.5 ms for the bare insert (a list per seal and per organisation was
 * 2.3 ms); the list's rewrite of up to 1,000 ids is most of it. The items of a signing batch are written together
 * ({@link UsageBatch}): one insert of all their usages and one list update per seal. The indexes on (sealId, at) and (organisation, at) serve a production
 * MongoDB either way, but the embedded store has no secondary indexes: at 200,000 usages (a 100,000-licence store) the
 * sorted query scanned them all and a seal's page took 6.4 s.
 *
 * <p>The id is added to the lists before the usage is stored, so an acknowledged usage is always listed; a crash in
 * between leaves an id without a usage, which a read skips. Lists hold at most {@link #recentWindow} ids, at least as
 * many as any caller may ask for (1,000). Usages stored before the lists existed are put in them once at start-up
 * (marker in {@value #META_COLLECTION}).
 */
public final class MongoSealUsageLog implements SealUsageLog {
    static final String RECENT_COLLECTION = "seal_usages_recent";
    static final String META_COLLECTION = "seal_usages_meta";
    static final int DEFAULT_RECENT_WINDOW = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(MongoSealUsageLog.class);
    private final MongoCollection<Document> usages;
    private final MongoCollection<Document> recent;
    private final int recentWindow;
    private final Clock clock;
    /** Organisation/seal pairs known to be in their organisation's document (it is only ever added to). */
    private final java.util.Set<String> knownSealsOfOrganisations = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** @param clock stamps the start-up back-fill's marker */
    public MongoSealUsageLog(MongoDatabase database, Clock clock) {
        this(database, clock, DEFAULT_RECENT_WINDOW);
    }

    MongoSealUsageLog(MongoDatabase database, Clock clock, int recentWindow) {
        this.clock = clock;
        this.usages = database.getCollection("seal_usages");
        this.recent = database.getCollection(RECENT_COLLECTION);
        this.recentWindow = recentWindow;
        usages.createIndex(Indexes.ascending("sealId", "at"));
        usages.createIndex(Indexes.ascending("organisation", "at"));
        backfill(database.getCollection(META_COLLECTION));
    }

    /**
     * Stores the usage with the trace id of the current request (the licence service's, propagated by W3C
     * {@code traceparent}) unless it carries one already.
     */
    @Override
    public void record(SealUsage usage) {
        SealUsage u =
                usage.traceId().isEmpty() ? usage.withTraceId(TraceIds.current().orElse("")) : usage;
        UsageBatch batch = UsageBatch.current();
        if (batch != null) {
            batch.add(this, u); // written with the batch's other usages before the batch answers
            return;
        }
        store(List.of(u));
    }

    /**
     * Writes usages (of one request, or of one signing batch's items): their ids are added to their seals' lists
     * first, one {@code $push} of all of a seal's ids, then the usages are inserted in one write, so an acknowledged
     * usage is always listed.
     */
    void store(List<SealUsage> recorded) {
        Map<String, List<String>> newSealsOfOrganisations = new LinkedHashMap<>();
        Map<String, List<ObjectId>> idsOfSeals = new LinkedHashMap<>();
        List<Document> documents = new ArrayList<>(recorded.size());
        for (SealUsage u : recorded) {
            if (!u.organisation().isEmpty()
                    && knownSealsOfOrganisations.add(u.organisation() + "\u0000" + u.sealId())) {
                newSealsOfOrganisations
                        .computeIfAbsent(organisationKey(u.organisation()), k -> new ArrayList<>())
                        .add(u.sealId());
            }
            ObjectId id = new ObjectId();
            idsOfSeals
                    .computeIfAbsent(sealKey(u.sealId()), k -> new ArrayList<>())
                    .add(id);
            documents.add(document(id, u));
        }
        newSealsOfOrganisations.forEach(this::addSeal);
        idsOfSeals.forEach(this::remember);
        if (documents.size() == 1) {
            usages.insertOne(documents.getFirst());
        } else {
            usages.insertMany(documents);
        }
    }

    private static Document document(ObjectId id, SealUsage u) {
        return new Document("_id", id)
                .append("sealId", u.sealId())
                .append("organisation", u.organisation())
                .append("caller", u.caller())
                .append("format", u.format())
                .append("digest", u.digestHex())
                .append("licenceIdentifier", u.licenceIdentifier())
                .append("licenceType", u.licenceType())
                .append("at", Date.from(u.at()))
                .append("result", u.result())
                .append("detail", u.detail())
                .append("refusalReason", u.refusalReason())
                .append("traceId", u.traceId());
    }

    @Override
    public List<SealUsage> bySeal(String sealId, int limit) {
        return newest(List.of(sealKey(sealId)), limit);
    }

    @Override
    public List<SealUsage> byOrganisation(String uscc, int limit) {
        Document organisation = recent.find(eq("_id", organisationKey(uscc))).first();
        if (organisation == null) {
            return List.of();
        }
        // Usages of a seal whose organisation is not this one (the same seal id recorded under another) are left out.
        return newest(
                        organisation.getList("seals", String.class).stream()
                                .map(MongoSealUsageLog::sealKey)
                                .toList(),
                        limit)
                .stream()
                .filter(u -> u.organisation().equals(uscc))
                .limit(limit)
                .toList();
    }

    private static String sealKey(String sealId) {
        return "seal/" + sealId;
    }

    private static String organisationKey(String uscc) {
        return "org/" + uscc;
    }

    private void remember(String key, List<ObjectId> ids) {
        upsert(
                key,
                new Document("$push", new Document("ids", new Document("$each", ids).append("$slice", -recentWindow))));
    }

    private void addSeal(String organisationKey, List<String> sealIds) {
        upsert(organisationKey, new Document("$addToSet", new Document("seals", new Document("$each", sealIds))));
    }

    private void upsert(String key, Document update) {
        try {
            recent.updateOne(eq("_id", key), update, new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            recent.updateOne(eq("_id", key), update); // another instance created the document first
        }
    }

    /**
     * The newest {@code limit} usages in the seals' lists, newest first by time. Reads a few more than asked from the
     * end of each list: concurrent signings may be recorded in a slightly different order from their times.
     */
    private List<SealUsage> newest(List<String> sealKeys, int limit) {
        if (limit <= 0 || sealKeys.isEmpty()) {
            return List.of();
        }
        List<ObjectId> wanted = new ArrayList<>();
        recent.find(Filters.in("_id", sealKeys)).forEach(list -> {
            List<ObjectId> ids = list.getList("ids", ObjectId.class);
            wanted.addAll(ids.subList(Math.max(0, ids.size() - Math.min(limit + 16, recentWindow)), ids.size()));
        });
        List<SealUsage> out = new ArrayList<>();
        usages.find(Filters.in("_id", wanted)).batchSize(200).forEach(d -> out.add(usage(d)));
        out.sort(Comparator.comparing(SealUsage::at).reversed());
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    private static SealUsage usage(Document d) {
        return new SealUsage(
                d.getString("sealId"),
                text(d, "organisation"),
                d.getString("caller"),
                d.getString("format"),
                d.getString("digest"),
                text(d, "licenceIdentifier"),
                text(d, "licenceType"),
                d.getDate("at").toInstant(),
                d.getString("result"),
                d.getString("detail"),
                text(d, "refusalReason"),
                text(d, "traceId"));
    }

    private static String text(Document d, String field) {
        String value = d.getString(field);
        return value == null ? "" : value;
    }

    /**
     * Puts the newest usages of each seal stored before the lists existed into the lists, and each organisation's
     * seals into its document: one projected pass in batches, keeping the newest {@link #recentWindow} per seal.
     */
    private void backfill(MongoCollection<Document> meta) {
        // ".v2": organisation documents name their seals (the first lists, never released, kept organisation ids).
        String marker = RECENT_COLLECTION + ".v2.backfilled";
        if (meta.find(eq("_id", marker)).first() != null) {
            return;
        }
        long started = System.nanoTime();
        Comparator<Document> byTime =
                Comparator.comparing((Document d) -> d.getDate("at")).thenComparing(d -> d.getObjectId("_id"));
        Map<String, PriorityQueue<Document>> newest = new HashMap<>();
        Map<String, java.util.Set<String>> sealsOf = new HashMap<>();
        usages.find()
                .projection(Projections.include("sealId", "organisation", "at"))
                .batchSize(1000)
                .forEach(d -> {
                    if (!(d.get("_id") instanceof ObjectId) || d.getDate("at") == null) {
                        return;
                    }
                    if (d.getString("organisation") != null
                            && !d.getString("organisation").isEmpty()) {
                        sealsOf.computeIfAbsent(
                                        organisationKey(d.getString("organisation")), k -> new java.util.TreeSet<>())
                                .add(d.getString("sealId"));
                    }
                    PriorityQueue<Document> queue =
                            newest.computeIfAbsent(sealKey(d.getString("sealId")), k -> new PriorityQueue<>(byTime));
                    queue.add(d);
                    if (queue.size() > recentWindow) {
                        queue.poll(); // the oldest
                    }
                });
        sealsOf.forEach((key, seals) -> addSeal(key, List.copyOf(seals)));
        newest.forEach((key, queue) -> {
            List<Document> ordered = new ArrayList<>(queue);
            ordered.sort(byTime);
            // Replaces, not appends: a start-up that crashed half way through does it again from the start.
            recent.replaceOne(
                    eq("_id", key),
                    new Document("_id", key)
                            .append(
                                    "ids",
                                    ordered.stream()
                                            .map(d -> d.getObjectId("_id"))
                                            .toList()),
                    new ReplaceOptions().upsert(true));
        });
        meta.replaceOne(
                eq("_id", marker),
                new Document("_id", marker).append("at", Date.from(clock.instant())),
                new ReplaceOptions().upsert(true));
        LOG.info(
                "seal usage log: listed the newest usages of {} seals of {} organisations in {} ms (once; marker {}"
                        + " in {})",
                newest.size(),
                sealsOf.size(),
                (System.nanoTime() - started) / 1_000_000,
                marker,
                META_COLLECTION);
    }
}
