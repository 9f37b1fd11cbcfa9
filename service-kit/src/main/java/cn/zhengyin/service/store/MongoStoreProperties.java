package cn.zhengyin.service.store;

import java.nio.file.Path;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code zhengyin.mongodb.*}: where the services' data lives.
 *
 * @param uri      MongoDB connection string (may be absent); the environment variable {@code MONGODB_URI} is used
 *                 when this is not set. When neither it nor {@code spring.mongodb.uri}/{@code spring.mongodb.host} is
 *                 set, an embedded durable server is started instead
 * @param database database name (may be absent); default: the database named in the URI, else
 *                 {@code spring.application.name}, else {@code zhengyin}
 */
@ConfigurationProperties("zhengyin.mongodb")
public record MongoStoreProperties(String uri, String database) {

    /** The configured database name, if any. */
    public Optional<String> databaseName() {
        return Optional.ofNullable(database).filter(s -> !s.isBlank());
    }

    /**
     * {@code zhengyin.store.embedded.*}: the embedded server used when no MongoDB URI is configured.
     *
     * @param directory data directory (may be absent); default {@code ./data/<spring.application.name>}
     * @param port      TCP port on 127.0.0.1; default 0 (a free port)
     * @param fsync     force each commit to the storage device (survives power loss, slower); default false, which
     *                  still survives a killed process
     * @param inMemory  keep data in memory only, for tests; default false
     */
    @ConfigurationProperties("zhengyin.store.embedded")
    public record Embedded(Path directory, int port, boolean fsync, boolean inMemory) {

        /** The configured directory, if any. */
        public Optional<Path> dataDirectory() {
            return Optional.ofNullable(directory);
        }
    }
}
