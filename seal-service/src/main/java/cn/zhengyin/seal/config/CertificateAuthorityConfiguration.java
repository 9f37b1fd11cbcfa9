package cn.zhengyin.seal.config;

import cn.zhengyin.seal.ca.DevSealCertificateAuthority;
import cn.zhengyin.seal.ca.OcspResponder;
import cn.zhengyin.seal.ca.RevocationLists;
import cn.zhengyin.seal.lifecycle.GbtSealStructureMaker;
import cn.zhengyin.seal.lifecycle.LibrarySealImageMaker;
import cn.zhengyin.seal.lifecycle.SealCertificateAuthority;
import cn.zhengyin.seal.lifecycle.SealRepository;
import cn.zhengyin.seal.lifecycle.SealStructureMaker;
import cn.zhengyin.seal.monitoring.MonitoredCertificates;
import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.pki.AuthorityInformationAccess;
import cn.zhengyin.trust.pki.CertificateIssuer;
import cn.zhengyin.trust.pki.Credential;
import cn.zhengyin.trust.pki.CrlDistributionPoints;
import cn.zhengyin.trust.pki.Pkcs12;
import cn.zhengyin.trust.ses.SealMaker;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The dev CA of the seal service, from the keys directory (keys-dev): it issues the certificates of seals made here
 * (ECDSA by {@code seal-ca}, SM2 by {@code sm2-seal-ca}), publishes their CRLs, answers OCSP for seal-ca (delegated
 * responder key {@code ocsp.p12}) and signs GB/T 38540 SESeals as the seal maker ({@code sm2-seal-maker.p12}).
 */
@Configuration(proxyBeanMethods = false)
class CertificateAuthorityConfiguration {
    static final String ECDSA_SEAL_CA = "seal-ca";
    static final String SM2_SEAL_CA = "sm2-seal-ca";

    /** ECDSA seal certificates name the OCSP responder of {@code zhengyin.ocsp-url} (this service's /ocsp). */
    @Bean
    SealCertificateAuthority sealCertificateAuthority(SealServiceProperties properties, Clock clock) {
        return new DevSealCertificateAuthority(
                new CertificateIssuer(clock, new SecureRandom(), CrlDistributionPoints.defaults()),
                credential(properties, ECDSA_SEAL_CA),
                credential(properties, SM2_SEAL_CA),
                AuthorityInformationAccess.of(properties.ocspUrl(), null),
                clock);
    }

    /** The dev CAs whose CRLs this service issues; entries come from the seal store. */
    @Bean
    RevocationLists revocationLists(SealServiceProperties properties, SealRepository seals, Clock clock) {
        Map<String, Credential> cas = new LinkedHashMap<>();
        for (String ca : List.of("root-ca", ECDSA_SEAL_CA, "sm2-root-ca", SM2_SEAL_CA)) {
            Path file = properties.keysDirectory().resolve(ca + ".p12");
            if (Files.isRegularFile(file)) {
                cas.put(ca, Pkcs12.read(file, properties.keyPassword().toCharArray()));
            }
        }
        return new RevocationLists(cas, seals, clock, Duration.ofDays(7), Duration.ofHours(1));
    }

    /** OCSP for certificates issued by seal-ca, signed with keys-dev {@code ocsp.p12} (delegated, ocsp-nocheck). */
    @Bean
    OcspResponder ocspResponder(SealServiceProperties properties, SealRepository seals, Clock clock) {
        Credential ca = credential(properties, ECDSA_SEAL_CA);
        SigningKey responder = SealServiceConfiguration.loadKey(properties, "ocsp");
        Set<BigInteger> others = new HashSet<>();
        others.add(responder.certificateChain().getFirst().getSerialNumber());
        Path tsa = properties.keysDirectory().resolve(properties.tsaKey() + ".p12");
        if (Files.isRegularFile(tsa)) {
            others.add(SealServiceConfiguration.loadKey(properties, properties.tsaKey())
                    .certificateChain()
                    .getFirst()
                    .getSerialNumber());
        }
        return new OcspResponder(ECDSA_SEAL_CA, ca.certificate(), responder, seals, others, clock, Duration.ofHours(1));
    }

    /**
     * The service's own certificates that monitoring watches to their notAfter (docs/operations.md): the ECDSA and SM2
     * TSAs', the OCSP responder's and the CAs' whose key files are in the keys directory.
     */
    @Bean
    MonitoredCertificates monitoredCertificates(
            SealServiceProperties properties, @Value("${zhengyin.sm2-tsa-key:sm2-tsa}") String sm2TsaKey) {
        Map<String, X509Certificate> certificates = new LinkedHashMap<>();
        for (String name : List.of(properties.tsaKey(), sm2TsaKey, "ocsp")) {
            if (!name.isBlank()
                    && Files.isRegularFile(properties.keysDirectory().resolve(name + ".p12"))) {
                certificates.put(
                        name,
                        SealServiceConfiguration.loadKey(properties, name)
                                .certificateChain()
                                .getFirst());
            }
        }
        for (String ca : List.of("root-ca", ECDSA_SEAL_CA, "sm2-root-ca", SM2_SEAL_CA)) {
            if (Files.isRegularFile(properties.keysDirectory().resolve(ca + ".p12"))) {
                certificates.put(ca, credential(properties, ca).certificate());
            }
        }
        return new MonitoredCertificates(certificates);
    }

    /** GB/T 38540 SESeals signed by the dev seal maker (keys-dev {@code sm2-seal-maker.p12}). */
    @Bean
    SealStructureMaker sealStructureMaker(
            SealServiceProperties properties, Clock clock, LibrarySealImageMaker sealImages) {
        return new GbtSealStructureMaker(
                new SealMaker(SealServiceConfiguration.loadKey(properties, "sm2-seal-maker"), "ZHENGYIN"),
                clock,
                sealImages::vector);
    }

    private static Credential credential(SealServiceProperties properties, String name) {
        Path file = properties.keysDirectory().resolve(name + ".p12");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("CA key file " + file.toAbsolutePath() + " does not exist; generate the dev"
                    + " PKI with 'java -jar ca-tools/target/ca-tools.jar dev-pki generate --out keys-dev' or set"
                    + " zhengyin.keys-directory");
        }
        return Pkcs12.read(file, properties.keyPassword().toCharArray());
    }
}
