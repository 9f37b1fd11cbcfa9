package cn.zhengyin.licence.registry.internal;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.licence.registry.Licence;
import cn.zhengyin.licence.registry.LicenceEvent;
import cn.zhengyin.licence.registry.LicenceStatus;
import cn.zhengyin.licence.registry.LicenceVersion;
import cn.zhengyin.licence.registry.Rendition;
import cn.zhengyin.service.store.InMemoryMongo;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The registry's lookups by file hash, by holder and of a licence's versions go through {@code _id} lookup collections
 * and give the same answers as the secondary-index queries they replace, also after a crash between two writes and for
 * data written before the lookup collections existed; and start-up recovery finds the versions a crash left behind.
 */
class MongoLicenceRegistryLookupTest {
    private static final Instant T = Instant.parse("2026-03-01T02:00:00Z");

    @RegisterExtension
    final InMemoryMongo mongo = new InMemoryMongo();

    private MongoDatabase db;

    @BeforeEach
    void database() {
        db = mongo.database("registry_lookup_test");
    }

    @Test
    void fileHashFindsCurrentAndSupersededVersionsByEitherRendition() {
        MongoLicenceRegistry registry = new MongoLicenceRegistry(db, Clock.systemUTC());
        Licence head = issue(registry, "R1", "HOLDER-A");
        LicenceVersion v2 = version("R1", 2, "HOLDER-A", "b");
        assertThat(registry.saveVersion(v2)).isTrue();
        assertThat(registry.moveToVersion("R1", head.revision(), v2, event(2))).isTrue();

        assertThat(registry.findVersionByFileSha256(sha("R1", 1, "a", "PDF")))
                .map(LicenceVersion::identifier)
                .contains("R1.001");
        assertThat(registry.findVersionByFileSha256(sha("R1", 1, "a", "XML")))
                .map(LicenceVersion::identifier)
                .contains("R1.001");
        assertThat(registry.findVersionByFileSha256(sha("R1", 2, "b", "PDF")))
                .map(LicenceVersion::identifier)
                .contains("R1.002");
        assertThat(registry.findVersionByFileSha256("0".repeat(64))).isEmpty();
    }

    @Test
    void fileHashAnswersTheSameAsTheOldIndexQuery() {
        MongoLicenceRegistry registry = new MongoLicenceRegistry(db, Clock.systemUTC());
        for (int i = 0; i < 20; i++) {
            issue(registry, "R" + i, "H" + (i % 3));
        }
        registry.saveVersion(version("R0", 2, "H0", "unfinished")); // stored, head never moved: found as before
        List<String> hashes = new ArrayList<>();
        db.getCollection("licence_versions")
                .find()
                .forEach(d -> d.getList("renditions", Document.class).forEach(r -> hashes.add(r.getString("sha256"))));
        hashes.add("f".repeat(64));
        for (String hash : hashes) {
            Optional<String> old = Optional.ofNullable(db.getCollection("licence_versions")
                            .find(eq("renditions.sha256", hash))
                            .first())
                    .map(d -> d.getString("_id"));
            assertThat(registry.findVersionByFileSha256(hash).map(LicenceVersion::identifier))
                    .as(hash)
                    .isEqualTo(old);
        }
    }

    @Test
    void aVersionsFilesAreStoredInOneCommandAndAnExistingFileKeepsItsFirstBytes() {
        MongoLicenceFileStore files = new MongoLicenceFileStore(db);
        files.put("R1.001/pdf/x", "R1.001.pdf", "application/pdf", new byte[] {1});

        // a retry's putAll: the PDF exists already (kept as stored first), the XML and OFD are new
        files.putAll(List.of(
                new cn.zhengyin.licence.registry.LicenceFileStore.StoredFile(
                        "R1.001/pdf/x", "R1.001.pdf", "application/pdf", new byte[] {2}),
                new cn.zhengyin.licence.registry.LicenceFileStore.StoredFile(
                        "R1.001/xml/y", "R1.001.xml", "application/xml", new byte[] {3}),
                new cn.zhengyin.licence.registry.LicenceFileStore.StoredFile(
                        "R1.001/ofd/z", "R1.001.ofd", "application/ofd", new byte[] {4})));

        assertThat(files.get("R1.001/pdf/x"))
                .hasValueSatisfying(b -> assertThat(b).containsExactly(1));
        assertThat(files.get("R1.001/xml/y"))
                .hasValueSatisfying(b -> assertThat(b).containsExactly(3));
        assertThat(files.get("R1.001/ofd/z"))
                .hasValueSatisfying(b -> assertThat(b).containsExactly(4));
        assertThat(db.getCollection("licence_files").countDocuments()).isEqualTo(3);
    }

