package cn.zhengyin.licence.statistics.internal;

import static com.mongodb.client.model.Filters.eq;

import cn.zhengyin.licence.fieldreuse.UsageRecord;
import cn.zhengyin.licence.statistics.Measure;
import cn.zhengyin.licence.statistics.StatisticsCounting;
import cn.zhengyin.licence.statistics.StatisticsReport;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts, once, what happened before the daily counters existed: the licence events kept in each licence's history
 * (collection {@code licences}) and the field releases in the usage records ({@code usage_records}). Runs when the
 * counters are created at start-up, before the service takes requests, unless the marker {@code statistics_meta}
 * {@code backfill} says it ran; its counts go to each counter document's {@code base} with {@code $set}, so an
 * interrupted run that is repeated sets the same values instead of counting twice. Verifications kept no conclusion
 * before counting began and are not backfilled.
 */
final class StatisticsBackfill {
    private static final Logger LOG = LoggerFactory.getLogger(StatisticsBackfill.class);
    static final String MARKER = "backfill";

    private StatisticsBackfill() {}

    record Key(LocalDate day, String authority, Measure measure) {}

    static void runOnce(MongoDatabase database, MongoDailyCounters counters, Clock clock) {
        MongoCollection<Document> meta = database.getCollection("statistics_meta");
        if (meta.find(eq("_id", MARKER)).first() != null) {
            return;
        }
        Map<Key, Map<String, Long>> counts = new HashMap<>();
        long events = 0;
        for (Document licence : database.getCollection("licences")
                .find()
                .projection(Projections.include("typeCode", "issuerCode", "events.type", "events.at"))) {
            List<Document> history = licence.getList("events", Document.class, List.of());
            for (Document event : history) {
                String type = event.getString("type");
                Date at = event.getDate("at");
                if (type == null || at == null || !StatisticsReport.LICENCE_EVENTS.contains(type)) {
                    continue;
                }
                counts.computeIfAbsent(
                                new Key(
                                        StatisticsCounting.day(at.toInstant()),
                                        licence.getString("issuerCode"),
                                        Measure.LICENCES),
                                k -> new HashMap<>())
                        .merge(StatisticsCounting.licenceKey(licence.getString("typeCode"), type), 1L, Long::sum);
                events++;
            }
        }
        long releases = 0;
        for (Document r : database.getCollection("usage_records")
                .find()
                .projection(Projections.include(
                        "time", "kind", "clientId", "issuerCode", "typeCode", "basis", "serviceItem"))) {
            UsageRecord record;
            try {
                record = new UsageRecord(
                        r.getString("_id"),
                        r.getDate("time").toInstant(),
                        UsageRecord.Kind.valueOf(r.getString("kind")),
                        r.getString("clientId"),
                        "",
                        "",
                        "",
                        r.getString("typeCode"),
                        r.getString("issuerCode"),
                        "",
                        List.of(),
                        "",
                        r.getString("basis") == null ? "" : r.getString("basis"),
                        "",
                        r.getString("serviceItem"));
            } catch (RuntimeException unreadable) {
                LOG.warn("statistics backfill: usage record {} skipped: {}", r.get("_id"), unreadable.toString());
                continue;
            }
            var increments = StatisticsCounting.increments(record);
            if (increments.isPresent()) {
                Map<String, Long> doc = counts.computeIfAbsent(
                        new Key(StatisticsCounting.day(record.time()), record.issuerCode(), Measure.FIELD_REUSE),
                        k -> new HashMap<>());
                increments.get().forEach((k, n) -> doc.merge(k, n, Long::sum));
                releases++;
            }
        }
        counts.forEach((key, c) -> counters.setBase(key.day(), key.authority(), key.measure(), c));
        meta.insertOne(new Document("_id", MARKER)
                .append("at", Date.from(clock.instant()))
                .append("licenceEvents", events)
                .append("fieldReleases", releases)
                .append("documents", counts.size()));
        LOG.info(
                "statistics backfill: {} licence events and {} field releases counted into {} daily counters",
                events,
                releases,
                counts.size());
    }
}
