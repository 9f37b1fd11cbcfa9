package cn.zhengyin.licence.registry;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.service.store.EmbeddedMongoServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry's lookups by file hash, by holder and of a licence's versions go through {@code _id} lookup collections
 * and give the same answers as the secondary-index queries they replace, also after a crash between two writes and for
 * data written before the lookup collections existed.
 */
class MongoLicenceRegistryLookupTest {
    private static final Instant T = Instant.parse("2026-03-01T02:00:00Z");
    private EmbeddedMongoServer server;
    private MongoClient client;
    private MongoDatabase db;

    @BeforeEach
    void start() {
        server = EmbeddedMongoServer.inMemory();
        client = MongoClients.create(server.connectionString());
        db = client.getDatabase("registry_lookup_test");
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void fileHashFindsCurrentAndSupersededVersionsByEitherRendition() {
        MongoLicenceRegistry registry = new MongoLicenceRegistry(db);
        Licence head = issue(registry, "R1", "HOLDER-A");
        LicenceVersion v2 = version("R1", 2, "HOLDER-A", "b");
        assertThat(registry.saveVersion(v2)).isTrue();
        assertThat(registry.moveToVersion("R1", head.revision(), v2, event(2))).isTrue();

        assertThat(registry.findVersionByFileSha256(sha("R1", 1, "a", "PDF"))).map(LicenceVersion::identifier)
                .contains("R1.001");
        assertThat(registry.findVersionByFileSha256(sha("R1", 1, "a", "XML"))).map(LicenceVersion::identifier)
                .contains("R1.001");
        assertThat(registry.findVersionByFileSha256(sha("R1", 2, "b", "PDF"))).map(LicenceVersion::identifier)
                .contains("R1.002");
        assertThat(registry.findVersionByFileSha256("0".repeat(64))).isEmpty();
    }

    @Test
    void fileHashAnswersTheSameAsTheOldIndexQuery() {
        MongoLicenceRegistry registry = new MongoLicenceRegistry(db);
        for (int i = 0; i < 20; i++) {
            issue(registry, "R" + i, "H" + (i % 3));
        }
        registry.saveVersion(version("R0", 2, "H0", "unfinished")); // stored, head never moved: found as before
        List<String> hashes = new ArrayList<>();
        db.getCollection("licence_versions").find().forEach(d -> d.getList("renditions", Document.class)
                .forEach(r -> hashes.add(r.getString("sha256"))));
        hashes.add("f".repeat(64));
        for (String hash : hashes) {
            Optional<String> old = Optional.ofNullable(db.getCollection("licence_versions")
                    .find(eq("renditions.sha256", hash)).first()).map(d -> d.getString("_id"));
            assertThat(registry.findVersionByFileSha256(hash).map(LicenceVersion::identifier)).as(hash).isEqualTo(old);
        }
    }

    @Test
    void aHashEntryLeftByACrashBeforeTheVersionWasStoredIsNotFoundAndIsTakenOverByTheRetry() {
        MongoLicenceRegistry registry = new MongoLicenceRegistry(db);
        LicenceVersion crashed = version("R1", 1, "HOLDER-A", "first-try");
        String danglingHash = crashed.renditions().getFirst().sha256();
        // The crash: the hash entry was written, the version record never.
        db.getCollection(MongoLicenceRegistry.RENDITION_HASHES).insertOne(new Document("_id", danglingHash)
                .append("identifier", "R1.001").append("root", "R1").append("kind", "PDF"));
        assertThat(registry.findVersionByFileSha256(danglingHash)).isEmpty();

        // The retry makes the same identifier with other bytes (a new signing time): only its own hash is found.
        issue(registry, "R1", "HOLDER-A");
        assertThat(registry.findVersionByFileSha256(danglingHash)).isEmpty();
        assertThat(registry.findVersionByFileSha256(sha("R1", 1, "a", "PDF"))).map(LicenceVersion::identifier)
                .contains("R1.001");
    }

    @Test
    void anEntryWhoseVersionWasStoredAgainWithOtherBytesIsNotAMatch() {
        MongoLicenceRegistry registry = new MongoLicenceRegistry(db);
        // Entry written for R1.001 with bytes "old", then the version stored with bytes "new" (rolled back, remade).
        String oldHash = sha("R1", 1, "old", "PDF");
        db.getCollection(MongoLicenceRegistry.RENDITION_HASHES).insertOne(new Document("_id", oldHash)
                .append("identifier", "R1.001").append("root", "R1").append("kind", "PDF"));
        issue(registry, "R1", "HOLDER-A");
        assertThat(registry.findVersionByFileSha256(oldHash)).isEmpty();
    }

    @Test
    void aRolledBackVersionIsNoLongerFoundByItsHash() {
        MongoLicenceRegistry registry = new MongoLicenceRegistry(db);
        issue(registry, "R1", "HOLDER-A");
        LicenceVersion unfinished = version("R1", 2, "HOLDER-A", "b");
        registry.saveVersion(unfinished);
        String hash = unfinished.renditions().getFirst().sha256();
        assertThat(registry.findVersionByFileSha256(hash)).isPresent();

        assertThat(registry.deleteUnfinishedVersion("R1.002")).isTrue();

        assertThat(registry.findVersionByFileSha256(hash)).isEmpty();
        assertThat(db.getCollection(MongoLicenceRegistry.RENDITION_HASHES).find(eq("_id", hash)).first()).isNull();
    }

    @Test
    void holderLookupReturnsOwnLicencesNewestRootFirstAndSkipsRootsWhoseHeadWasNeverCreated() {
        MongoLicenceRegistry registry = new MongoLicenceRegistry(db);
        issue(registry, "R1", "PERSON");
        issue(registry, "R2", "COMPANY");
        issue(registry, "R3", "PERSON");
        issue(registry, "R4", "SOMEONE-ELSE");
        issue(registry, "R3", "PERSON"); // a retry: idempotent
        // The crash: holder entry written, head never created.
        db.getCollection(MongoLicenceRegistry.HOLDER_LICENCES).updateOne(eq("_id", "PERSON"),
                new Document("$addToSet", new Document("roots", "R9")), new UpdateOptions().upsert(true));

        assertThat(registry.findByHolderCodes(List.of("PERSON", "COMPANY"))).extracting(Licence::root)
                .containsExactly("R3", "R2", "R1");
        assertThat(registry.findByHolderCodes(List.of("PERSON"))).extracting(Licence::root)
                .containsExactly("R3", "R1");
        assertThat(registry.findByHolderCodes(List.of("NOBODY"))).isEmpty();
        assertThat(registry.findByHolderCodes(List.of())).isEmpty();
    }

    @Test
    void versionsOfALicenceAreListedInOrderIncludingAnUnfinishedOne() {
        MongoLicenceRegistry registry = new MongoLicenceRegistry(db);
        Licence head = issue(registry, "R1", "H");
        issue(registry, "R2", "H");
        LicenceVersion v2 = version("R1", 2, "H", "b");
        registry.saveVersion(v2);
        registry.moveToVersion("R1", head.revision(), v2, event(2));
        registry.saveVersion(version("R1", 3, "H", "c")); // unfinished: listed, as by the old query on root

        assertThat(registry.versions("R1")).extracting(LicenceVersion::identifier)
                .containsExactly("R1.001", "R1.002", "R1.003");
        assertThat(registry.versions("R2")).extracting(LicenceVersion::identifier).containsExactly("R2.001");
        assertThat(registry.versions("NONE")).isEmpty();
    }

    @Test
    void dataWrittenBeforeTheLookupCollectionsExistedIsIndexedOnceAtStartUp() {
        // Written as the previous registry did: only licences and licence_versions.
        for (int i = 1; i <= 5; i++) {
            db.getCollection("licence_versions").insertOne(MongoLicenceRegistry.toDocument(version("R" + i, 1, "H"
                    + (i % 2), "a")));
            db.getCollection("licences").insertOne(MongoLicenceRegistry.toDocument(head("R" + i, "H" + (i % 2))));
        }
        // A start-up that crashed half way through a backfill: some entries, no completion marker.
        db.getCollection(MongoLicenceRegistry.RENDITION_HASHES).insertOne(new Document("_id", sha("R1", 1, "a", "PDF"))
                .append("identifier", "R1.001").append("root", "R1").append("kind", "PDF"));

        MongoLicenceRegistry registry = new MongoLicenceRegistry(db);

        for (int i = 1; i <= 5; i++) {
            assertThat(registry.findVersionByFileSha256(sha("R" + i, 1, "a", "XML"))).map(LicenceVersion::identifier)
                    .contains("R" + i + ".001");
        }
        assertThat(registry.findByHolderCodes(List.of("H1"))).extracting(Licence::root).containsExactly("R5", "R3", "R1");
        assertThat(db.getCollection(MongoLicenceRegistry.RENDITION_HASHES).countDocuments()).isEqualTo(10);
        assertThat(db.getCollection(MongoLicenceRegistry.META).countDocuments()).isEqualTo(3);

        // Done once: an entry removed afterwards is not recreated by the next start-up.
        db.getCollection(MongoLicenceRegistry.RENDITION_HASHES).deleteOne(eq("_id", sha("R2", 1, "a", "PDF")));
        new MongoLicenceRegistry(db);
        assertThat(db.getCollection(MongoLicenceRegistry.RENDITION_HASHES).countDocuments()).isEqualTo(9);
    }

    private static Licence issue(MongoLicenceRegistry registry, String root, String holder) {
        registry.saveVersion(version(root, 1, holder, "a"));
        Licence head = head(root, holder);
        registry.createLicence(head);
        return registry.findLicence(root).orElseThrow();
    }

    private static Licence head(String root, String holder) {
        return new Licence(root, "T", "I", holder, 1, root + ".001", LicenceStatus.VALID, LocalDate.of(2026, 3, 1),
                Optional.empty(), List.of(event(1)), 0);
    }

    private static LicenceEvent event(int version) {
        return new LicenceEvent(version == 1 ? "ISSUED" : "AMENDED", version, "tester", "", "CASE-1", T);
    }

    static LicenceVersion version(String root, int n, String holder, String bytes) {
        String id = root + "." + String.format("%03d", n);
        return new LicenceVersion(id, root, n, "T", "Type", "I", "Issuer", "Name", holder, "USCC",
                LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 1), Optional.empty(), Map.of("name", "Name"),
                "CASE-1", "tester", T, List.of(
                        new Rendition("PDF", "application/pdf", id + ".pdf", 10, sha(root, n, bytes, "PDF"),
                                sha(root, n, bytes, "SM3PDF")),
                        new Rendition("XML", "application/xml", id + ".xml", 10, sha(root, n, bytes, "XML"),
                                sha(root, n, bytes, "SM3XML"))),
                n == 1 ? "ISSUE" : "AMEND", "fp-" + id);
    }

    static String sha(String root, int n, String bytes, String kind) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((root + "/" + n + "/" + bytes + "/" + kind).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
