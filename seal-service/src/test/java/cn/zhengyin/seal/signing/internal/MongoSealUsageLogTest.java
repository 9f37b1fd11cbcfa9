package cn.zhengyin.seal.signing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.seal.signing.RefusalReason;
import cn.zhengyin.seal.signing.SealUsage;
import cn.zhengyin.service.monitoring.TraceIds;
import cn.zhengyin.service.store.InMemoryMongo;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

/** The newest usages of a seal or an organisation, read through the per-key lists of usage ids. */
class MongoSealUsageLogTest {
    private static final Instant T = Instant.parse("2026-11-21T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T.plusSeconds(3600), ZoneOffset.UTC);

    @RegisterExtension
    final InMemoryMongo mongo = new InMemoryMongo();

    private MongoDatabase db;

    @BeforeEach
    void database() {
        db = mongo.database("seal_usage_test");
    }

    @Test
    void aSealsAndAnOrganisationsNewestUsagesComeNewestFirstAndOnlyTheirOwn() {
        MongoSealUsageLog log = new MongoSealUsageLog(db, CLOCK);
        for (int i = 0; i < 30; i++) {
            log.record(usage(i % 3 == 0 ? "SEAL-B" : "SEAL-A", i % 3 == 0 ? "ORG-2" : "ORG-1", i));
        }
        log.record(usage("SEAL-X", "", 99)); // an unknown seal: no organisation

        List<SealUsage> a = log.bySeal("SEAL-A", 5);
        assertThat(a).extracting(SealUsage::digestHex).containsExactly("d29", "d28", "d26", "d25", "d23");
        assertThat(log.bySeal("SEAL-B", 100))
                .hasSize(10)
                .allMatch(u -> u.sealId().equals("SEAL-B"));
        assertThat(log.byOrganisation("ORG-1", 1000))
                .hasSize(20)
                .allMatch(u -> u.organisation().equals("ORG-1"));
        assertThat(log.bySeal("SEAL-X", 10)).extracting(SealUsage::organisation).containsExactly("");
        assertThat(log.bySeal("NONE", 10)).isEmpty();
        assertThat(log.byOrganisation("", 10)).isEmpty();
        assertThat(a.getFirst()).isEqualTo(usage("SEAL-A", "ORG-1", 29));
    }

    @Test
    void anOrganisationsListMergesItsSealsNewestFirstAcrossRestarts() {
        MongoSealUsageLog log = new MongoSealUsageLog(db, CLOCK);
        for (int i = 0; i < 10; i++) {
            log.record(usage(i % 2 == 0 ? "SEAL-A" : "SEAL-C", "ORG-1", i));
        }
        MongoSealUsageLog restarted = new MongoSealUsageLog(db, CLOCK); // knows no seal of ORG-1 in memory
        restarted.record(usage("SEAL-D", "ORG-1", 10));
        restarted.record(usage("SEAL-A", "ORG-1", 11));

        assertThat(restarted.byOrganisation("ORG-1", 4))
                .extracting(SealUsage::digestHex)
                .containsExactly("d11", "d10", "d9", "d8");
        assertThat(restarted.byOrganisation("ORG-1", 100)).hasSize(12);
    }

    @Test
    void usagesRecordedOutOfTimeOrderAreStillListedNewestFirst() {
        MongoSealUsageLog log = new MongoSealUsageLog(db, CLOCK);
        for (int i : new int[] {1, 3, 2, 5, 4}) { // concurrent signings finish in another order than they began
            log.record(usage("SEAL-A", "ORG-1", i));
        }
        assertThat(log.bySeal("SEAL-A", 3)).extracting(SealUsage::digestHex).containsExactly("d5", "d4", "d3");
    }

    @Test
    void aListKeepsTheNewestWindowOfUsagesAndTheOlderOnesStayStored() {
        MongoSealUsageLog log = new MongoSealUsageLog(db, CLOCK, 20);
        for (int i = 0; i < 50; i++) {
            log.record(usage("SEAL-A", "ORG-1", i));
        }
        assertThat(log.bySeal("SEAL-A", 20))
                .extracting(SealUsage::digestHex)
                .first()
                .isEqualTo("d49");
        assertThat(log.bySeal("SEAL-A", 20))
                .extracting(SealUsage::digestHex)
                .last()
                .isEqualTo("d30");
        assertThat(db.getCollection(MongoSealUsageLog.RECENT_COLLECTION)
                        .find(new Document("_id", "seal/SEAL-A"))
                        .first()
                        .getList("ids", ObjectId.class))
                .hasSize(20);
        assertThat(db.getCollection("seal_usages").countDocuments()).isEqualTo(50);
    }

    @Test
    void anIdListedByACrashedRecordingWithoutItsUsageIsSkipped() {
        MongoSealUsageLog log = new MongoSealUsageLog(db, CLOCK);
        log.record(usage("SEAL-A", "ORG-1", 1));
        db.getCollection(MongoSealUsageLog.RECENT_COLLECTION)
                .updateOne(
                        new Document("_id", "seal/SEAL-A"), new Document("$push", new Document("ids", new ObjectId())));

        assertThat(log.bySeal("SEAL-A", 10)).extracting(SealUsage::digestHex).containsExactly("d1");
    }

    @Test
    void usagesStoredBeforeTheListsExistedAreListedOnceAtStartUp() {
        // Written as the previous log did: the usages only, with driver-made ids.
        for (int i = 0; i < 12; i++) {
            db.getCollection("seal_usages")
                    .insertOne(new Document("sealId", "SEAL-A")
                            .append("organisation", i < 2 ? "" : "ORG-1")
                            .append("caller", "licence-service")
                            .append("format", "PAdES")
                            .append("digest", "d" + i)
                            .append("licenceIdentifier", "")
                            .append("licenceType", "")
                            .append("at", Date.from(T.plusSeconds(i)))
                            .append("result", SealUsage.SIGNED)
                            .append("detail", ""));
        }
        MongoSealUsageLog log = new MongoSealUsageLog(db, CLOCK, 10);

        assertThat(log.bySeal("SEAL-A", 3)).extracting(SealUsage::digestHex).containsExactly("d11", "d10", "d9");
        assertThat(log.bySeal("SEAL-A", 100)).hasSize(10);
        assertThat(log.byOrganisation("ORG-1", 100))
                .hasSize(10)
                .extracting(SealUsage::digestHex)
                .endsWith("d2");
        // The marker is stamped by the injected clock.
        assertThat(db.getCollection(MongoSealUsageLog.META_COLLECTION)
                        .find()
                        .first()
                        .getDate("at"))
                .isEqualTo(Date.from(CLOCK.instant()));

        // Once: a list emptied afterwards is not refilled by the next start-up.
        db.getCollection(MongoSealUsageLog.RECENT_COLLECTION).deleteMany(new Document());
        assertThat(new MongoSealUsageLog(db, CLOCK, 10).bySeal("SEAL-A", 3)).isEmpty();
    }

    @Test
    void aUsageKeepsTheTraceIdOfTheRequestThatAskedAndItsRefusalReason() {
        MongoSealUsageLog log = new MongoSealUsageLog(db, CLOCK);
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        SealUsage refused = new SealUsage(
                "SEAL-A",
                "ORG-1",
                "licence-service",
                "PAdES",
                "d1",
                "L1",
                "T",
                T,
                SealUsage.REFUSED,
                "seal SEAL-A is SUSPENDED",
                RefusalReason.SEAL_NOT_ISSUED.code(),
                "");
        MDC.put(TraceIds.MDC_KEY, traceId);
        try {
            log.record(refused);
        } finally {
            MDC.remove(TraceIds.MDC_KEY);
        }
        log.record(usage("SEAL-A", "ORG-1", 2)); // outside a traced request: no trace id
        log.record(usage("SEAL-A", "ORG-1", 3).withTraceId("0af7651916cd43dd8448eb211c80319c"));

        List<SealUsage> usages = log.bySeal("SEAL-A", 10);
        assertThat(usages)
                .extracting(SealUsage::traceId)
                .containsExactly("0af7651916cd43dd8448eb211c80319c", "", traceId);
        assertThat(usages.getLast().refusalReason()).isEqualTo("seal-not-issued");
        assertThat(usages.getFirst().refusalReason()).isEmpty();
        assertThat(db.getCollection("seal_usages")
                        .find(new Document("digest", "d1"))
                        .first())
                .containsEntry("traceId", traceId)
                .containsEntry("refusalReason", "seal-not-issued");
    }

    /**
     * A signing batch's usages (issue #18) are written together when its items are done: nothing before {@code
     * write()}, then every one of them, signed and refused, listed under its seal and organisation, the list still
     * capped at its window; items recording on several threads at once lose none.
     */
    @Test
    void aBatchsUsagesAreAllWrittenTogetherAndAllListed() throws Exception {
        MongoSealUsageLog log = new MongoSealUsageLog(db, CLOCK, 20);
        log.record(usage("SEAL-A", "ORG-1", 0)); // outside a batch: written at once
        UsageBatch batch = new UsageBatch();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 1; i <= 24; i++) {
                int n = i;
                threads.submit(() -> batch.run(() -> {
                    log.record(
                            n == 7
                                    ? refused("SEAL-B", "ORG-1", n)
                                    : usage(n % 2 == 0 ? "SEAL-A" : "SEAL-B", "ORG-1", n));
                    return null;
                }));
            }
        }
        assertThat(batch.size()).isEqualTo(24);
        assertThat(db.getCollection("seal_usages").countDocuments()).isEqualTo(1);
        assertThat(log.bySeal("SEAL-B", 100)).isEmpty();

