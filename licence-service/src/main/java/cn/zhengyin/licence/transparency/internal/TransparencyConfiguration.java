package cn.zhengyin.licence.transparency.internal;

import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.crypto.SoftwareKeyCustody;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the transparency log. Its signing key is the dev PKI's {@code translog} credential (keys-dev/translog.p12,
 * ECDSA P-256, certificate issued by the dev seal CA); production points {@code zhengyin.transparency.key-store} at
 * the log's own key (or replaces this bean with an HSM-backed {@link SigningKey}).
 */
@Configuration(proxyBeanMethods = false)
class TransparencyConfiguration {

    @Bean
    MongoTransparencyLog transparencyLog(
            MongoDatabase database,
            Clock clock,
            org.springframework.context.ApplicationEventPublisher events,
            @Value("${zhengyin.transparency.key-store:keys-dev/translog.p12}") Path keyStore,
            @Value("${zhengyin.transparency.key-password:zhengyin-dev}") String password,
            @Value("${zhengyin.transparency.key-alias:translog}") String alias) {
        Providers.bouncyCastle();
        SigningKey key = SoftwareKeyCustody.loadPkcs12("translog", keyStore, password.toCharArray(), alias);
        return new MongoTransparencyLog(database, key, clock, events::publishEvent);
    }
}
