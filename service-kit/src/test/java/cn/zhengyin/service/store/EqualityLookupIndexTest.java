package cn.zhengyin.service.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's unique indexes answer queries with extra conditions ({@link EqualityLookupIndex}) and give
 * exactly the answers of the unmodified mongo-java-server, which scans for them.
 */
class EqualityLookupIndexTest {
    @RegisterExtension
    final InMemoryMongo ours = new InMemoryMongo();

    private MongoServer reference;
    private MongoClient oursClient;
    private MongoClient referenceClient;

    @BeforeEach
    void start() {
        oursClient = ours.client();
        reference = new MongoServer(H2Backend.inMemory());
        InetSocketAddress address = reference.bind();
        referenceClient = MongoClients.create("mongodb://localhost:" + address.getPort());
    }

    @AfterEach
    void stop() {
        referenceClient.close();
        reference.shutdownNow();
    }

    @Test
    void queriesAndConditionalUpdatesByIdAnswerAsTheScanDoes() {
        List<MongoCollection<Document>> both = List.of(collection(oursClient), collection(referenceClient));
        for (MongoCollection<Document> c : both) {
            c.createIndex(Indexes.ascending("root", "version"), new IndexOptions().unique(true));
            for (int i = 0; i < 50; i++) {
                c.insertOne(new Document("_id", "L" + i)
                        .append("root", "R" + i / 5)
                        .append("version", i % 5)
                        .append("revision", (long) i % 3)
                        .append("state", i % 2 == 0 ? "IN_PROGRESS" : "COMPLETED")
                        .append("identifier", i % 4 == 0 ? null : "ID" + i)
                        .append("tags", List.of("a", "b" + i))
                        .append("leaseUntil", new Date(1_000_000L * i)));
            }
            c.insertOne(new Document("_id", 7).append("revision", 0L)); // a numeric _id among strings
        }
        List<Bson> queries = List.of(
                new Document("_id", "L3").append("revision", 0L),
                new Document("_id", "L3").append("revision", 1L),
                and(eq("_id", "L4"), eq("identifier", null)),
                and(eq("_id", "L5"), eq("identifier", null)),
                and(eq("_id", "L6"), eq("state", "IN_PROGRESS"), Filters.lt("leaseUntil", new Date(7_000_000L))),
                and(eq("_id", "L6"), eq("state", "IN_PROGRESS"), Filters.lt("leaseUntil", new Date(5_000_000L))),
                new Document("_id", "L9").append("tags", "b9"),
                new Document("_id", "L9")
                        .append("$or", List.of(new Document("state", "X"), new Document("revision", 0L))),
                new Document("_id", "missing").append("revision", 0L),
                new Document("_id", 7L).append("revision", 0L),
                new Document("_id", 7.0),
                new Document("_id", new Document("$in", List.of("L1", "L2"))).append("revision", 1L),
                new Document("_id", new Document("$gt", "L40")).append("state", "COMPLETED"),
                new Document("_id", java.util.regex.Pattern.compile("^L1")).append("state", "COMPLETED"),
                new Document("root", "R2").append("version", 3).append("state", "COMPLETED"),
                new Document("root", "R2").append("version", 3).append("state", "IN_PROGRESS"),
                new Document("root", "R2").append("state", "COMPLETED"),
                new Document("revision", 2L));
        for (Bson q : queries) {
            assertThat(ids(both.get(0), q)).as("query %s", q).isEqualTo(ids(both.get(1), q));
        }
        // Conditional updates: applied exactly when the condition holds, on both.
        List<Function<MongoCollection<Document>, Long>> updates = List.of(
                c -> c.updateOne(new Document("_id", "L3").append("revision", 0L), Updates.inc("revision", 1L))
                        .getModifiedCount(),
                c -> c.updateOne(new Document("_id", "L3").append("revision", 0L), Updates.inc("revision", 1L))
                        .getModifiedCount(),
                c -> c.updateOne(and(eq("_id", "L8"), eq("identifier", null)), Updates.set("identifier", "X"))
                        .getModifiedCount(),
                c -> c.updateOne(and(eq("_id", "L8"), eq("identifier", null)), Updates.set("identifier", "Y"))
                        .getModifiedCount(),
                c -> c.deleteOne(new Document("_id", "L10").append("state", "COMPLETED"))
                        .getDeletedCount(),
                c -> c.deleteOne(new Document("_id", "L10").append("state", "IN_PROGRESS"))
                        .getDeletedCount(),
                c -> c.countDocuments(new Document("_id", "L10")));
        for (Function<MongoCollection<Document>, Long> update : updates) {
            assertThat(update.apply(both.get(0))).isEqualTo(update.apply(both.get(1)));
        }
        assertThat(both.get(0).find().into(new ArrayList<>()))
                .isEqualTo(both.get(1).find().into(new ArrayList<>()));
        // …and the embedded store answered them through the lookup indexes (the reference scanned).
        var records = (de.bwaldvogel.mongo.backend.AbstractMongoCollection<?>)
                ours.backend().resolveDatabase("lookup_test").resolveCollection("records", true);
        assertThat(records.getIndexes()).hasSize(2).allMatch(i -> i instanceof EqualityLookupIndex);
    }

