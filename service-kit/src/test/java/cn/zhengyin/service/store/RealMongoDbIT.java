package cn.zhengyin.service.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The same store code against a real MongoDB (a single-node replica set in a container). Runs where a Docker engine
 * is available and is skipped cleanly elsewhere, so it never hides the main suite.
 */
@Testcontainers(disabledWithoutDocker = true)
class RealMongoDbIT {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MongoStoreAutoConfiguration.class, MongoAutoConfiguration.class));

    @Test
    void withAUriTheServiceUsesTheRealMongoDbAndStartsNothingEmbedded() {
        runner.withPropertyValues("zhengyin.mongodb.uri=" + MONGO.getReplicaSetUrl("zhengyin_it"))
                .run(context -> {
                    assertThat(context).doesNotHaveBean(EmbeddedMongoServer.class);
                    MongoDatabase db = context.getBean(MongoDatabase.class);
                    db.getCollection("probe").insertOne(new Document("_id", "x"));
                    try (MongoClient direct = MongoClients.create(MONGO.getReplicaSetUrl())) {
                        assertThat(direct.getDatabase("zhengyin_it")
                                        .getCollection("probe")
                                        .countDocuments())
                                .isEqualTo(1);
                    }
                });
    }

    @Test
    void uniqueIdsAndConditionalUpdatesBehaveAsOnTheEmbeddedServer() {
        try (MongoClient client = MongoClients.create(MONGO.getReplicaSetUrl())) {
            MongoCollection<Document> c = client.getDatabase("zhengyin_it").getCollection("heads");
            c.insertOne(new Document("_id", "root").append("revision", 0L));
            assertThatThrownBy(() -> c.insertOne(new Document("_id", "root")))
                    .isInstanceOfSatisfying(
                            MongoWriteException.class,
                            e -> assertThat(e.getCode()).isEqualTo(11000));
            assertThat(c.findOneAndUpdate(
                            Filters.and(Filters.eq("_id", "root"), Filters.eq("revision", 0L)),
                            Updates.inc("revision", 1L)))
                    .isNotNull();
            assertThat(c.findOneAndUpdate(
                            Filters.and(Filters.eq("_id", "root"), Filters.eq("revision", 0L)),
                            Updates.inc("revision", 1L)))
                    .isNull();
        }
    }
}