    @Test
    void ofAVersionsHashEntriesWrittenTogetherAnExistingOneOfAnotherStoredVersionIsKept() {
        MongoLicenceRegistry registry = new MongoLicenceRegistry(db, Clock.systemUTC());
        issue(registry, "R1", "HOLDER-A");
        LicenceVersion first = registry.findVersion("R1.001").orElseThrow();
        String shared = first.renditions().getFirst().sha256();
        // another version listing the same PDF bytes (impossible in practice: the first registration wins, as before)
        LicenceVersion other = version("R2", 1, "HOLDER-B", "a");
        List<Rendition> renditions = new ArrayList<>(other.renditions());
        renditions.set(0, first.renditions().getFirst());
        LicenceVersion sharing = withRenditions(other, renditions);

        assertThat(registry.saveVersion(sharing)).isTrue();

        assertThat(registry.findVersionByFileSha256(shared))
                .map(LicenceVersion::identifier)
                .contains(first.identifier());
        assertThat(registry.findVersionByFileSha256(sharing.renditions().get(1).sha256()))
                .map(LicenceVersion::identifier)
                .contains(sharing.identifier());
    }

    @Test
    void aHashEntryLeftByACrashBeforeTheVersionWasStoredIsNotFoundAndIsTakenOverByTheRetry() {
        MongoLicenceRegistry registry = new MongoLicenceRegistry(db, Clock.systemUTC());
        LicenceVersion crashed = version("R1", 1, "HOLDER-A", "first-try");
        String danglingHash = crashed.renditions().getFirst().sha256();
        // The crash: the hash entry was written, the version record never.
        db.getCollection(MongoLicenceRegistry.RENDITION_HASHES)
                .insertOne(new Document("_id", danglingHash)
                        .append("identifier", "R1.001")
                        .append("root", "R1")
                        .append("kind", "PDF"));
        assertThat(registry.findVersionByFileSha256(danglingHash)).isEmpty();

        // The retry makes the same identifier with other bytes (a new signing time): only its own hash is found.
        issue(registry, "R1", "HOLDER-A");
        assertThat(registry.findVersionByFileSha256(danglingHash)).isEmpty();
        assertThat(registry.findVersionByFileSha256(sha("R1", 1, "a", "PDF")))
                .map(LicenceVersion::identifier)
                .contains("R1.001");
    }

    @Test
    void anEntryWhoseVersionWasStoredAgainWithOtherBytesIsNotAMatch() {
        MongoLicenceRegistry registry = new MongoLicenceRegistry(db, Clock.systemUTC());
        // Entry written for R1.001 with bytes "old", then the version stored with bytes "new" (rolled back, remade).
        String oldHash = sha("R1", 1, "old", "PDF");
        db.getCollection(MongoLicenceRegistry.RENDITION_HASHES)
                .insertOne(new Document("_id", oldHash)
                        .append("identifier", "R1.001")
                        .append("root", "R1")
                        .append("kind", "PDF"));
        issue(registry, "R1", "HOLDER-A");
        assertThat(registry.findVersionByFileSha256(oldHash)).isEmpty();
    }

    @Test
    void aRolledBackVersionIsNoLongerFoundByItsHash() {
        MongoLicenceRegistry registry = new MongoLicenceRegistry(db, Clock.systemUTC());
        issue(registry, "R1", "HOLDER-A");
        LicenceVersion unfinished = version("R1", 2, "HOLDER-A", "b");
        registry.saveVersion(unfinished);
        String hash = unfinished.renditions().getFirst().sha256();
        assertThat(registry.findVersionByFileSha256(hash)).isPresent();

        assertThat(registry.deleteUnfinishedVersion("R1.002")).isTrue();

        assertThat(registry.findVersionByFileSha256(hash)).isEmpty();
        assertThat(db.getCollection(MongoLicenceRegistry.RENDITION_HASHES)
                        .find(eq("_id", hash))
                        .first())
                .isNull();
    }

