package cn.zhengyin.service.backup;

import cn.zhengyin.service.store.EmbeddedMongoServer;
import cn.zhengyin.trust.SuppressForbidden;
import cn.zhengyin.trust.crypto.Digests;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Backs up every collection of a database to {@code <collection>.jsonl.gz} (one canonical Extended JSON document a
 * line, so binary data, dates and 64-bit numbers keep their types) plus {@code manifest.json} with each collection's
 * document count and the SHA-256 of its file; restores such a backup into an empty database after checking every
 * SHA-256, and checks the counts afterwards.
 *
 * <p>Command line ({@code java -cp service-kit.jar:… cn.zhengyin.service.backup.StoreBackup}, see
 * docs/backup-restore.md):
 * <pre>
 *   backup  SOURCE DATABASE DIRECTORY
 *   restore DIRECTORY TARGET DATABASE [--force]
 * </pre>
 * SOURCE/TARGET is a {@code mongodb://} connection string or {@code embedded:PATH} (an embedded-store data directory;
 * the service using it must be stopped).
 */
public final class StoreBackup {
    static final String MANIFEST = "manifest.json";
    /** Documents fetched per query while backing up: 100 licence files are ~22 MB. */
    static final int FETCH_BATCH = 100;

    private static final JsonWriterSettings CANONICAL =
            JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private StoreBackup() {}

    /** One collection in a backup. */
    public record CollectionEntry(String name, long documents, String file, String sha256) {}

    /** What a backup holds. */
    public record Manifest(String database, List<CollectionEntry> collections) {
        public long documents() {
            return collections.stream().mapToLong(CollectionEntry::documents).sum();
        }
    }

    /** Thrown when a backup cannot be restored: a changed file, a non-empty target, a count that differs. */
    public static final class BackupException extends RuntimeException {
        public BackupException(String message) {
            super(message);
        }
    }

