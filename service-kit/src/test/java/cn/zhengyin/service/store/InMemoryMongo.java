package cn.zhengyin.service.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh in-memory embedded store and a driver client for each test:
 * {@code @RegisterExtension final InMemoryMongo mongo = new InMemoryMongo();} then {@code mongo.database("name")}.
 * Shared with the services' tests through service-kit's test jar.
 */
public final class InMemoryMongo implements BeforeEachCallback, AfterEachCallback {
    private EmbeddedMongoServer server;
    private MongoClient client;

    @Override
    public void beforeEach(ExtensionContext context) {
        server = EmbeddedMongoServer.inMemory();
        client = MongoClients.create(server.connectionString());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        client.close();
        server.close();
    }

    public MongoDatabase database(String name) {
        return client.getDatabase(name);
    }

    public MongoClient client() {
        return client;
    }

    /** The storage engine, for tests of its behaviour. */
    DurableH2Backend backend() {
        return server.backend();
    }
}