    @Test
    void holderLookupReturnsOwnLicencesNewestRootFirstAndSkipsRootsWhoseHeadWasNeverCreated() {
        MongoLicenceRegistry registry = new MongoLicenceRegistry(db, Clock.systemUTC());
        issue(registry, "R1", "PERSON");
        issue(registry, "R2", "COMPANY");
        issue(registry, "R3", "PERSON");
        issue(registry, "R4", "SOMEONE-ELSE");
        issue(registry, "R3", "PERSON"); // a retry: idempotent
        // The crash: holder entry written, head never created.
        db.getCollection(MongoLicenceRegistry.HOLDER_LICENCES)
                .updateOne(
                        eq("_id", "PERSON"),
                        new Document("$addToSet", new Document("roots", "R9")),
                        new UpdateOptions().upsert(true));

        assertThat(registry.findByHolderCodes(List.of("PERSON", "COMPANY")))
                .extracting(Licence::root)
                .containsExactly("R3", "R2", "R1");
        assertThat(registry.findByHolderCodes(List.of("PERSON")))
                .extracting(Licence::root)
                .containsExactly("R3", "R1");
        assertThat(registry.findByHolderCodes(List.of("NOBODY"))).isEmpty();
        assertThat(registry.findByHolderCodes(List.of())).isEmpty();
    }

    @Test
    void versionsOfALicenceAreListedInOrderIncludingAnUnfinishedOne() {
        MongoLicenceRegistry registry = new MongoLicenceRegistry(db, Clock.systemUTC());
        Licence head = issue(registry, "R1", "H");
        issue(registry, "R2", "H");
        LicenceVersion v2 = version("R1", 2, "H", "b");
        registry.saveVersion(v2);
        registry.moveToVersion("R1", head.revision(), v2, event(2));
        registry.saveVersion(version("R1", 3, "H", "c")); // unfinished: listed, as by the old query on root

        assertThat(registry.versions("R1"))
                .extracting(LicenceVersion::identifier)
                .containsExactly("R1.001", "R1.002", "R1.003");
        assertThat(registry.versions("R2"))
                .extracting(LicenceVersion::identifier)
                .containsExactly("R2.001");
        assertThat(registry.versions("NONE")).isEmpty();
    }

    @Test
    void dataWrittenBeforeTheLookupCollectionsExistedIsIndexedOnceAtStartUp() {
        // Written as the previous registry did: only licences and licence_versions.
        for (int i = 1; i <= 5; i++) {
            db.getCollection("licence_versions")
                    .insertOne(MongoLicenceRegistry.toDocument(version("R" + i, 1, "H" + (i % 2), "a")));
            db.getCollection("licences").insertOne(MongoLicenceRegistry.toDocument(head("R" + i, "H" + (i % 2))));
        }
        // A start-up that crashed half way through a backfill: some entries, no completion marker.
        db.getCollection(MongoLicenceRegistry.RENDITION_HASHES)
                .insertOne(new Document("_id", sha("R1", 1, "a", "PDF"))
                        .append("identifier", "R1.001")
                        .append("root", "R1")
                        .append("kind", "PDF"));

        MongoLicenceRegistry registry = new MongoLicenceRegistry(db, Clock.systemUTC());

        for (int i = 1; i <= 5; i++) {
            assertThat(registry.findVersionByFileSha256(sha("R" + i, 1, "a", "XML")))
                    .map(LicenceVersion::identifier)
                    .contains("R" + i + ".001");
        }
        assertThat(registry.findByHolderCodes(List.of("H1")))
                .extracting(Licence::root)
                .containsExactly("R5", "R3", "R1");
        assertThat(db.getCollection(MongoLicenceRegistry.RENDITION_HASHES).countDocuments())
                .isEqualTo(10);
        assertThat(db.getCollection(MongoLicenceRegistry.META).countDocuments()).isEqualTo(3);

        // Done once: an entry removed afterwards is not recreated by the next start-up.
        db.getCollection(MongoLicenceRegistry.RENDITION_HASHES).deleteOne(eq("_id", sha("R2", 1, "a", "PDF")));
        new MongoLicenceRegistry(db, Clock.systemUTC());
        assertThat(db.getCollection(MongoLicenceRegistry.RENDITION_HASHES).countDocuments())
                .isEqualTo(9);
    }

    /**
     * What start-up recovery asks the registry: the versions a crash left unreached by their licence head. Answered
     * from the in-flight markers, so a store with many licences still starts, and data written before the markers
     * existed is marked once.
     */
    @Nested
    class StartUpRecovery {
        /** The fixture versions are created at 2026-03-01T02:00Z (T); recovery asks for anything older than this. */
        private static final Instant LATER = T.plusSeconds(3600);

