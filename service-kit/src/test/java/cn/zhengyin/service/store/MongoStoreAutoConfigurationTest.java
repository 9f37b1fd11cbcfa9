package cn.zhengyin.service.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.service.testapp.TestApplication;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

class MongoStoreAutoConfigurationTest {

    @TempDir
    Path dataDirectory;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(TestApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.application.name=store-test",
                        "zhengyin.store.embedded.directory=" + dataDirectory,
                        "zhengyin.mongodb.uri=")
                .run();
    }

    @Test
    void withoutUriTheEmbeddedServerStartsAndDataSurvivesAContextRestart() {
        try (ConfigurableApplicationContext context = start()) {
            EmbeddedMongoServer server = context.getBean(EmbeddedMongoServer.class);
            assertThat(server.dataFile())
                    .contains(dataDirectory.toAbsolutePath().resolve("mongo.mv.db"));
            MongoDatabase database = context.getBean(MongoDatabase.class);
            assertThat(database.getName()).isEqualTo("store-test");
            database.getCollection("licences").insertOne(new Document("_id", "ZY-1").append("holder", "张三"));
            assertThat(context.getBean(MongoConnectionDetails.class)
                            .getConnectionString()
                            .getHosts())
                    .containsExactly("127.0.0.1:" + server.port());
            assertThat(context.getBean(MongoClient.class)
                            .getDatabase("store-test")
                            .getCollection("licences")
                            .countDocuments())
                    .isEqualTo(1);
        }
        try (ConfigurableApplicationContext context = start()) {
            MongoDatabase database = context.getBean(MongoDatabase.class);
            Document licence = database.getCollection("licences")
                    .find(Filters.eq("_id", "ZY-1"))
                    .first();
            assertThat(licence).isNotNull();
            assertThat(licence.getString("holder")).isEqualTo("张三");
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MongoStoreAutoConfiguration.class, MongoAutoConfiguration.class));

    @Test
    void withZhengyinUriNothingEmbeddedStartsAndTheUriDatabaseIsUsed() {
        try (EmbeddedMongoServer external = EmbeddedMongoServer.inMemory()) {
            runner.withPropertyValues(
                            "zhengyin.mongodb.uri=mongodb://127.0.0.1:" + external.port() + "/licences",
                            "spring.application.name=licence-service")
                    .run(context -> {
                        assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedMongoServer.class);
                        MongoDatabase database = context.getBean(MongoDatabase.class);
                        assertThat(database.getName()).isEqualTo("licences");
                        database.getCollection("c").insertOne(new Document("_id", 1));
                    });
            // the write went to the "external" server
            try (var client = com.mongodb.client.MongoClients.create(external.connectionString())) {
                assertThat(client.getDatabase("licences").getCollection("c").countDocuments())
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void withBootUriNothingEmbeddedStartsAndDatabaseDefaultsToConfiguredName() {
        try (EmbeddedMongoServer external = EmbeddedMongoServer.inMemory()) {
            runner.withPropertyValues(
                            "spring.mongodb.uri=mongodb://127.0.0.1:" + external.port(),
                            "zhengyin.mongodb.database=seals")
                    .run(context -> {
                        assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedMongoServer.class);
                        MongoDatabase database = context.getBean(MongoDatabase.class);
                        assertThat(database.getName()).isEqualTo("seals");
                        database.getCollection("c").insertOne(new Document("_id", 1));
                        assertThat(database.getCollection("c").countDocuments()).isEqualTo(1);
                    });
        }
    }

    @Test
    void mongodbUriVariableIsHonoured() {
        try (EmbeddedMongoServer external = EmbeddedMongoServer.inMemory()) {
            runner.withPropertyValues("MONGODB_URI=mongodb://127.0.0.1:" + external.port() + "/fromenv")
                    .run(context -> {
                        assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedMongoServer.class);
                        assertThat(context.getBean(MongoDatabase.class).getName())
                                .isEqualTo("fromenv");
                        assertThat(context.getBean(MongoConnectionDetails.class)
                                        .getConnectionString()
                                        .getHosts())
                                .containsExactly("127.0.0.1:" + external.port());
                    });
        }
    }

    @Test
    void inMemoryModeStartsAServerWithoutADataFile() {
        runner.withPropertyValues("zhengyin.store.embedded.in-memory=true").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(EmbeddedMongoServer.class).dataFile()).isEmpty();
            assertThat(context.getBean(MongoDatabase.class).getName()).isEqualTo("zhengyin");
        });
    }
}
