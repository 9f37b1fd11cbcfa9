package cn.zhengyin.service.audit;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The audit log in the service's store, stamped by the application's {@link Clock} bean. */
@AutoConfiguration(after = cn.zhengyin.service.store.MongoStoreAutoConfiguration.class)
public class AuditAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({MongoDatabase.class, Clock.class})
    AuditLog auditLog(MongoDatabase database, Clock clock) {
        return new MongoAuditLog(database, clock);
    }
}
