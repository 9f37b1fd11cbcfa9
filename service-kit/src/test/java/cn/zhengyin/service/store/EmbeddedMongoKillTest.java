package cn.zhengyin.service.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that writes to the embedded server with SIGKILL in the middle of a stream of acknowledged inserts,
 * then reopens the data file and checks that every acknowledged insert is there.
 */
class EmbeddedMongoKillTest {

    private static final int ROUNDS = 2;
    private static final int WRITER_THREADS = 3;

    @TempDir
    Path dataDirectory;

    @Test
    void everyAcknowledgedInsertSurvivesKillMinusNine() throws Exception {
        Set<String> acknowledged = new HashSet<>();
        for (int round = 0; round < ROUNDS; round++) {
            // kill after a varying number of acknowledgements, so the kill lands at different points
            int killAfter = 150 + round * 450;
            List<String> acked = runAndKill("r" + round, killAfter);
            assertThat(acked)
                    .as("acknowledged inserts before the kill in round %d", round)
                    .hasSizeGreaterThanOrEqualTo(killAfter);
            acknowledged.addAll(acked);

            try (EmbeddedMongoServer reopened = EmbeddedMongoServer.open(dataDirectory);
                    MongoClient client = MongoClients.create(reopened.connectionString())) {
                MongoCollection<Document> items = client.getDatabase("killtest").getCollection("items");
                Set<String> stored = new HashSet<>();
                items.find().projection(Projections.include("_id")).forEach(d -> stored.add(d.getString("_id")));
                assertThat(stored).as("documents after kill %d", round + 1).containsAll(acknowledged);
                // the unique index survived with its entries: re-inserting an acknowledged serial is rejected
                String someId = acked.get(acked.size() / 2);
                assertThat(items.countDocuments(Filters.eq("serial", someId))).isEqualTo(1);
                assertThat(EmbeddedMongoStoreTest.duplicateKeyCode(
                                () -> items.insertOne(new Document("_id", "other-" + someId).append("serial", someId))))
                        .isEqualTo(11000);
            }
        }
    }

    private List<String> runAndKill(String prefix, int killAfter) throws Exception {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder builder = new ProcessBuilder(
                java,
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path"),
                AcknowledgedInsertWriter.class.getName(),
                dataDirectory.toString(),
                prefix,
                String.valueOf(WRITER_THREADS));
        builder.redirectError(dataDirectory.resolve("writer-" + prefix + ".log").toFile());
        Process process = builder.start();
        List<String> acked = new ArrayList<>();
        CountDownLatch enough = new CountDownLatch(1);
        AtomicInteger count = new AtomicInteger();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("ACK ")) {
                        synchronized (acked) {
                            acked.add(line.substring(4));
                        }
                        if (count.incrementAndGet() >= killAfter) {
                            enough.countDown();
                        }
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                enough.countDown();
            }
        });
        try {
            assertThat(enough.await(90, TimeUnit.SECONDS))
                    .as("child acknowledged %d inserts", killAfter)
                    .isTrue();
            assertThat(process.isAlive()).as("child still writing when killed").isTrue();
        } finally {
            // SIGKILL through the ProcessHandle: Process.destroyForcibly() sends the same signal but also closes our
            // end
            // of the child's stdout, which would lose acknowledgements still in the pipe.
            process.toHandle().destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        reader.get(30, TimeUnit.SECONDS); // every line the child printed before dying was an acknowledged insert
        assertThat(process.exitValue())
                .as("exit status of a process killed by SIGKILL")
                .isEqualTo(128 + 9);
        synchronized (acked) {
            return List.copyOf(acked);
        }
    }
}
