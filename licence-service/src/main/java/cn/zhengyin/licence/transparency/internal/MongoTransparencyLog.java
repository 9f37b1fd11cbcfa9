package cn.zhengyin.licence.transparency.internal;

import static com.mongodb.client.model.Filters.eq;

import cn.zhengyin.licence.registry.LicenceVersion;
import cn.zhengyin.licence.registry.Rendition;
import cn.zhengyin.licence.transparency.LicenceEventLog;
import cn.zhengyin.licence.transparency.LicenceEventLogged;
import cn.zhengyin.licence.transparency.TransparencyEvidenceSource;
import cn.zhengyin.licence.transparency.TransparencyViews;
import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.translog.ConsistencyProof;
import cn.zhengyin.trust.translog.HashValue;
import cn.zhengyin.trust.translog.InclusionProof;
import cn.zhengyin.trust.translog.LeafHashes;
import cn.zhengyin.trust.translog.LogEntry;
import cn.zhengyin.trust.translog.MerkleTree;
import cn.zhengyin.trust.translog.SignedTreeHead;
import cn.zhengyin.trust.translog.TransparencyLogException;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transparency log in MongoDB.
 *
 * <ul>
 *   <li>{@code translog_leaves}: one document per leaf, {@code _id} = leaf index (unique), the entry's fields, and
 *   {@code key} (unique) = identifier/eventType/time-in-ms so that a retried append finds its leaf instead of adding
 *   another.</li>
 *   <li>{@code translog_by_identifier}: {@code _id} = licence version identifier, {@code leaves} = its leaf indexes
 *   ({@code $addToSet}), so the leaves of a version are read by {@code _id} (every verification asks for them; the
 *   embedded store ignores non-unique secondary indexes and would scan every leaf). Written before the leaf; an index
 *   whose leaf is missing or belongs to another identifier (an append that failed) is skipped. Leaves written before
 *   this collection existed are indexed once at start-up (marker {@code translog_meta}).</li>
 *   <li>{@code translog_nodes}: the hash of every complete subtree, {@code _id} = "level/index" (level 0 = leaf
 *   hashes). Written once when an append completes the subtree, never changed: roots and proofs read O(log n) of
 *   them.</li>
 * </ul>
 *
 * <p>One writer: appends are serialised by this object's lock (run a single licence-service instance as the log
 * writer, or put a lease in front of it); the unique {@code _id} makes a second writer fail instead of forking the
 * log. No multi-document transactions: an append inserts the leaf, then writes the subtree hashes it completes,
 * highest level first and the level-0 hash last, so "level-0 hash present" implies "every hash it completes is
 * present". After a crash in between, start-up recomputes the missing hashes of the trailing leaves from the leaf
 * documents.
 */
public final class MongoTransparencyLog implements LicenceEventLog, TransparencyEvidenceSource, LeafHashes {
    private static final Logger LOG = LoggerFactory.getLogger(MongoTransparencyLog.class);
    private final MongoCollection<Document> leaves;
    private final MongoCollection<Document> nodes;
    private final MongoCollection<Document> byIdentifier;
    private final SigningKey key;
    private final Clock clock;
    private final java.util.function.Consumer<LicenceEventLogged> onLogged;
    private volatile long size;
    /** Guarded by {@code this}. */
    private SignedTreeHead latest;

    /** One leaf of the log. */
    public record LoggedEntry(long index, LogEntry entry) {}

    public MongoTransparencyLog(MongoDatabase database, SigningKey key, Clock clock) {
        this(database, key, clock, logged -> {});
    }

    /**
     * @param onLogged told of each event newly appended (not of a retried append that found its leaf), after the
     *                 append completed; what it throws is logged and never fails the append
     */
    public MongoTransparencyLog(
            MongoDatabase database,
            SigningKey key,
            Clock clock,
            java.util.function.Consumer<LicenceEventLogged> onLogged) {
        this.onLogged = onLogged;
        this.leaves = database.getCollection("translog_leaves");
        this.nodes = database.getCollection("translog_nodes");
        this.key = key;
        this.clock = clock;
        this.byIdentifier = database.getCollection("translog_by_identifier");
        leaves.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
        backfillByIdentifier(database.getCollection("translog_meta"));
        recover();
    }

