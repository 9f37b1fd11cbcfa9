package cn.zhengyin.seal.config;

import cn.zhengyin.seal.ca.RevocationLists;
import cn.zhengyin.seal.image.SealImageRenderer;
import cn.zhengyin.seal.registry.Seal;
import cn.zhengyin.seal.registry.SealDirectory;
import cn.zhengyin.seal.signing.MongoSealUsageLog;
import cn.zhengyin.seal.signing.SealSigningService;
import cn.zhengyin.seal.signing.SealUsageLog;
import cn.zhengyin.trust.cms.CadesDigestSigner;
import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.crypto.SoftwareKeyCustody;
import cn.zhengyin.trust.font.CjkFonts;
import cn.zhengyin.trust.pki.Pkcs12;
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
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Composition root of the seal service: wires the plain-Java trust core and the adapters. */
@Configuration(proxyBeanMethods = false)
class SealServiceConfiguration {

    SealServiceConfiguration() {
        Providers.bouncyCastle();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SealDirectory sealDirectory(SealServiceProperties properties) {
        List<Seal> seals = properties.seals().stream().map(spec -> new Seal(spec.id(), spec.name(),
                spec.organisationName(), spec.organisationCode(), spec.type(), spec.purpose(),
                loadKey(properties, spec.key()), new HashSet<>(spec.allowedClients()))).toList();
        return new SealDirectory(seals);
    }

    @Bean
    TimestampAuthority timestampAuthority(SealServiceProperties properties, Clock clock) {
        SecureRandom random = new SecureRandom();
        return new TimestampAuthority(loadKey(properties, properties.tsaKey()), TimestampAuthority.DEV_POLICY_OID, clock,
                () -> new BigInteger(127, random).add(BigInteger.ONE), Duration.ofSeconds(1));
    }

    @Bean
    TimestampSource timestampSource(TimestampAuthority authority) {
        return new InProcessTimestampSource(authority);
    }

    @Bean
    SealUsageLog sealUsageLog(MongoDatabase database) {
        return new MongoSealUsageLog(database);
    }

    @Bean
    SealSigningService sealSigningService(SealDirectory seals, TimestampSource timestamps, SealUsageLog usages, Clock clock) {
        return new SealSigningService(seals, new CadesDigestSigner(timestamps), usages, clock);
    }

    /** The dev CAs whose CRLs this service issues: their keys come from the keys directory (dev only). */
    @Bean
    RevocationLists revocationLists(SealServiceProperties properties, Clock clock) {
        char[] password = properties.keyPassword().toCharArray();
        Map<String, cn.zhengyin.trust.pki.Credential> cas = new java.util.LinkedHashMap<>();
        for (String ca : List.of("root-ca", "seal-ca")) {
            Path file = properties.keysDirectory().resolve(ca + ".p12");
            if (Files.isRegularFile(file)) {
                cas.put(ca, Pkcs12.read(file, password));
            }
        }
        return new RevocationLists(cas, clock, Duration.ofDays(7), Duration.ofHours(1));
    }

    @Bean
    SealImageRenderer sealImageRenderer() {
        return new SealImageRenderer(CjkFonts.songTi());
    }

    private static SigningKey loadKey(SealServiceProperties properties, String name) {
        Path file = properties.keysDirectory().resolve(name + ".p12");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("key file " + file.toAbsolutePath() + " does not exist; generate the dev PKI "
                    + "with 'java -jar ca-tools/target/ca-tools.jar dev-pki generate --out keys-dev' or set zhengyin.keys-directory");
        }
        return SoftwareKeyCustody.loadPkcs12(name, file, properties.keyPassword().toCharArray(), name);
    }
}
