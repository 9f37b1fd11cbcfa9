package cn.zhengyin.seal.config;

import cn.zhengyin.trust.ses.SealSigner;
import cn.zhengyin.trust.timestamp.InProcessTimestampSource;
import cn.zhengyin.trust.timestamp.TimestampAuthority;
import cn.zhengyin.trust.timestamp.TimestampSource;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * GB/T 38540 signing: the {@link SealSigner} whose signatures carry an RFC 3161 time-stamp with an SM3 imprint. The
 * time-stamps come from an in-process SM2 TSA ({@code <keys-directory>/<zhengyin.sm2-tsa-key>.p12}, dev:
 * {@code sm2-tsa}, issued by sm2-seal-ca) so an SES signature is SM2/SM3 throughout; if that key file is absent, from
 * the service's ECDSA {@link TimestampSource} (then verifiers need the ECDSA root as a trust anchor too). The SM2 TSA
 * is deliberately not a {@link TimestampAuthority} bean: {@code POST /tsa} stays the ECDSA TSA.
 */
@Configuration(proxyBeanMethods = false)
public class SesSigningConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SesSigningConfiguration.class);

    @Bean
    SealSigner sesSealSigner(
            SealServiceProperties properties,
            KeyFiles keys,
            TimestampSource timestamps,
            Clock clock,
            @Value("${zhengyin.sm2-tsa-key:sm2-tsa}") String sm2TsaKey) {
        Path file = properties.keysDirectory().resolve(sm2TsaKey + ".p12");
        if (sm2TsaKey.isBlank() || !Files.isRegularFile(file)) {
            log.warn("No SM2 TSA key {}; GB/T 38540 signatures are time-stamped by the ECDSA TSA", file);
            return new SealSigner(Optional.of(timestamps));
        }
        SecureRandom random = new SecureRandom();
        TimestampAuthority sm2Tsa = new TimestampAuthority(
                keys.signingKey(sm2TsaKey),
                TimestampAuthority.DEV_POLICY_OID,
                clock,
                () -> new BigInteger(127, random).add(BigInteger.ONE),
                Duration.ofSeconds(1));
        return new SealSigner(Optional.of(new InProcessTimestampSource(sm2Tsa)));
    }
}
