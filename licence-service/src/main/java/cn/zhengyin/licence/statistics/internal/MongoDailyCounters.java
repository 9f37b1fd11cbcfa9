package cn.zhengyin.licence.statistics.internal;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lte;

import cn.zhengyin.licence.statistics.DailyCounters;
import cn.zhengyin.licence.statistics.DailyCounts;
import cn.zhengyin.licence.statistics.Measure;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * {@link DailyCounters} in the collection {@code statistics_daily}: one document per day, authority and measure,
 * {@code _id = "<day>|<authority>|<measure>"}, with {@code day} (ISO date, sortable), {@code authority},
 * {@code measure}, {@code counts} (key → count, kept by live counting) and {@code base} (key → count, set by the
 * start-up backfill of what happened before counting began). Each add is one {@code updateOne} with {@code $inc} and
 * {@code upsert}: atomic on the one document, so concurrent writers never lose a count. A year of one authority is at
 * most 365 × 3 documents; the index on (authority, day) serves the range query on a real MongoDB.
 */
public final class MongoDailyCounters implements DailyCounters {
    static final String COLLECTION = "statistics_daily";
    private final MongoCollection<Document> daily;

    public MongoDailyCounters(MongoDatabase database) {
        this.daily = database.getCollection(COLLECTION);
        daily.createIndex(Indexes.ascending("authority", "day"));
        daily.createIndex(Indexes.ascending("day"));
    }

    @Override
    public void add(LocalDate day, String authority, Measure measure, Map<String, Long> increments) {
        if (increments.isEmpty()) {
            return;
        }
        Document inc = new Document();
        increments.forEach((key, n) -> inc.append("counts." + encode(key), n));
        daily.updateOne(
                eq("_id", id(day, authority, measure)),
                new Document("$inc", inc).append("$setOnInsert", identity(day, authority, measure)),
                new UpdateOptions().upsert(true));
    }

    /**
     * Sets the backfilled counts of one document ({@code base}): idempotent, so a backfill interrupted and run again
     * sets the same values instead of counting twice.
     */
    void setBase(LocalDate day, String authority, Measure measure, Map<String, Long> counts) {
        Document set = new Document();
        counts.forEach((key, n) -> set.append("base." + encode(key), n));
        daily.updateOne(
                eq("_id", id(day, authority, measure)),
                new Document("$set", set).append("$setOnInsert", identity(day, authority, measure)),
                new UpdateOptions().upsert(true));
    }

    @Override
    public List<DailyCounts> read(LocalDate from, LocalDate to, Optional<String> authority) {
        Bson range = and(gte("day", from.toString()), lte("day", to.toString()));
        Bson filter = authority.map(a -> and(eq("authority", a), range)).orElse(range);
        List<DailyCounts> out = new ArrayList<>();
        for (Document d : daily.find(filter)) {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String part : List.of("counts", "base")) {
                Document c = d.get(part, Document.class);
                if (c != null) {
                    c.forEach((k, v) -> counts.merge(decode(k), ((Number) v).longValue(), Long::sum));
                }
            }
            out.add(new DailyCounts(
                    LocalDate.parse(d.getString("day")),
                    d.getString("authority"),
                    Measure.ofId(d.getString("measure")),
                    counts));
        }
        return out;
    }

    long documents() {
        return daily.countDocuments();
    }

    private static Document identity(LocalDate day, String authority, Measure measure) {
        return new Document("day", day.toString())
                .append("authority", authority)
                .append("measure", measure.id());
    }

    static String id(LocalDate day, String authority, Measure measure) {
        return day + "|" + authority + "|" + measure.id();
    }

    /** A key as a field name: '.' would nest and a leading '$' is an operator, so both are percent-encoded. */
    static String encode(String key) {
        return key.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    static String decode(String field) {
        return field.replace("%24", "$").replace("%2E", ".").replace("%25", "%");
    }
}