        @Test
        void onlyVersionsTheirHeadNeverReachedAreUnfinishedAndFinishedMarkersAreCleared() {
            MongoLicenceRegistry registry = new MongoLicenceRegistry(db, Clock.systemUTC());
            issue(registry, "R1", "H"); // committed issuance
            registry.saveVersion(version("R2", 1, "H", "a")); // crash before the head: an unfinished issuance
            Licence r3 = issue(registry, "R3", "H");
            LicenceVersion r3v2 = version("R3", 2, "H", "b");
            registry.saveVersion(r3v2); // crash before the move: an unfinished amendment
            Licence r4 = issue(registry, "R4", "H");
            LicenceVersion r4v2 = version("R4", 2, "H", "b");
            registry.saveVersion(r4v2);
            registry.moveToVersion("R4", r4.revision(), r4v2, event(2)); // committed amendment

            assertThat(pending()).containsExactlyInAnyOrder("R2.001", "R3.002");
            assertThat(registry.unfinishedVersions(LATER))
                    .extracting(LicenceVersion::identifier)
                    .containsExactlyInAnyOrder("R2.001", "R3.002");
            assertThat(registry.unfinishedVersions(Instant.parse("2026-03-01T01:00:00Z")))
                    .isEmpty(); // within grace

            // Recovery completes the issuance and rolls back the amendment; nothing is left in flight.
            registry.createLicence(head("R2", "H"));
            assertThat(registry.deleteUnfinishedVersion("R3.002")).isTrue();
            assertThat(registry.unfinishedVersions(LATER)).isEmpty();
            assertThat(pending()).isEmpty();
            assertThat(registry.findLicence("R3")).map(Licence::currentVersion).contains(r3.currentVersion());
        }

        @Test
        void aMarkerLeftByACrashAfterTheHeadMovedOrBeforeTheVersionWasStoredIsClearedNotReported() {
            MongoLicenceRegistry registry = new MongoLicenceRegistry(db, Clock.systemUTC());
            issue(registry, "R1", "H");
            // Crash between the head's creation and the marker's deletion; crash between marker and version record.
            db.getCollection(MongoLicenceRegistry.PENDING_VERSIONS)
                    .insertMany(List.of(marker("R1.001", "R1", 1), marker("R9.001", "R9", 1)));

            assertThat(registry.unfinishedVersions(LATER)).isEmpty();
            assertThat(pending()).isEmpty();
        }

        @Test
        void aRetryOfAnInterruptedChangeTouchesItsMarkerSoRecoveryKeepsIt() {
            MongoLicenceRegistry registry = new MongoLicenceRegistry(db, Clock.systemUTC());
            LicenceVersion first = version("R1", 1, "H", "a");
            registry.saveVersion(first);
            LicenceVersion retry = new LicenceVersion(
                    first.identifier(),
                    first.root(),
                    1,
                    first.typeCode(),
                    first.typeName(),
                    first.issuerCode(),
                    first.issuerName(),
                    first.holderName(),
                    first.holderCode(),
                    first.holderCodeType(),
                    first.issuedOn(),
                    first.validFrom(),
                    first.validUntil(),
                    first.fields(),
                    first.caseNumber(),
                    first.issuedBy(),
                    LATER.plusSeconds(60),
                    first.renditions(),
                    first.change(),
                    first.requestFingerprint());
            registry.saveVersion(retry);

            assertThat(registry.unfinishedVersions(LATER)).isEmpty(); // touched after LATER: in progress
            assertThat(pending()).containsExactly("R1.001"); // and not cleared
            assertThat(registry.unfinishedVersions(LATER.plusSeconds(120)))
                    .extracting(LicenceVersion::identifier)
                    .containsExactly("R1.001");
        }

        @Test
        void aStoreOfManyLicencesIsAnsweredFromTheMarkersNotByReadingEveryVersion() {
            MongoLicenceRegistry registry = new MongoLicenceRegistry(db, Clock.systemUTC());
            // 60 committed versions of 1 MB each: read in one reply they are over the driver's 48 MB message limit,
            // which is what stopped a 54,000-licence store from starting when recovery read every version.
            String padding = "x".repeat(1 << 20);
            List<Document> versions = new ArrayList<>();
            List<Document> heads = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                versions.add(MongoLicenceRegistry.toDocument(version("B" + i, 1, "H", "a"))
                        .append("padding", padding));
                heads.add(MongoLicenceRegistry.toDocument(head("B" + i, "H")));
            }
            db.getCollection("licence_versions").insertMany(versions);
            db.getCollection("licences").insertMany(heads);
            registry.saveVersion(version("R1", 1, "H", "a"));

