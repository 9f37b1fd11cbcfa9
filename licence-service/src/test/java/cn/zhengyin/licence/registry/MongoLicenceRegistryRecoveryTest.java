package cn.zhengyin.licence.registry;

import static cn.zhengyin.licence.registry.MongoLicenceRegistryLookupTest.version;
import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.service.store.EmbeddedMongoServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What start-up recovery asks the registry: the versions a crash left unreached by their licence head. Answered from
 * the in-flight markers, so a store with many licences still starts, and data written before the markers existed is
 * marked once.
 */
class MongoLicenceRegistryRecoveryTest {
    /** The fixture versions are created at 2026-03-01T02:00Z; recovery asks for anything older than this. */
    private static final Instant LATER = Instant.parse("2026-03-01T03:00:00Z");
    private EmbeddedMongoServer server;
    private MongoClient client;
    private MongoDatabase db;

    @BeforeEach
    void start() {
        server = EmbeddedMongoServer.inMemory();
        client = MongoClients.create(server.connectionString());
        db = client.getDatabase("registry_recovery_test");
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void onlyVersionsTheirHeadNeverReachedAreUnfinishedAndFinishedMarkersAreCleared() {
        MongoLicenceRegistry registry = new MongoLicenceRegistry(db);
        issue(registry, "R1");                                  // committed issuance
        registry.saveVersion(version("R2", 1, "H", "a"));       // crash before the head: an unfinished issuance
        Licence r3 = issue(registry, "R3");
        LicenceVersion r3v2 = version("R3", 2, "H", "b");
        registry.saveVersion(r3v2);                             // crash before the move: an unfinished amendment
        Licence r4 = issue(registry, "R4");
        LicenceVersion r4v2 = version("R4", 2, "H", "b");
        registry.saveVersion(r4v2);
        registry.moveToVersion("R4", r4.revision(), r4v2, event(2)); // committed amendment

        assertThat(pending()).containsExactlyInAnyOrder("R2.001", "R3.002");
        assertThat(registry.unfinishedVersions(LATER)).extracting(LicenceVersion::identifier)
                .containsExactlyInAnyOrder("R2.001", "R3.002");
        assertThat(registry.unfinishedVersions(Instant.parse("2026-03-01T01:00:00Z"))).isEmpty(); // within grace

        // Recovery completes the issuance and rolls back the amendment; nothing is left in flight.
        registry.createLicence(head("R2"));
        assertThat(registry.deleteUnfinishedVersion("R3.002")).isTrue();
        assertThat(registry.unfinishedVersions(LATER)).isEmpty();
        assertThat(pending()).isEmpty();
        assertThat(registry.findLicence("R3")).map(Licence::currentVersion).contains(r3.currentVersion());
    }

    @Test
    void aMarkerLeftByACrashAfterTheHeadMovedOrBeforeTheVersionWasStoredIsClearedNotReported() {
        MongoLicenceRegistry registry = new MongoLicenceRegistry(db);
        issue(registry, "R1");
        // Crash between the head's creation and the marker's deletion; crash between marker and version record.
        db.getCollection(MongoLicenceRegistry.PENDING_VERSIONS).insertOne(marker("R1.001", "R1", 1, "2026-03-01T02:00:00Z"));
        db.getCollection(MongoLicenceRegistry.PENDING_VERSIONS).insertOne(marker("R9.001", "R9", 1, "2026-03-01T02:00:00Z"));

        assertThat(registry.unfinishedVersions(LATER)).isEmpty();
        assertThat(pending()).isEmpty();
    }

    @Test
    void aRetryOfAnInterruptedChangeTouchesItsMarkerSoRecoveryKeepsIt() {
        MongoLicenceRegistry registry = new MongoLicenceRegistry(db);
        LicenceVersion first = version("R1", 1, "H", "a");
        registry.saveVersion(first);
        LicenceVersion retry = new LicenceVersion(first.identifier(), first.root(), 1, first.typeCode(),
                first.typeName(), first.issuerCode(), first.issuerName(), first.holderName(), first.holderCode(),
                first.holderCodeType(), first.issuedOn(), first.validFrom(), first.validUntil(), first.fields(),
                first.caseNumber(), first.issuedBy(), LATER.plusSeconds(60), first.renditions(), first.change(),
                first.requestFingerprint());
        registry.saveVersion(retry);

        assertThat(registry.unfinishedVersions(LATER)).isEmpty();   // touched after LATER: in progress
        assertThat(pending()).containsExactly("R1.001");           // and not cleared
        assertThat(registry.unfinishedVersions(LATER.plusSeconds(120))).extracting(LicenceVersion::identifier)
                .containsExactly("R1.001");
    }

    @Test
    void aStoreOfManyLicencesIsAnsweredFromTheMarkersNotByReadingEveryVersion() {
        MongoLicenceRegistry registry = new MongoLicenceRegistry(db);
        // 60 committed versions of 1 MB each: read in one reply they are over the driver's 48 MB message limit, which
        // is what stopped a 54,000-licence store from starting when recovery read every version.
        String padding = "x".repeat(1 << 20);
        List<Document> versions = new ArrayList<>();
        List<Document> heads = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            versions.add(MongoLicenceRegistry.toDocument(version("B" + i, 1, "H", "a")).append("padding", padding));
            heads.add(MongoLicenceRegistry.toDocument(head("B" + i)));
        }
        db.getCollection("licence_versions").insertMany(versions);
        db.getCollection("licences").insertMany(heads);
        registry.saveVersion(version("R1", 1, "H", "a"));

        assertThat(registry.unfinishedVersions(LATER)).extracting(LicenceVersion::identifier).containsExactly("R1.001");
    }

