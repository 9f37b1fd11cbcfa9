package cn.zhengyin.seal.signing;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static com.mongodb.client.model.Filters.eq;

/**
 * {@link SealUsageLog} in the {@code seal_usages} collection; documents are only ever inserted.
 *
 * <p>The newest usages of a seal or an organisation are found through {@value #RECENT_COLLECTION}: one document per
 * seal ({@code _id} = {@code seal/<id>}) and per organisation ({@code org/<uscc>}) holding the {@code _id}s of its
 * newest {@link #recentWindow} usages, in the order they were recorded. A list is then one read by {@code _id} and one
 * {@code _id $in} read of just those usages. The indexes on (sealId, at) and (organisation, at) serve a production
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

    public MongoSealUsageLog(MongoDatabase database) {
        this(database, DEFAULT_RECENT_WINDOW);
    }

    MongoSealUsageLog(MongoDatabase database, int recentWindow) {
        this.usages = database.getCollection("seal_usages");
        this.recent = database.getCollection(RECENT_COLLECTION);
        this.recentWindow = recentWindow;
        usages.createIndex(Indexes.ascending("sealId", "at"));
        usages.createIndex(Indexes.ascending("organisation", "at"));
        backfill(database.getCollection(META_COLLECTION));
    }

    @Override
    public void record(SealUsage u) {
        ObjectId id = new ObjectId();
        remember(sealKey(u.sealId()), id);
        if (!u.organisation().isEmpty()) {
            remember(organisationKey(u.organisation()), id);
        }
        usages.insertOne(new Document("_id", id).append("sealId", u.sealId()).append("organisation", u.organisation())
                .append("caller", u.caller()).append("format", u.format()).append("digest", u.digestHex())
                .append("licenceIdentifier", u.licenceIdentifier()).append("licenceType", u.licenceType())
                .append("at", Date.from(u.at())).append("result", u.result()).append("detail", u.detail()));
    }

    @Override
    public List<SealUsage> bySeal(String sealId, int limit) {
        return newest(sealKey(sealId), limit);
    }

    @Override
    public List<SealUsage> byOrganisation(String uscc, int limit) {
        return newest(organisationKey(uscc), limit);
    }

    private static String sealKey(String sealId) {
        return "seal/" + sealId;
    }

    private static String organisationKey(String uscc) {
        return "org/" + uscc;
    }

    private void remember(String key, List<ObjectId> ids) {
        Document push = new Document("$push", new Document("ids", new Document("$each", ids)
                .append("$slice", -recentWindow)));
        try {
            recent.updateOne(eq("_id", key), push, new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            recent.updateOne(eq("_id", key), push); // another instance created the list first
        }
    }

    private void remember(String key, ObjectId id) {
        remember(key, List.of(id));
    }

    /**
     * The newest {@code limit} usages in the list, newest first by time. Reads a few more than asked from the end of
     * the list: concurrent signings may be recorded in a slightly different order from their times.
     */
    private List<SealUsage> newest(String key, int limit) {
        Document list = recent.find(eq("_id", key)).first();
        if (list == null || limit <= 0) {
            return List.of();
        }
        List<ObjectId> ids = list.getList("ids", ObjectId.class);
        List<ObjectId> wanted = ids.subList(Math.max(0, ids.size() - Math.min(limit + 16, recentWindow)), ids.size());
        List<SealUsage> out = new ArrayList<>();
        usages.find(Filters.in("_id", wanted)).batchSize(200).forEach(d -> out.add(usage(d)));
        out.sort(Comparator.comparing(SealUsage::at).reversed());
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    private static SealUsage usage(Document d) {
        return new SealUsage(d.getString("sealId"), text(d, "organisation"), d.getString("caller"),
                d.getString("format"), d.getString("digest"), text(d, "licenceIdentifier"), text(d, "licenceType"),
                d.getDate("at").toInstant(), d.getString("result"), d.getString("detail"));
    }

    private static String text(Document d, String field) {
        String value = d.getString(field);
        return value == null ? "" : value;
    }

    /**
     * Puts the newest usages of each seal and organisation stored before the lists existed into the lists: one
     * projected pass in batches, keeping the newest {@link #recentWindow} per key in memory.
     */
    private void backfill(MongoCollection<Document> meta) {
        String marker = RECENT_COLLECTION + ".backfilled";
        if (meta.find(eq("_id", marker)).first() != null) {
            return;
        }
        long started = System.nanoTime();
        Comparator<Document> byTime = Comparator.comparing((Document d) -> d.getDate("at"))
                .thenComparing(d -> d.getObjectId("_id"));
        Map<String, PriorityQueue<Document>> newest = new HashMap<>();
        usages.find().projection(Projections.include("sealId", "organisation", "at")).batchSize(1000).forEach(d -> {
            if (!(d.get("_id") instanceof ObjectId) || d.getDate("at") == null) {
                return;
            }
            List<String> keys = new ArrayList<>(List.of(sealKey(d.getString("sealId"))));
            if (d.getString("organisation") != null && !d.getString("organisation").isEmpty()) {
                keys.add(organisationKey(d.getString("organisation")));
            }
            for (String key : keys) {
                PriorityQueue<Document> queue = newest.computeIfAbsent(key, k -> new PriorityQueue<>(byTime));
                queue.add(d);
                if (queue.size() > recentWindow) {
                    queue.poll(); // the oldest
                }
            }
        });
        newest.forEach((key, queue) -> {
            List<Document> ordered = new ArrayList<>(queue);
            ordered.sort(byTime);
            // Replaces, not appends: a start-up that crashed half way through does it again from the start.
            recent.replaceOne(eq("_id", key), new Document("_id", key).append("ids",
                    ordered.stream().map(d -> d.getObjectId("_id")).toList()), new ReplaceOptions().upsert(true));
        });
        meta.replaceOne(eq("_id", marker), new Document("_id", marker).append("at", new Date()),
                new ReplaceOptions().upsert(true));
        LOG.info("seal usage log: listed the newest usages of {} seals and organisations in {} ms (once; marker {} in"
                + " {})", newest.size(), (System.nanoTime() - started) / 1_000_000, marker, META_COLLECTION);
    }
}
