package cn.zhengyin.seal.config;

import cn.zhengyin.seal.image.SealImageRenderer;
import cn.zhengyin.seal.signing.MongoSealUsageLog;
import cn.zhengyin.seal.signing.SealUsageLog;
import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.crypto.SoftwareKeyCustody;
import cn.zhengyin.trust.font.CjkFonts;
import cn.zhengyin.trust.timestamp.InProcessTimestampSource;
import cn.zhengyin.trust.timestamp.TimestampAuthority;
import cn.zhengyin.trust.timestamp.TimestampSource;
import com.mongodb.client.MongoDatabase;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Composition root of the seal service: wires the plain-Java trust core and the adapters. */
@Configuration(proxyBeanMethods = false)
public class SealServiceConfiguration {

    SealServiceConfiguration() {
        Providers.bouncyCastle();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TimestampAuthority timestampAuthority(SealServiceProperties properties, Clock clock) {
        SecureRandom random = new SecureRandom();
        return new TimestampAuthority(
                loadKey(properties, properties.tsaKey()),
                TimestampAuthority.DEV_POLICY_OID,
                clock,
                () -> new BigInteger(127, random).add(BigInteger.ONE),
                Duration.ofSeconds(1));
    }

    @Bean
    TimestampSource timestampSource(TimestampAuthority authority) {
        return new InProcessTimestampSource(authority);
    }

    @Bean
    SealUsageLog sealUsageLog(MongoDatabase database, cn.zhengyin.service.audit.AuditLog audit) {
        return new cn.zhengyin.seal.audit.AuditedSealUsageLog(new MongoSealUsageLog(database), audit);
    }

    @Bean
    SealImageRenderer sealImageRenderer() {
        return new SealImageRenderer(CjkFonts.songTi());
    }

    /** Loads {@code <keys-directory>/<name>.p12}, alias {@code name}, as a signing key with id {@code name}. */
    public static SigningKey loadKey(SealServiceProperties properties, String name) {
        Path file = properties.keysDirectory().resolve(name + ".p12");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(
                    "key file " + file.toAbsolutePath() + " does not exist; generate the dev PKI "
                            + "with 'java -jar ca-tools/target/ca-tools.jar dev-pki generate --out keys-dev' or set zhengyin.keys-directory");
        }
        return SoftwareKeyCustody.loadPkcs12(
                name, file, properties.keyPassword().toCharArray(), name);
    }
}
