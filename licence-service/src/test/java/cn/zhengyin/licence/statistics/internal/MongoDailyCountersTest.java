package cn.zhengyin.licence.statistics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.licence.fieldreuse.UsageRecord;
import cn.zhengyin.licence.statistics.DailyCounters;
import cn.zhengyin.licence.statistics.DailyCounts;
import cn.zhengyin.licence.statistics.Measure;
import cn.zhengyin.licence.statistics.StatisticsCounting;
import cn.zhengyin.licence.statistics.StatisticsReport;
import cn.zhengyin.service.store.InMemoryMongo;
import cn.zhengyin.trust.validation.Conclusion;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The daily counters on the embedded store: counting, attribution, atomic concurrent increments and the backfill. */
class MongoDailyCountersTest {
    static final String MARKET = "11110100000000019Q";
    static final String FORESTRY = "11110100000000027K";
    static final String BUSINESS = "11100000XF0000001X001";
    static final String FOREST_RIGHT = "11100000XF00000021001";

    @RegisterExtension
    final InMemoryMongo mongo = new InMemoryMongo();

    private MongoDatabase db;
    private MongoDailyCounters counters;
    private StatisticsCounting counting;

    @BeforeEach
    void store() {
        db = mongo.database("statistics_test");
        counters = new MongoDailyCounters(db);
        counting = new StatisticsCounting(counters);
    }

    @Test
    void eventsAreCountedOnTheirChinaDayForTheirAuthority() {
        // 2026-04-30T17:30Z is 2026-05-01 01:30 in China: counted on 1 May
        counting.licenceEvent(BUSINESS, MARKET, "ISSUED", Instant.parse("2026-04-30T17:30:00Z"));
        counting.licenceEvent(BUSINESS, MARKET, "ISSUED", Instant.parse("2026-05-01T03:00:00Z"));
        counting.licenceEvent(BUSINESS, MARKET, "AMENDED", Instant.parse("2026-05-01T04:00:00Z"));
        counting.licenceEvent(BUSINESS, MARKET, "REVOKED", Instant.parse("2026-05-02T04:00:00Z"));
        counting.licenceEvent(FOREST_RIGHT, FORESTRY, "ISSUED", Instant.parse("2026-05-01T04:00:00Z"));

        StatisticsReport market = report(Optional.of(MARKET));
        assertThat(market.licencesByDay().get(LocalDate.of(2026, 5, 1))).containsExactly(2, 1, 0);
        assertThat(market.licencesByDay().get(LocalDate.of(2026, 5, 2))).containsExactly(0, 0, 1);
        assertThat(market.licencesByDay().get(LocalDate.of(2026, 4, 30))).containsExactly(0, 0, 0);
        assertThat(market.licencesByType()).containsOnlyKeys(BUSINESS);
        assertThat(market.licencesByType().get(BUSINESS)).containsExactly(2, 1, 0, 0, 0, 1, 0, 0);

        StatisticsReport forestry = report(Optional.of(FORESTRY));
        assertThat(forestry.licenceTotal(0)).isEqualTo(1);
        assertThat(forestry.licencesByType()).containsOnlyKeys(FOREST_RIGHT);

        StatisticsReport all = report(Optional.empty());
        assertThat(all.licenceTotal(0)).isEqualTo(3);
        // one document per day, authority and measure
        assertThat(counters.documents()).isEqualTo(3);
    }

    @Test
    void verificationsGoToTheIssuerOfTheRecognisedFileOrToNobody() {
        String identifier = cn.zhengyin.trust.identifier.LicenceIdentifier.first(BUSINESS, MARKET, "20260000001")
                .toString();
        Instant at = Instant.parse("2026-05-01T04:00:00Z");
        counting.verification(Conclusion.VALID, Optional.of(identifier), at);
        counting.verification(Conclusion.NOT_IN_FORCE, Optional.of(identifier), at);
        counting.verification(Conclusion.FAILED, Optional.empty(), at);
        counting.verification(Conclusion.INDETERMINATE, Optional.of("not an identifier"), at);

        assertThat(report(Optional.of(MARKET)).verificationsByDay().get(LocalDate.of(2026, 5, 1)))
                .containsExactly(1, 1, 0, 0);
        assertThat(report(Optional.of(DailyCounters.UNATTRIBUTED))
                        .verificationsByDay()
                        .get(LocalDate.of(2026, 5, 1)))
                .containsExactly(0, 0, 1, 1);
        assertThat(report(Optional.of(FORESTRY)).verificationTotal(Conclusion.VALID))
                .isZero();
        assertThat(report(Optional.empty()).verificationsByDay().get(LocalDate.of(2026, 5, 1)))
                .containsExactly(1, 1, 1, 1);
    }

