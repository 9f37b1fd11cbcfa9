package cn.zhengyin.service.store;

import java.util.Optional;
import org.springframework.core.env.Environment;

/** Finds the MongoDB connection configured for a service, in order of precedence. */
final class MongoUris {

    static final String ZHENGYIN_URI = "zhengyin.mongodb.uri";
    static final String ENV_URI = "MONGODB_URI";
    static final String BOOT_URI = "spring.mongodb.uri";
    static final String BOOT_HOST = "spring.mongodb.host";

    private MongoUris() {}

    /** {@code zhengyin.mongodb.uri}, else {@code MONGODB_URI}. */
    static Optional<String> zhengyinUri(Environment environment) {
        return property(environment, ZHENGYIN_URI).or(() -> property(environment, ENV_URI));
    }

    /** Whether any MongoDB server is configured, ours or Boot's own properties. */
    static boolean anyConfigured(Environment environment) {
        return zhengyinUri(environment).isPresent()
                || property(environment, BOOT_URI).isPresent()
                || property(environment, BOOT_HOST).isPresent();
    }

    private static Optional<String> property(Environment environment, String name) {
        return Optional.ofNullable(environment.getProperty(name))
                .map(String::strip)
                .filter(s -> !s.isEmpty());
    }
}
