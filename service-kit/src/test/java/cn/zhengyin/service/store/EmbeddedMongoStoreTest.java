package cn.zhengyin.service.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoStoreTest {

    @TempDir
    Path dataDirectory;

    static int duplicateKeyCode(Runnable insert) {
        try {
            insert.run();
        } catch (MongoWriteException e) {
            return e.getError().getCode();
        }
        throw new AssertionError("expected a duplicate key error");
    }

    @Test
    void uniqueIndexRejectsDuplicateWithCode11000() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.open(dataDirectory);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> licences = client.getDatabase("t").getCollection("licences");
            licences.createIndex(Indexes.ascending("identifier"), new IndexOptions().unique(true));
            licences.insertOne(new Document("identifier", "ZY-1").append("holder", "a"));

            assertThat(duplicateKeyCode(() -> licences.insertOne(new Document("identifier", "ZY-1"))))
                    .isEqualTo(11000);
            assertThat(licences.countDocuments()).isEqualTo(1);
        }
    }

    @Test
    void uniqueIndexSurvivesRestart() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.open(dataDirectory);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> licences = client.getDatabase("t").getCollection("licences");
            licences.createIndex(Indexes.ascending("identifier"), new IndexOptions().unique(true));
            licences.insertOne(new Document("identifier", "ZY-2"));
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.open(dataDirectory);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> licences = client.getDatabase("t").getCollection("licences");
            assertThat(duplicateKeyCode(() -> licences.insertOne(new Document("identifier", "ZY-2"))))
                    .isEqualTo(11000);
        }
    }

    @Test
    void findOneAndUpdateOnVersionDetectsConcurrentModification() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> seals = client.getDatabase("t").getCollection("seals");
            seals.insertOne(new Document("_id", "seal-1").append("version", 1L).append("status", "ACTIVE"));
            FindOneAndUpdateOptions after = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);

            Document first = seals.findOneAndUpdate(
                    Filters.and(Filters.eq("_id", "seal-1"), Filters.eq("version", 1L)),
                    Updates.combine(Updates.set("status", "SUSPENDED"), Updates.inc("version", 1L)),
                    after);
            Document stale = seals.findOneAndUpdate(
                    Filters.and(Filters.eq("_id", "seal-1"), Filters.eq("version", 1L)),
                    Updates.combine(Updates.set("status", "REVOKED"), Updates.inc("version", 1L)),
                    after);

            assertThat(first).isNotNull();
            assertThat(first.getLong("version")).isEqualTo(2L);
            assertThat(stale).as("update based on a stale version").isNull();
            assertThat(seals.find(Filters.eq("_id", "seal-1")).first().getString("status"))
                    .isEqualTo("SUSPENDED");
        }
    }

    @Test
    void concurrentVersionedUpdatesNeverLoseAnIncrement() throws Exception {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.open(dataDirectory);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> counters = client.getDatabase("t").getCollection("counters");
            counters.insertOne(new Document("_id", "c").append("version", 0L));
            int threads = 4;
            int perThread = 50;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    int won = 0;
                    while (won < perThread) {
                        long seen =
                                counters.find(Filters.eq("_id", "c")).first().getLong("version");
                        if (counters.findOneAndUpdate(
                                        Filters.and(Filters.eq("_id", "c"), Filters.eq("version", seen)),
                                        Updates.inc("version", 1L))
                                != null) {
                            won++;
                        }
                    }
                    return won;
                }));
            }
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get();
            }
            pool.shutdown();
            assertThat(total).isEqualTo(threads * perThread);
            assertThat(counters.find(Filters.eq("_id", "c")).first().getLong("version"))
                    .isEqualTo(total);
        }
    }

    /**
     * Group commit (issue #18): concurrent acknowledged writes share commits — fewer commits than writes — and every
     * acknowledged one is in the file when it is opened again (the kill test checks the same under SIGKILL).
     */
    @Test
    void concurrentWritesShareCommitsAndAllAreStored() throws Exception {
        int threads = 6;
        int perThread = 40;
        long commits;
        try (EmbeddedMongoServer server = EmbeddedMongoServer.open(dataDirectory);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> items = client.getDatabase("t").getCollection("items");
            items.insertOne(new Document("_id", "first"));
            long before = server.backend().groupCommits();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        items.insertOne(new Document("_id", thread + "-" + i).append("payload", "x".repeat(2000)));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            commits = server.backend().groupCommits() - before;
        }
        assertThat(commits).isPositive().isLessThan(threads * perThread);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.open(dataDirectory);
                MongoClient client = MongoClients.create(server.connectionString())) {
            assertThat(client.getDatabase("t").getCollection("items").countDocuments())
                    .isEqualTo(1 + threads * perThread);
        }
    }

    @Test
    void fsyncModeStoresAndReopens() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.open(dataDirectory, 0, true);
                MongoClient client = MongoClients.create(server.connectionString())) {
            client.getDatabase("t").getCollection("c").insertOne(new Document("_id", "synced"));
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.open(dataDirectory);
                MongoClient client = MongoClients.create(server.connectionString())) {
            assertThat(client.getDatabase("t").getCollection("c").countDocuments(Filters.eq("_id", "synced")))
                    .isEqualTo(1);
        }
    }

    @Test
    void secondServerOnTheSameDirectoryIsRefused() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.open(dataDirectory)) {
            assertThat(server.dataFile())
                    .contains(dataDirectory.toAbsolutePath().resolve("mongo.mv.db"));
            assertThatThrownBy(() -> EmbeddedMongoServer.open(dataDirectory)).isInstanceOf(RuntimeException.class);
        }
    }
}