    @Test
    void fieldReleasesAreCountedByBasisClientAndServiceItemWithoutTheHolder() {
        Instant at = Instant.parse("2026-05-01T04:00:00Z");
        counting.usage(usage(UsageRecord.Kind.FIELD_READ, "bank.demo", "cst-1", "", at));
        counting.usage(usage(UsageRecord.Kind.FIELD_READ, "bank.demo", "cst-2", "", at));
        counting.usage(usage(UsageRecord.Kind.USE_CODE_REDEMPTION, "bank.demo", "use-code", "", at));
        counting.usage(usage(UsageRecord.Kind.FIELD_READ, "duty-demo", "duty:XF-000301-001", "XF-000301-001", at));
        counting.usage(usage(UsageRecord.Kind.ANNOTATED_COPY, "duty-demo", "duty:XF-000301-001", "XF-000301-001", at));
        counting.usage(usage(UsageRecord.Kind.VERIFICATION, "bank.demo", "verification", "", at)); // not a release

        StatisticsReport r = report(Optional.of(MARKET));
        assertThat(r.reuseByBasis())
                .containsExactly(Map.entry("consent", 2L), Map.entry("use-code", 1L), Map.entry("duty", 2L));
        // a client id with a dot is stored under an encoded field name and read back as it was
        assertThat(r.reuseByClient()).containsExactly(Map.entry("bank.demo", 3L), Map.entry("duty-demo", 2L));
        assertThat(r.busiestItems()).containsExactly(new StatisticsReport.ServiceItem("duty-demo", "XF-000301-001", 2));
        Document stored = db.getCollection(MongoDailyCounters.COLLECTION).find().first();
        assertThat(stored.toJson()).doesNotContain("HOLDER-CODE-1", "持证人");
    }

    @Test
    void concurrentIncrementsOfOneCounterAreNeverLost() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        Instant at = Instant.parse("2026-05-01T04:00:00Z");
        for (int t = 0; t < 8; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    counting.licenceEvent(BUSINESS, MARKET, "ISSUED", at);
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(report(Optional.of(MARKET)).licenceTotal(0)).isEqualTo(800);
        assertThat(counters.documents()).isEqualTo(1);
    }

    @Test
    void theBackfillCountsEarlierHistoryOnceEvenWhenRunAgain() {
        db.getCollection("licences")
                .insertOne(new Document("_id", "R1")
                        .append("typeCode", BUSINESS)
                        .append("issuerCode", MARKET)
                        .append("holderCode", "HOLDER-CODE-1")
                        .append(
                                "events",
                                List.of(
                                        new Document("type", "ISSUED")
                                                .append("at", Date.from(Instant.parse("2026-05-01T04:00:00Z"))),
                                        new Document("type", "SUSPENDED")
                                                .append("at", Date.from(Instant.parse("2026-05-02T04:00:00Z"))))));
        db.getCollection("usage_records")
                .insertOne(new Document("_id", "use-1")
                        .append("time", Date.from(Instant.parse("2026-05-02T04:00:00Z")))
                        .append("kind", "FIELD_READ")
                        .append("clientId", "bank-demo")
                        .append("issuerCode", MARKET)
                        .append("typeCode", BUSINESS)
                        .append("holderCode", "HOLDER-CODE-1")
                        .append("basis", "cst-9")
                        .append("serviceItem", ""));
        Clock clock = Clock.fixed(Instant.parse("2026-05-03T00:00:00Z"), ZoneOffset.UTC);
        StatisticsBackfill.runOnce(db, counters, clock);
        counting.licenceEvent(BUSINESS, MARKET, "ISSUED", Instant.parse("2026-05-01T05:00:00Z")); // live, after
        StatisticsBackfill.runOnce(db, counters, clock); // marker: does nothing
        db.getCollection("statistics_meta").deleteMany(new Document());
        StatisticsBackfill.runOnce(db, counters, clock); // an interrupted run repeated: sets the same values

        StatisticsReport r = report(Optional.of(MARKET));
        assertThat(r.licencesByDay().get(LocalDate.of(2026, 5, 1))).containsExactly(2, 0, 0);
        assertThat(r.licencesByDay().get(LocalDate.of(2026, 5, 2))).containsExactly(0, 0, 1);
        assertThat(r.reuseByBasis()).containsEntry("consent", 1L);
        assertThat(r.reuseByClient()).containsExactly(Map.entry("bank-demo", 1L));
        assertThat(db.getCollection(MongoDailyCounters.COLLECTION)
                        .find()
                        .into(new ArrayList<>())
                        .toString())
                .doesNotContain("HOLDER-CODE-1");
    }

    @Test
    void readReturnsOnlyTheDaysAskedFor() {
        counters.add(LocalDate.of(2026, 4, 30), MARKET, Measure.VERIFICATIONS, Map.of("VALID", 5L));
        counters.add(LocalDate.of(2026, 5, 1), MARKET, Measure.VERIFICATIONS, Map.of("VALID", 1L));
        counters.add(LocalDate.of(2026, 5, 31), MARKET, Measure.VERIFICATIONS, Map.of("VALID", 2L));
        counters.add(LocalDate.of(2026, 6, 1), MARKET, Measure.VERIFICATIONS, Map.of("VALID", 7L));
        List<DailyCounts> may = counters.read(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 31), Optional.of(MARKET));
        assertThat(may)
                .extracting(DailyCounts::day)
                .containsExactlyInAnyOrder(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 31));
    }

    private StatisticsReport report(Optional<String> authority) {
        LocalDate from = LocalDate.of(2026, 4, 30);
        LocalDate to = LocalDate.of(2026, 5, 3);
        return StatisticsReport.of(from, to, counters.read(from, to, authority));
    }

    static UsageRecord usage(UsageRecord.Kind kind, String client, String basis, String item, Instant at) {
        return new UsageRecord(
                "use-" + java.util.UUID.randomUUID(),
                at,
                kind,
                client,
                client + " name",
                "id",
                "root",
                BUSINESS,
                MARKET,
                "HOLDER-CODE-1",
                List.of("name"),
                "持证人 purpose",
                basis,
                "",
                item);
    }
}
