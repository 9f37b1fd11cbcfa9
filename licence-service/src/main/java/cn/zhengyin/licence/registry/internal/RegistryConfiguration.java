package cn.zhengyin.licence.registry.internal;

import cn.zhengyin.licence.registry.LicenceFileStore;
import cn.zhengyin.licence.registry.LicenceRegistry;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the registry's MongoDB adapters. */
@Configuration(proxyBeanMethods = false)
class RegistryConfiguration {

    @Bean
    LicenceRegistry licenceRegistry(MongoDatabase database, Clock clock) {
        return new MongoLicenceRegistry(database, clock);
    }

    @Bean
    LicenceFileStore licenceFileStore(MongoDatabase database) {
        return new MongoLicenceFileStore(database);
    }
}
