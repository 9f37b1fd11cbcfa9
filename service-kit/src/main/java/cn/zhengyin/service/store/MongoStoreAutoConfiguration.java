package cn.zhengyin.service.store;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Points Boot's {@code MongoClient} at the configured MongoDB, or at an embedded durable server when none is
 * configured, and exposes the service's {@link MongoDatabase}.
 *
 * <p>Precedence: a {@link MongoConnectionDetails} bean from elsewhere (Testcontainers service connection) &gt;
 * {@code zhengyin.mongodb.uri} &gt; environment variable {@code MONGODB_URI} &gt; Boot's {@code spring.mongodb.uri} /
 * {@code spring.mongodb.host} &gt; embedded server with its data under {@code zhengyin.store.embedded.directory}.
 */
@AutoConfiguration(before = MongoAutoConfiguration.class)
@ConditionalOnClass(MongoClient.class)
@EnableConfigurationProperties({MongoStoreProperties.class, MongoStoreProperties.Embedded.class})
public final class MongoStoreAutoConfiguration {

    private static final String DEFAULT_NAME = "zhengyin";

    @Bean
    @ConditionalOnMissingBean
    MongoDatabase mongoDatabase(
            MongoClient client,
            MongoStoreProperties properties,
            MongoConnectionDetails connectionDetails,
            Environment environment) {
        String name = properties
                .databaseName()
                .or(() -> Optional.ofNullable(
                        connectionDetails.getConnectionString().getDatabase()))
                .orElseGet(() -> applicationName(environment));
        return client.getDatabase(name);
    }

    static String applicationName(Environment environment) {
        String name = environment.getProperty("spring.application.name");
        return name == null || name.isBlank() ? DEFAULT_NAME : name.strip();
    }

    /** Named like Boot's own indicator so that Boot's (which sends {@code hello}) backs off. */
    @Bean(name = "mongoHealthContributor")
    MongoPingHealthIndicator mongoHealthContributor(MongoDatabase database) {
        return new MongoPingHealthIndicator(database);
    }

    /** {@code zhengyin.mongodb.uri} or {@code MONGODB_URI} is set. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(ZhengyinUriCondition.class)
    @ConditionalOnMissingBean(MongoConnectionDetails.class)
    static class ConfiguredUriConfiguration {

        @Bean
        MongoConnectionDetails mongoConnectionDetails(Environment environment) {
            ConnectionString connectionString =
                    new ConnectionString(MongoUris.zhengyinUri(environment).orElseThrow());
            return () -> connectionString;
        }
    }

    /** No MongoDB configured at all: start the embedded durable server. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(NoMongoConfiguredCondition.class)
    @ConditionalOnMissingBean(MongoConnectionDetails.class)
    static class EmbeddedServerConfiguration {

        @Bean(destroyMethod = "close")
        EmbeddedMongoServer embeddedMongoServer(MongoStoreProperties.Embedded embedded, Environment environment) {
            if (embedded.inMemory()) {
                return EmbeddedMongoServer.inMemory();
            }
            Path directory = embedded.dataDirectory().orElseGet(() -> Path.of("data", applicationName(environment)));
            return EmbeddedMongoServer.open(directory, embedded.port(), embedded.fsync());
        }

        @Bean
        MongoConnectionDetails mongoConnectionDetails(EmbeddedMongoServer server) {
            ConnectionString connectionString = server.connectionString();
            return () -> connectionString;
        }
    }

    static final class ZhengyinUriCondition implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return MongoUris.zhengyinUri(context.getEnvironment()).isPresent();
        }
    }

    static final class NoMongoConfiguredCondition implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !MongoUris.anyConfigured(context.getEnvironment());
        }
    }
}