    @Test
    void aQueryPinningEveryKeyOfAUniqueIndexIsAnsweredByLookingUpJustThoseKeys() {
        List<Document> asked = new ArrayList<>();
        EqualityLookupIndex index = new EqualityLookupIndex(new RecordingIndex(asked, "root", "version"));

        de.bwaldvogel.mongo.bson.Document query = doc("root", "R1", "version", 2, "revision", 3L);
        assertThat(index.canHandle(query)).isTrue();
        index.getPositions(query);
        de.bwaldvogel.mongo.bson.Document conjunction =
                doc("$and", List.of(doc("root", "R1"), doc("version", 2), doc("state", null)));
        assertThat(index.canHandle(conjunction)).isTrue();
        index.getPositions(conjunction);
        assertThat(asked)
                .containsExactly(
                        new Document("root", "R1").append("version", 2),
                        new Document("root", "R1").append("version", 2));

        // Not pinned, so left to the index itself (which takes only its exact keys) or to a scan:
        assertThat(index.pinnedKeys(doc("root", "R1", "revision", 3L))).isEmpty(); // a key missing
        assertThat(index.pinnedKeys(doc("root", "R1", "version", doc("$gt", 1), "x", 1)))
                .isEmpty(); // an operator
        assertThat(index.pinnedKeys(doc("root", "R1", "version", List.of(1, 2), "x", 1)))
                .isEmpty(); // an array
        assertThat(index.pinnedKeys(doc("root", null, "version", 1, "x", 1))).isEmpty(); // null: or missing
        assertThat(index.pinnedKeys(doc("$or", List.of(doc("root", "R1", "version", 2)))))
                .isEmpty(); // a disjunction
        assertThat(index.canHandle(doc("$or", List.of(doc("root", "R1", "version", 2)))))
                .isFalse();
    }

    @Test
    void aStoreReopenedFromDiskKeepsItsUniqueIndexesAndTheirLookups(@TempDir Path directory) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.open(directory);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> c = collection(client);
            c.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            c.insertOne(new Document("_id", "A").append("key", "k1").append("revision", 0L));
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.open(directory);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> c = collection(client);
            assertThat(c.updateOne(new Document("_id", "A").append("revision", 0L), Updates.inc("revision", 1L))
                            .getModifiedCount())
                    .isEqualTo(1);
            assertThat(c.find(new Document("key", "k1").append("revision", 1L)).first())
                    .isNotNull();
            assertThat(EmbeddedMongoStoreTest.duplicateKeyCode(
                            () -> c.insertOne(new Document("_id", "B").append("key", "k1"))))
                    .isEqualTo(11000);
            assertThat(EmbeddedMongoStoreTest.duplicateKeyCode(() -> c.insertOne(new Document("_id", "A"))))
                    .isEqualTo(11000);
        }
    }

    private static MongoCollection<Document> collection(MongoClient client) {
        return client.getDatabase("lookup_test").getCollection("records");
    }

    private static List<Object> ids(MongoCollection<Document> c, Bson query) {
        List<Object> ids = new ArrayList<>();
        c.find(query).sort(new Document("_id", 1)).forEach(d -> ids.add(d.get("_id")));
        return ids;
    }

    private static de.bwaldvogel.mongo.bson.Document doc(Object... keysAndValues) {
        de.bwaldvogel.mongo.bson.Document d = new de.bwaldvogel.mongo.bson.Document();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            d.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return d;
    }

    /** A unique index that records the queries it is asked to look up. */
    private static final class RecordingIndex extends de.bwaldvogel.mongo.backend.Index<Object> {
        private final List<Document> asked;

        RecordingIndex(List<Document> asked, String... keys) {
            super(
                    "test",
                    java.util.Arrays.stream(keys)
                            .map(k -> new IndexKey(k, true))
                            .toList(),
                    false);
            this.asked = asked;
        }

        @Override
        public boolean canHandle(de.bwaldvogel.mongo.bson.Document query) {
            // As mongo-java-server's compound unique index: exactly its keys, each with a plain value.
            return query.keySet().equals(keySet())
                    && query.values().stream()
                            .noneMatch(v -> v instanceof de.bwaldvogel.mongo.bson.Document || v instanceof List<?>);
        }

        @Override
        public Iterable<Object> getPositions(de.bwaldvogel.mongo.bson.Document query) {
            asked.add(new Document(query));
            return List.of();
        }

        @Override
        public boolean isUnique() {
            return true;
        }

        @Override
        public Object getPosition(de.bwaldvogel.mongo.bson.Document document) {
            return null;
        }

        @Override
        public void checkAdd(de.bwaldvogel.mongo.bson.Document d, de.bwaldvogel.mongo.MongoCollection<Object> c) {}

        @Override
        public void add(de.bwaldvogel.mongo.bson.Document d, Object p, de.bwaldvogel.mongo.MongoCollection<Object> c) {}

        @Override
        public Object remove(de.bwaldvogel.mongo.bson.Document document) {
            return null;
        }

        @Override
        public long getCount() {
            return 0;
        }

        @Override
        public long getDataSize() {
            return 0;
        }

        @Override
        public void checkUpdate(
                de.bwaldvogel.mongo.bson.Document o,
                de.bwaldvogel.mongo.bson.Document n,
                de.bwaldvogel.mongo.MongoCollection<Object> c) {}

        @Override
        public void updateInPlace(
                de.bwaldvogel.mongo.bson.Document o,
                de.bwaldvogel.mongo.bson.Document n,
                Object p,
                de.bwaldvogel.mongo.MongoCollection<Object> c) {}

        @Override
        public void drop() {}
    }
}
