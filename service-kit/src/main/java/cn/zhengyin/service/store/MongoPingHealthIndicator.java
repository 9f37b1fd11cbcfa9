package cn.zhengyin.service.store;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Store health by the {@code ping} command, which both a real MongoDB and the embedded mongo-java-server answer.
 * Replaces Boot's indicator, whose {@code hello} command the embedded server does not know (it would report DOWN).
 */
public final class MongoPingHealthIndicator extends AbstractHealthIndicator {
    private final MongoDatabase database;

    public MongoPingHealthIndicator(MongoDatabase database) {
        super("MongoDB ping failed");
        this.database = database;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        database.runCommand(new Document("ping", 1));
        builder.up().withDetail("database", database.getName());
    }
}