        batch.write();

        assertThat(batch.size()).isZero();
        assertThat(db.getCollection("seal_usages").countDocuments()).isEqualTo(25);
        assertThat(log.bySeal("SEAL-A", 100))
                .extracting(SealUsage::digestHex)
                .containsExactly("d24", "d22", "d20", "d18", "d16", "d14", "d12", "d10", "d8", "d6", "d4", "d2", "d0");
        assertThat(log.bySeal("SEAL-B", 100))
                .hasSize(12)
                .anyMatch(u -> u.result().equals(SealUsage.REFUSED));
        assertThat(log.byOrganisation("ORG-1", 100)).hasSize(25);
        batch.write(); // nothing left: writes nothing again
        assertThat(db.getCollection("seal_usages").countDocuments()).isEqualTo(25);

        UsageBatch large = new UsageBatch(); // more usages of one seal than its list's window
        large.run(() -> {
            for (int i = 100; i < 130; i++) {
                log.record(usage("SEAL-A", "ORG-1", i));
            }
            return null;
        });
        large.write();
        assertThat(log.bySeal("SEAL-A", 100))
                .hasSize(20)
                .first()
                .extracting(SealUsage::digestHex)
                .isEqualTo("d129");
    }

    private static SealUsage refused(String seal, String organisation, int n) {
        return new SealUsage(
                seal,
                organisation,
                "licence-service",
                "PAdES",
                "d" + n,
                "L" + n,
                "T",
                T.plusSeconds(n),
                SealUsage.REFUSED,
                "not authorised",
                RefusalReason.NOT_AUTHORISED.code(),
                "");
    }

    private static SealUsage usage(String seal, String organisation, int n) {
        return new SealUsage(
                seal,
                organisation,
                "licence-service",
                "PAdES",
                "d" + n,
                "L" + n,
                "T",
                T.plusSeconds(n),
                SealUsage.SIGNED,
                "");
    }
}
