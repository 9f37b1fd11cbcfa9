package cn.zhengyin.licence.registry.internal;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import cn.zhengyin.licence.registry.Licence;
import cn.zhengyin.licence.registry.LicenceStatus;
import cn.zhengyin.licence.registry.LicenceVersion;
import cn.zhengyin.service.store.EmbeddedMongoServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;
import org.bson.Document;

/**
 * Not a test (no timed unit tests): a manual measurement of the registry's lookups on an on-disk embedded store with
 * many versions, before (the secondary-index queries the embedded store answers by scanning) and after (lookups by
 * {@code _id}). Run from licence-service with the test classpath:
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) cn.zhengyin.licence.registry.internal.RegistryAtScaleBenchmark 200000}.
 */
public final class RegistryAtScaleBenchmark {

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int oldQueries = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path dir = Files.createTempDirectory("registry-at-scale");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.open(dir);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase db = client.getDatabase("licences");
            MongoCollection<Document> versions = db.getCollection("licence_versions");
            MongoCollection<Document> licences = db.getCollection("licences");
            long t0 = System.nanoTime();
            List<Document> vb = new ArrayList<>();
            List<Document> lb = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String root = String.format("11100000XF0000001X001.11110100000000019Q.%011d", i);
                String holder = String.format("H%06d", i % (count / 4));
                LicenceVersion v = MongoLicenceRegistryLookupTest.version(root, 1, holder, "bytes");
                vb.add(MongoLicenceRegistry.toDocument(v));
                lb.add(MongoLicenceRegistry.toDocument(new Licence(
                        root,
                        "T",
                        "I",
                        holder,
                        1,
                        v.identifier(),
                        LicenceStatus.VALID,
                        v.validFrom(),
                        v.validUntil(),
                        List.of(),
                        0)));
                if (vb.size() == 1000) {
                    versions.insertMany(vb);
                    licences.insertMany(lb);
                    vb.clear();
                    lb.clear();
                }
            }
            if (!vb.isEmpty()) {
                versions.insertMany(vb);
                licences.insertMany(lb);
            }
            System.out.printf(
                    "seeded %d versions + %d heads in %d s; data file %d MB%n",
                    count,
                    count,
                    (System.nanoTime() - t0) / 1_000_000_000,
                    Files.size(server.dataFile().orElseThrow()) >> 20);
            Random random = new Random(7);
            int[] picks = random.ints(1000, 0, count).toArray();

            // Before: the queries the registry used to make (the embedded store ignores their secondary indexes).
            versions.createIndex(new Document("renditions.sha256", 1));
            licences.createIndex(new Document("holderCode", 1));
            time(
                    "before: file SHA-256 (renditions.sha256 query)",
                    oldQueries,
                    i -> versions.find(eq("renditions.sha256", hash(picks[i]))).first());
            time(
                    "before: holder (holderCode $in query)",
                    oldQueries,
                    i -> licences.find(in("holderCode", List.of(holder(picks[i], count))))
                            .sort(Sorts.descending("_id"))
                            .into(new ArrayList<>()));
            time(
                    "before: versions of a root (root query)",
                    oldQueries,
                    i -> versions.find(eq("root", root(picks[i])))
                            .sort(Sorts.ascending("version"))
                            .into(new ArrayList<>()));

            long b0 = System.nanoTime();
            MongoLicenceRegistry registry = new MongoLicenceRegistry(db, Clock.systemUTC());
            System.out.printf(
                    "one-time backfill of rendition_hashes + holder_licences: %d s%n",
                    (System.nanoTime() - b0) / 1_000_000_000);
            time("after: file SHA-256 (rendition_hashes by _id + version by _id)", 1000, i -> {
                if (registry.findVersionByFileSha256(hash(picks[i])).isEmpty()) {
                    throw new AssertionError("not found: " + picks[i]);
                }
            });
            time("after: holder (holder_licences by _id + heads by _id $in)", 1000, i -> {
                if (registry.findByHolderCodes(List.of(holder(picks[i], count))).size() != 4) {
                    throw new AssertionError("holder " + holder(picks[i], count));
                }
            });
            time("after: versions of a root (unique (root, version) probes)", 1000, i -> {
                if (registry.versions(root(picks[i])).size() != 1) {
                    throw new AssertionError("versions " + picks[i]);
                }
            });
            time("after: lookup by identifier (head + version by _id)", 1000, i -> {
                var unusedLicence = registry.findLicence(root(picks[i])).orElseThrow();
                var unusedVersion =
                        registry.findVersion(root(picks[i]) + ".001").orElseThrow();
            });
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String root(int i) {
        return String.format("11100000XF0000001X001.11110100000000019Q.%011d", i);
    }

    private static String hash(int i) {
        return MongoLicenceRegistryLookupTest.sha(root(i), 1, "bytes", "PDF");
    }

    private static String holder(int i, int count) {
        return String.format("H%06d", i % (count / 4));
    }

    private static void time(String what, int n, IntConsumer lookup) {
        if (n == 0) {
            return;
        }
        for (int i = 0; i < (n >= 100 ? 20 : 1); i++) {
            lookup.accept(999 - i); // warm-up (picks has 1000 entries)
        }
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            lookup.accept(i);
            nanos[i] = System.nanoTime() - s;
        }
        Arrays.sort(nanos);
        System.out.printf(
                "%-70s n=%4d  p50 %9.2f ms  p99 %9.2f ms  max %9.2f ms%n",
                what,
                n,
                nanos[n / 2] / 1e6,
                nanos[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1e6,
                nanos[n - 1] / 1e6);
    }
}