    @Override
    public synchronized long append(LicenceVersion version, String eventType, Instant at) {
        LogEntry entry = new LogEntry(
                version.identifier(),
                version.version(),
                eventType,
                version.renditions().stream()
                        .map(MongoTransparencyLog::documentHash)
                        .toList(),
                at);
        String dedupKey = entry.identifier() + "/" + entry.eventType() + "/"
                + entry.time().toEpochMilli();
        // No read first (issue #18): a new event is simply inserted; the unique key makes a retried append fail, and
        // only then is its leaf looked up (and the index this attempt listed for the identifier taken back — readers
        // skip an index whose leaf belongs to another identifier anyway).
        long index = size;
        indexLeaf(entry.identifier(), index);
        try {
            leaves.insertOne(toDocument(index, dedupKey, entry));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                Document existing = leaves.find(eq("key", dedupKey)).first();
                if (existing != null) {
                    byIdentifier.updateOne(
                            eq("_id", entry.identifier()), new Document("$pull", new Document("leaves", index)));
                    return ((Number) existing.get("_id")).longValue();
                }
                throw new IllegalStateException(
                        "transparency log leaf " + index + " or event " + dedupKey
                                + " was written by another writer; only one licence-service instance may append to the log",
                        e);
            }
            throw e;
        }
        writeSubtrees(index, entry.leafHash());
        size = index + 1;
        try {
            onLogged.accept(new LicenceEventLogged(
                    version.identifier(), version.typeCode(), version.issuerCode(), eventType, at));
        } catch (RuntimeException e) {
            LOG.warn("listener of logged licence event {} failed: {}", dedupKey, e.toString());
        }
        return index;
    }

    /** The log's certificate chain (signer first): what signed tree heads are verified with. */
    public List<java.security.cert.X509Certificate> certificateChain() {
        return key.certificateChain();
    }

    /** The number of leaves. */
    public long size() {
        return size;
    }

    /** The latest signed tree head; a new one is signed when the log has grown since the last. */
    public synchronized SignedTreeHead treeHead() {
        long n = size;
        if (latest == null || latest.treeSize() != n) {
            latest = SignedTreeHead.sign(n, MerkleTree.root(this, n), clock.instant(), key);
        }
        return latest;
    }

    public Optional<LoggedEntry> entry(long index) {
        return Optional.ofNullable(leaves.find(eq("_id", index)).first()).map(MongoTransparencyLog::fromDocument);
    }

    /** The leaves of a licence version (its full GB/T 36904 identifier), in log order. */
    public List<LoggedEntry> entriesFor(String identifier) {
        Document indexed = byIdentifier.find(eq("_id", identifier)).first();
        if (indexed == null) {
            return List.of();
        }
        return indexed.getList("leaves", Number.class).stream()
                .map(Number::longValue)
                .distinct()
                .sorted()
                .flatMap(i -> entry(i).stream())
                .filter(e -> e.entry().identifier().equals(identifier))
                .toList();
    }

    @Override
    public Optional<TransparencyViews.TransparencyEvidence> evidenceFor(String identifier) {
        SignedTreeHead head = treeHead();
        List<TransparencyViews.Inclusion> inclusions = entriesFor(identifier).stream()
                .filter(e -> e.index() < head.treeSize())
                .map(e -> new TransparencyViews.Inclusion(
                        TransparencyViews.EntryView.of(e.index(), e.entry()),
                        TransparencyViews.InclusionProofView.of(
                                MerkleTree.inclusionProof(this, e.index(), head.treeSize()))))
                .toList();
        return inclusions.isEmpty()
                ? Optional.empty()
                : Optional.of(new TransparencyViews.TransparencyEvidence(
                        identifier, TransparencyViews.TreeHeadView.of(head), inclusions));
    }

    /** @throws TransparencyLogException unless {@code 0 <= leafIndex < treeSize <= size()} */
    public InclusionProof inclusionProof(long leafIndex, long treeSize) {
        requireSize(treeSize);
        return MerkleTree.inclusionProof(this, leafIndex, treeSize);
    }

    /** @throws TransparencyLogException unless {@code 0 <= first <= second <= size()} */
    public ConsistencyProof consistencyProof(long first, long second) {
        requireSize(second);
        return MerkleTree.consistencyProof(this, first, second);
    }

    @Override
    public HashValue leafHash(long index) {
        return subtreeHash(0, index);
    }

    @Override
    public HashValue subtreeHash(int level, long index) {
        Document node = nodes.find(eq("_id", nodeId(level, index))).first();
        if (node != null) {
            return HashValue.fromHex(node.getString("hash"));
        }
        // Not written yet (an append in progress or interrupted): recompute from the leaves.
        if (level == 0) {
            return entry(index)
                    .orElseThrow(() -> new TransparencyLogException(
                            "transparency log leaf " + index + " is missing; the log store was damaged"))
                    .entry()
                    .leafHash();
        }
        return LeafHashes.super.subtreeHash(level, index);
    }

    private void requireSize(long treeSize) {
        if (treeSize > size) {
            throw new TransparencyLogException("the log has " + size + " leaves; there is no tree of size " + treeSize);
        }
    }

    /**
     * Writes the subtree hashes the leaf completes in one ordered bulk write (issue #18: one command instead of one per
     * hash), highest level first and the level-0 hash last: an ordered bulk write applies its writes in order and stops
     * at the first failure, so "level-0 hash present implies every hash it completes is present" holds as it did with
     * separate writes. The left siblings it needs are the previous appends' completed subtrees, remembered in
     * {@link #frontier} (hashes are never changed once written), so an append reads none of them from the store.
     */
    private void writeSubtrees(long index, HashValue leafHash) {
        List<MerkleTree.Subtree> done = new ArrayList<>(MerkleTree.completedSubtrees(frontierFirst, index, leafHash));
        List<ReplaceOneModel<Document>> writes = new ArrayList<>(done.size());
        for (MerkleTree.Subtree s : done.reversed()) {
            String id = nodeId(s.level(), s.index());
            writes.add(new ReplaceOneModel<>(
                    eq("_id", id),
                    new Document("_id", id)
                            .append("level", s.level())
                            .append("index", s.index())
                            .append("hash", s.hash().hex()),
                    new ReplaceOptions().upsert(true)));
        }
        nodes.bulkWrite(writes, new BulkWriteOptions().ordered(true));
        for (MerkleTree.Subtree s : done) {
            remember(s.level(), s.index(), s.hash());
        }
    }

    /** The last complete subtree written at each level: {@code (index, hash)}; guarded by {@code this}. */
    private final java.util.Map<Integer, java.util.Map.Entry<Long, HashValue>> frontier = new java.util.HashMap<>();

    private void remember(int level, long index, HashValue hash) {
        frontier.put(level, java.util.Map.entry(index, hash));
    }

    /** Subtree hashes from {@link #frontier} when it holds the one asked for, else from the store. */
    private final LeafHashes frontierFirst = new LeafHashes() {
        @Override
        public HashValue leafHash(long index) {
            return subtreeHash(0, index);
        }

        @Override
        public HashValue subtreeHash(int level, long index) {
            java.util.Map.Entry<Long, HashValue> last = frontier.get(level);
            if (last != null && last.getKey() == index) {
                return last.getValue();
            }
            return MongoTransparencyLog.this.subtreeHash(level, index);
        }
    };

    /** Finds the size and rewrites the subtree hashes of trailing leaves whose append was interrupted. */
    private synchronized void recover() {
        Document last = leaves.find().sort(Sorts.descending("_id")).limit(1).first();
        size = last == null ? 0 : ((Number) last.get("_id")).longValue() + 1;
        long count = leaves.countDocuments();
        if (count != size) {
            LOG.error(
                    "transparency log: {} leaf documents for {} leaf indexes; leaves were removed from the store,"
                            + " which inclusion and consistency proofs against earlier tree heads will expose",
                    count,
                    size);
        }
        long firstMissing = size;
        while (firstMissing > 0
                && nodes.find(eq("_id", nodeId(0, firstMissing - 1))).first() == null) {
            firstMissing--;
        }
        for (long i = firstMissing; i < size; i++) {
            LoggedEntry entry = entry(i).orElseThrow();
            writeSubtrees(i, entry.entry().leafHash());
            LOG.warn("transparency log: recomputed the subtree hashes of leaf {} after an interrupted append", i);
        }
    }

    private void indexLeaf(String identifier, long index) {
        Document update = new Document("$addToSet", new Document("leaves", index));
        try {
            byIdentifier.updateOne(eq("_id", identifier), update, new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            byIdentifier.updateOne(eq("_id", identifier), update);
        }
    }

    private void backfillByIdentifier(MongoCollection<Document> meta) {
        String marker = "translog_by_identifier.backfilled";
        if (meta.find(eq("_id", marker)).first() != null) {
            return;
        }
        leaves.find()
                .projection(new Document("identifier", 1))
                .batchSize(1000)
                .forEach(d -> indexLeaf(d.getString("identifier"), ((Number) d.get("_id")).longValue()));
        meta.replaceOne(
                eq("_id", marker),
                new Document("_id", marker).append("at", Date.from(clock.instant())),
                new ReplaceOptions().upsert(true));
        LOG.info("transparency log: indexed the existing leaves by identifier (once)");
    }

    private static String nodeId(int level, long index) {
        return level + "/" + index;
    }

    /**
     * A rendition as a document of the log entry. The log's kinds are tokens ({@code [A-Z][A-Z0-9_]*}): a renewed
     * archive PDF ({@code PDF-RENEWAL-1}) is logged as {@code PDF_RENEWAL_1}.
     */
    private static LogEntry.DocumentHash documentHash(Rendition r) {
        return new LogEntry.DocumentHash(r.kind().replace('-', '_'), HashValue.fromHex(r.sha256()));
    }

    private static Document toDocument(long index, String dedupKey, LogEntry entry) {
        return new Document("_id", index)
                .append("key", dedupKey)
                .append("identifier", entry.identifier())
                .append("version", entry.version())
                .append("eventType", entry.eventType())
                .append(
                        "documents",
                        entry.documents().stream()
                                .map(d -> new Document("kind", d.kind())
                                        .append("sha256", d.sha256().hex()))
                                .toList())
                .append("time", Date.from(entry.time()));
    }

    private static LoggedEntry fromDocument(Document d) {
        List<LogEntry.DocumentHash> documents = d.getList("documents", Document.class).stream()
                .map(x -> new LogEntry.DocumentHash(x.getString("kind"), HashValue.fromHex(x.getString("sha256"))))
                .toList();
        return new LoggedEntry(
                ((Number) d.get("_id")).longValue(),
                new LogEntry(
                        d.getString("identifier"),
                        ((Number) d.get("version")).intValue(),
                        d.getString("eventType"),
                        documents,
                        d.getDate("time").toInstant()));
    }
}
