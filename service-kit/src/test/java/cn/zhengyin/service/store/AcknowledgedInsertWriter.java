package cn.zhengyin.service.store;

import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * Child-process main for {@link EmbeddedMongoKillTest}: opens the embedded server on a data directory and inserts
 * documents from several threads, printing {@code ACK <id>} after each insert has been acknowledged. Runs until
 * killed, or stops by itself after a bounded number of inserts or seconds.
 *
 * <p>Arguments: data directory, id prefix, number of writer threads.
 */
public final class AcknowledgedInsertWriter {

    static final int MAX_INSERTS_PER_THREAD = 200_000;
    static final Duration MAX_RUNTIME = Duration.ofSeconds(60);

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        String prefix = args[1];
        int threads = Integer.parseInt(args[2]);
        EmbeddedMongoServer server = EmbeddedMongoServer.open(directory);
        MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(server.connectionString())
                .writeConcern(WriteConcern.ACKNOWLEDGED)
                .build());
        MongoCollection<Document> items = client.getDatabase("killtest").getCollection("items");
        items.createIndex(Indexes.ascending("serial"), new IndexOptions().unique(true));
        System.out.println("READY");
        System.out.flush();
        long deadline = System.nanoTime() + MAX_RUNTIME.toNanos();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            writers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < MAX_INSERTS_PER_THREAD && System.nanoTime() < deadline; i++) {
                    String id = prefix + "-" + thread + "-" + i;
                    items.insertOne(new Document("_id", id).append("serial", id).append("payload", "x".repeat(200)));
                    synchronized (System.out) {
                        System.out.println("ACK " + id);
                        System.out.flush();
                    }
                }
            }));
        }
        for (Thread writer : writers) {
            writer.join(TimeUnit.SECONDS.toMillis(MAX_RUNTIME.toSeconds() + 5));
        }
        client.close();
        server.close();
    }
}