    public static Manifest backup(MongoDatabase database, Path directory) {
        try {
            Files.createDirectories(directory);
            if (Files.exists(directory.resolve(MANIFEST))) {
                throw new BackupException(directory + " holds a backup already; give an empty directory");
            }
            List<CollectionEntry> entries = new ArrayList<>();
            for (String name : new TreeSet<>(database.listCollectionNames().into(new ArrayList<>()))) {
                String file = name + ".jsonl.gz";
                long count = 0;
                try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
                        new GZIPOutputStream(Files.newOutputStream(directory.resolve(file))),
                        StandardCharsets.UTF_8))) {
                    count = writeDocuments(database.getCollection(name), out);
                }
                entries.add(new CollectionEntry(name, count, file, Digests.sha256Hex(directory.resolve(file))));
            }
            Manifest manifest = new Manifest(database.getName(), List.copyOf(entries));
            Files.writeString(directory.resolve(MANIFEST), toJson(manifest), StandardCharsets.UTF_8);
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backup to " + directory, e);
        }
    }

    /**
     * Writes every document of {@code collection}, one line each, holding at most {@value #FETCH_BATCH} documents in
     * memory: first the {@code _id}s, then the documents by {@code _id}, {@value #FETCH_BATCH} at a time. A plain
     * {@code find()} would do on MongoDB, but the embedded store (mongo-java-server) builds a query's whole answer in
     * memory before the first batch — and sorts by buffering whole documents — so the licence files of a store with
     * 100,000 licences (20 GB) could not be backed up that way. Documents are in the collection's natural order;
     * one deleted meanwhile is left out (back up a stopped service, or expect MongoDB's non-snapshot semantics).
     */
    private static long writeDocuments(MongoCollection<Document> collection, BufferedWriter out) throws IOException {
        List<Object> ids = new ArrayList<>();
        collection
                .find()
                .projection(Projections.include("_id"))
                .batchSize(10_000)
                .forEach(d -> ids.add(d.get("_id")));
        long count = 0;
        for (int from = 0; from < ids.size(); from += FETCH_BATCH) {
            List<Object> batch = ids.subList(from, Math.min(from + FETCH_BATCH, ids.size()));
            Map<Object, Document> found = new HashMap<>();
            collection.find(Filters.in("_id", batch)).batchSize(16).forEach(d -> found.put(d.get("_id"), d));
            for (Object id : batch) {
                Document d = found.get(id);
                if (d != null) {
                    out.write(d.toJson(CANONICAL));
                    out.write('\n');
                    count++;
                }
            }
        }
        return count;
    }

    public static Manifest readManifest(Path directory) {
        try {
            Document m = Document.parse(Files.readString(directory.resolve(MANIFEST), StandardCharsets.UTF_8));
            List<CollectionEntry> entries = m.getList("collections", Document.class).stream()
                    .map(c -> new CollectionEntry(
                            c.getString("name"),
                            ((Number) c.get("documents")).longValue(),
                            c.getString("file"),
                            c.getString("sha256")))
                    .toList();
            return new Manifest(m.getString("database"), entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory.resolve(MANIFEST), e);
        }
    }

    /**
     * Restores the backup in {@code directory} into {@code database}.
     *
     * @param force also restore into a database that has collections: the backed-up collections are dropped first
     */
    public static Manifest restore(Path directory, MongoDatabase database, boolean force) {
        Manifest manifest = readManifest(directory);
        for (CollectionEntry c : manifest.collections()) {
            String actual = Digests.sha256Hex(directory.resolve(c.file()));
            if (!actual.equals(c.sha256())) {
                throw new BackupException(c.file() + " has SHA-256 " + actual + " but the manifest says " + c.sha256()
                        + "; the backup is damaged or was changed — restore from another copy");
            }
        }
        List<String> existing = database.listCollectionNames().into(new ArrayList<>());
        if (!existing.isEmpty() && !force) {
            throw new BackupException("database " + database.getName() + " is not empty (collections " + existing
                    + "); restore into an empty database, or pass --force to replace the backed-up collections");
        }
        for (CollectionEntry c : manifest.collections()) {
            MongoCollection<Document> collection = database.getCollection(c.name());
            if (force) {
                collection.drop();
            }
            List<Document> batch = new ArrayList<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(directory.resolve(c.file()))), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    batch.add(Document.parse(line));
                    if (batch.size() == 200) {
                        collection.insertMany(batch);
                        batch.clear();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + directory.resolve(c.file()), e);
            }
            if (!batch.isEmpty()) {
                collection.insertMany(batch);
            }
            long restored = collection.countDocuments();
            if (restored != c.documents()) {
                throw new BackupException("collection " + c.name() + " has " + restored
                        + " documents after restore; the " + "manifest says " + c.documents());
            }
        }
        return manifest;
    }

    private static String toJson(Manifest m) {
        List<Document> collections = m.collections().stream()
                .map(c -> new Document("name", c.name())
                        .append("documents", c.documents())
                        .append("file", c.file())
                        .append("sha256", c.sha256()))
                .toList();
        return new Document("format", "zhengyin-store-backup/1")
                        .append("database", m.database())
                        .append("collections", collections)
                        .toJson(JsonWriterSettings.builder()
                                .outputMode(JsonMode.RELAXED)
                                .indent(true)
                                .build())
                + "\n";
    }

    @SuppressForbidden // the backup command line: printing its result is its job
    public static void main(String[] args) {
        if (args.length < 4 || !List.of("backup", "restore").contains(args[0])) {
            System.err.println("usage: StoreBackup backup SOURCE DATABASE DIRECTORY\n"
                    + "       StoreBackup restore DIRECTORY TARGET DATABASE [--force]\n"
                    + "SOURCE/TARGET: mongodb://… or embedded:PATH (embedded-store data directory, service stopped)");
            System.exit(2);
        }
        boolean backup = args[0].equals("backup");
        String store = backup ? args[1] : args[2];
        String databaseName = backup ? args[2] : args[3];
        Path directory = Path.of(backup ? args[3] : args[1]);
        EmbeddedMongoServer embedded = store.startsWith("embedded:")
                ? EmbeddedMongoServer.open(Path.of(store.substring("embedded:".length())), 0, true)
                : null;
        try (MongoClient client = MongoClients.create(
                embedded != null ? embedded.connectionString().toString() : store)) {
            MongoDatabase database = client.getDatabase(databaseName);
            Manifest m = backup
                    ? backup(database, directory)
                    : restore(directory, database, args.length > 4 && args[4].equals("--force"));
            System.out.println((backup ? "backed up " : "restored ") + m.documents() + " documents in "
                    + m.collections().size() + " collections of " + databaseName);
            m.collections()
                    .forEach(c -> System.out.println("  " + c.name() + " " + c.documents() + " sha256:" + c.sha256()));
        } catch (BackupException e) {
            System.err.println("StoreBackup: " + e.getMessage());
            System.exit(1);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
