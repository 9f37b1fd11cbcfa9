package cn.zhengyin.service.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Audit events in the {@code audit_events} collection (insert only) and on the {@code zhengyin.audit} logger. */
public final class MongoAuditLog implements AuditLog {
    private static final Logger AUDIT = LoggerFactory.getLogger("zhengyin.audit");
    private final MongoCollection<Document> events;
    private final Clock clock;

    public MongoAuditLog(MongoDatabase database, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = database.getCollection("audit_events");
        events.createIndex(Indexes.descending("time"));
        events.createIndex(Indexes.ascending("action", "time"));
        events.createIndex(Indexes.ascending("subject", "time"));
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public void record(AuditEvent event) {
        AUDIT.info(
                "action={} outcome={} actor={} subject={} details={}",
                event.action(),
                event.outcome(),
                event.actor(),
                event.subject(),
                event.details());
        try {
            events.insertOne(new Document("time", Date.from(event.time()))
                    .append("action", event.action())
                    .append("outcome", event.outcome().name())
                    .append("actor", event.actor())
                    .append("subject", event.subject())
                    .append("details", new Document(new LinkedHashMap<>(event.details()))));
        } catch (RuntimeException e) {
            // the event is on the audit logger already; the store being unavailable must not fail the operation
            AUDIT.error(
                    "audit event not stored ({}): action={} subject={}",
                    e.getClass().getSimpleName(),
                    event.action(),
                    event.subject());
        }
    }

    @Override
    public List<AuditEvent> recent(String action, String subject, int limit) {
        List<Bson> filters = new ArrayList<>();
        if (!action.isEmpty()) {
            filters.add(Filters.eq("action", action));
        }
        if (!subject.isEmpty()) {
            filters.add(Filters.eq("subject", subject));
        }
        List<AuditEvent> out = new ArrayList<>();
        events.find(filters.isEmpty() ? new Document() : Filters.and(filters))
                .sort(Sorts.descending("time"))
                .limit(Math.max(1, Math.min(limit, 1000)))
                .forEach(d -> out.add(toEvent(d)));
        return out;
    }

    private static AuditEvent toEvent(Document d) {
        Map<String, String> details = new LinkedHashMap<>();
        Document stored = d.get("details", Document.class);
        if (stored != null) {
            stored.forEach((k, v) -> details.put(k, String.valueOf(v)));
        }
        return new AuditEvent(
                d.getDate("time").toInstant(),
                d.getString("action"),
                AuditEvent.Outcome.valueOf(d.getString("outcome")),
                d.getString("actor"),
                d.getString("subject"),
                details);
    }
}