            assertThat(registry.unfinishedVersions(LATER))
                    .extracting(LicenceVersion::identifier)
                    .containsExactly("R1.001");
        }

        @Test
        void versionsStoredBeforeTheMarkersExistedAreMarkedOnceAtStartUp() {
            // Written as the previous registry did: licences and licence_versions only.
            for (String root : List.of("R1", "R2")) {
                db.getCollection("licence_versions")
                        .insertOne(MongoLicenceRegistry.toDocument(version(root, 1, "H", "a")));
                db.getCollection("licences").insertOne(MongoLicenceRegistry.toDocument(head(root, "H")));
            }
            db.getCollection("licence_versions").insertOne(MongoLicenceRegistry.toDocument(version("R1", 2, "H", "b")));
            db.getCollection("licence_versions").insertOne(MongoLicenceRegistry.toDocument(version("R3", 1, "H", "a")));

            MongoLicenceRegistry registry = new MongoLicenceRegistry(db, Clock.systemUTC());

            assertThat(pending()).containsExactlyInAnyOrder("R1.002", "R3.001");
            assertThat(registry.unfinishedVersions(LATER))
                    .extracting(LicenceVersion::identifier)
                    .containsExactlyInAnyOrder("R1.002", "R3.001");
            assertThat(db.getCollection(MongoLicenceRegistry.META)
                            .find(eq("_id", "pending_versions.backfilled"))
                            .first())
                    .isNotNull();
        }

        private List<String> pending() {
            List<String> ids = new ArrayList<>();
            db.getCollection(MongoLicenceRegistry.PENDING_VERSIONS).find().forEach(d -> ids.add(d.getString("_id")));
            return ids;
        }

        private static Document marker(String id, String root, int version) {
            return new Document("_id", id)
                    .append("root", root)
                    .append("version", version)
                    .append("touchedAt", Date.from(T));
        }
    }

    private static Licence issue(MongoLicenceRegistry registry, String root, String holder) {
        registry.saveVersion(version(root, 1, holder, "a"));
        Licence head = head(root, holder);
        registry.createLicence(head);
        return registry.findLicence(root).orElseThrow();
    }

    private static Licence head(String root, String holder) {
        return new Licence(
                root,
                "T",
                "I",
                holder,
                1,
                root + ".001",
                LicenceStatus.VALID,
                LocalDate.of(2026, 3, 1),
                Optional.empty(),
                List.of(event(1)),
                0);
    }

    private static LicenceEvent event(int version) {
        return new LicenceEvent(version == 1 ? "ISSUED" : "AMENDED", version, "tester", "", "CASE-1", T);
    }

    static LicenceVersion version(String root, int n, String holder, String bytes) {
        String id = root + "." + String.format("%03d", n);
        return new LicenceVersion(
                id,
                root,
                n,
                "T",
                "Type",
                "I",
                "Issuer",
                "Name",
                holder,
                "USCC",
                LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 3, 1),
                Optional.empty(),
                Map.of("name", "Name"),
                "CASE-1",
                "tester",
                T,
                List.of(
                        new Rendition(
                                "PDF",
                                "application/pdf",
                                id + ".pdf",
                                10,
                                sha(root, n, bytes, "PDF"),
                                sha(root, n, bytes, "SM3PDF")),
                        new Rendition(
                                "XML",
                                "application/xml",
                                id + ".xml",
                                10,
                                sha(root, n, bytes, "XML"),
                                sha(root, n, bytes, "SM3XML"))),
                n == 1 ? "ISSUE" : "AMEND",
                "fp-" + id);
    }

    private static LicenceVersion withRenditions(LicenceVersion v, List<Rendition> renditions) {
        return new LicenceVersion(
                v.identifier(),
                v.root(),
                v.version(),
                v.typeCode(),
                v.typeName(),
                v.issuerCode(),
                v.issuerName(),
                v.holderName(),
                v.holderCode(),
                v.holderCodeType(),
                v.issuedOn(),
                v.validFrom(),
                v.validUntil(),
                v.fields(),
                v.caseNumber(),
                v.issuedBy(),
                v.createdAt(),
                renditions,
                v.change(),
                v.requestFingerprint());
    }

    static String sha(String root, int n, String bytes, String kind) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((root + "/" + n + "/" + bytes + "/" + kind)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