    @Test
    void versionsStoredBeforeTheMarkersExistedAreMarkedOnceAtStartUp() {
        // Written as the previous registry did: licences and licence_versions only.
        for (String root : List.of("R1", "R2")) {
            db.getCollection("licence_versions").insertOne(MongoLicenceRegistry.toDocument(version(root, 1, "H", "a")));
            db.getCollection("licences").insertOne(MongoLicenceRegistry.toDocument(head(root)));
        }
        db.getCollection("licence_versions").insertOne(MongoLicenceRegistry.toDocument(version("R1", 2, "H", "b")));
        db.getCollection("licence_versions").insertOne(MongoLicenceRegistry.toDocument(version("R3", 1, "H", "a")));

        MongoLicenceRegistry registry = new MongoLicenceRegistry(db);

        assertThat(pending()).containsExactlyInAnyOrder("R1.002", "R3.001");
        assertThat(registry.unfinishedVersions(LATER)).extracting(LicenceVersion::identifier)
                .containsExactlyInAnyOrder("R1.002", "R3.001");
        assertThat(db.getCollection(MongoLicenceRegistry.META).find(eq("_id", "pending_versions.backfilled")).first())
                .isNotNull();
    }

    private List<String> pending() {
        List<String> ids = new ArrayList<>();
        db.getCollection(MongoLicenceRegistry.PENDING_VERSIONS).find().forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    private static Document marker(String id, String root, int version, String at) {
        return new Document("_id", id).append("root", root).append("version", version)
                .append("touchedAt", Date.from(Instant.parse(at)));
    }

    private static Licence issue(MongoLicenceRegistry registry, String root) {
        registry.saveVersion(version(root, 1, "H", "a"));
        registry.createLicence(head(root));
        return registry.findLicence(root).orElseThrow();
    }

    private static Licence head(String root) {
        return new Licence(root, "T", "I", "H", 1, root + ".001", LicenceStatus.VALID, LocalDate.of(2026, 3, 1),
                Optional.empty(), List.of(event(1)), 0);
    }

    private static LicenceEvent event(int version) {
        return new LicenceEvent(version == 1 ? "ISSUED" : "AMENDED", version, "tester", "", "CASE-1",
                Instant.parse("2026-03-01T02:00:00Z"));
    }
}
