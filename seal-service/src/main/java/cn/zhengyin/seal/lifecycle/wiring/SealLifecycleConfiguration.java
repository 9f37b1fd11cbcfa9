package cn.zhengyin.seal.lifecycle.wiring;

import cn.zhengyin.seal.audit.AuditedSealAuthorisationRepository;
import cn.zhengyin.seal.audit.AuditedSealRepository;
import cn.zhengyin.seal.authorisation.MongoSealAuthorisationRepository;
import cn.zhengyin.seal.authorisation.SealAuthorisationService;
import cn.zhengyin.seal.ca.OcspResponder;
import cn.zhengyin.seal.ca.RevocationLists;
import cn.zhengyin.seal.config.SealServiceConfiguration;
import cn.zhengyin.seal.config.SealServiceProperties;
import cn.zhengyin.seal.custody.KeyCustodyConfiguration;
import cn.zhengyin.seal.lifecycle.DevSealCertificateAuthority;
import cn.zhengyin.seal.lifecycle.LibrarySealImageMaker;
import cn.zhengyin.seal.lifecycle.MongoSealRepository;
import cn.zhengyin.seal.lifecycle.SealCertificateAuthority;
import cn.zhengyin.seal.lifecycle.SealImageMaker;
import cn.zhengyin.seal.lifecycle.SealKeyCustody;
import cn.zhengyin.seal.lifecycle.SealLifecycleService;
import cn.zhengyin.seal.lifecycle.SealRepository;
import cn.zhengyin.seal.lifecycle.SealStructureMaker;
import cn.zhengyin.seal.signing.SealSigningService;
import cn.zhengyin.seal.signing.SealUsageLog;
import cn.zhengyin.service.audit.AuditLog;
import cn.zhengyin.trust.cms.CadesDigestSigner;
import cn.zhengyin.trust.crypto.KeyCustody;
import cn.zhengyin.trust.crypto.KeystoreFileKeyCustody;
import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.pki.CertificateIssuer;
import cn.zhengyin.trust.pki.Credential;
import cn.zhengyin.trust.pki.CrlDistributionPoints;
import cn.zhengyin.trust.pki.Pkcs12;
import cn.zhengyin.trust.timestamp.TimestampSource;
import com.mongodb.client.MongoDatabase;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the seal lifecycle. Dev CAs and the OCSP responder key come from the keys directory (keys-dev); generated
 * seal keys go to the custody {@link KeyCustodyConfiguration} chooses ({@code zhengyin.key-custody.type}; default
 * {@link KeystoreFileKeyCustody}, {@code zhengyin.seal-keys.*}). A {@link SealStructureMaker} bean,
 * when the composition root provides one (GB/T 38540 via {@code cn.zhengyin.trust.ses}), makes SESeals; without
 * one every seal is made with its SESeal pending.
 */
@Configuration(proxyBeanMethods = false)
public class SealLifecycleConfiguration {
    static final String ECDSA_SEAL_CA = "seal-ca";
    static final String SM2_SEAL_CA = "sm2-seal-ca";

    SealLifecycleConfiguration() {
        Providers.bouncyCastle();
    }

    @Bean
    SealRepository sealRepository(MongoDatabase database, AuditLog audit) {
        return new AuditedSealRepository(new MongoSealRepository(database), audit);
    }

    /** Pre-provisioned keys in front of the generating custody chosen by {@code zhengyin.key-custody.type}. */
    @Bean
    SealKeyCustody sealKeyCustody(
            SealServiceProperties properties,
            @Qualifier(KeyCustodyConfiguration.GENERATING_KEY_CUSTODY) KeyCustody generating) {
        List<SigningKey> provisioned = properties.seals().stream()
                .flatMap(spec -> java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(spec.key()), spec.sm2KeyName().stream()))
                .map(name -> SealServiceConfiguration.loadKey(properties, name))
                .toList();
        return new SealKeyCustody(provisioned, generating);
    }

    @Bean
    SealCertificateAuthority sealCertificateAuthority(SealServiceProperties properties, Clock clock) {
        return new DevSealCertificateAuthority(
                new CertificateIssuer(clock, new SecureRandom(), CrlDistributionPoints.defaults()),
                credential(properties, ECDSA_SEAL_CA),
                credential(properties, SM2_SEAL_CA),
                clock);
    }

    @Bean
    LibrarySealImageMaker sealImageMaker(cn.zhengyin.seal.image.SealImages images) {
        return new LibrarySealImageMaker(images);
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

    /** GB/T 38540 SESeals signed by the dev seal maker (keys-dev {@code sm2-seal-maker.p12}). */
    @Bean
    SealStructureMaker sealStructureMaker(SealServiceProperties properties, Clock clock) {
        return new cn.zhengyin.seal.lifecycle.GbtSealStructureMaker(
                new cn.zhengyin.trust.ses.SealMaker(
                        SealServiceConfiguration.loadKey(properties, "sm2-seal-maker"), "ZHENGYIN"),
                clock);
    }

    @Bean
    SealLifecycleService sealLifecycleService(
            SealRepository seals,
            SealKeyCustody custody,
            SealCertificateAuthority ca,
            SealImageMaker images,
            ObjectProvider<SealStructureMaker> structures,
            RevocationLists revocationLists,
            Clock clock) {
        return new SealLifecycleService(
                seals,
                custody,
                ca,
                images,
                structures.getIfAvailable(SealStructureMaker::pending),
                revocationLists,
                clock,
                SealLifecycleService.randomIds());
    }

    @Bean
    SealAuthorisationService sealAuthorisationService(
            MongoDatabase database, SealLifecycleService seals, Clock clock, AuditLog audit) {
        return new SealAuthorisationService(
                new AuditedSealAuthorisationRepository(new MongoSealAuthorisationRepository(database), audit),
                seals,
                clock);
    }

    @Bean
    SealSigningService sealSigningService(
            SealRepository seals,
            SealAuthorisationService authorisations,
            SealKeyCustody custody,
            TimestampSource timestamps,
            cn.zhengyin.trust.ses.SealSigner sesSigner,
            SealUsageLog usages,
            Clock clock) {
        return new SealSigningService(
                seals, authorisations, custody, new CadesDigestSigner(timestamps), sesSigner, usages, clock);
    }

    /** OCSP for certificates issued by seal-ca, signed with keys-dev {@code ocsp.p12} (delegated, ocsp-nocheck). */
    @Bean
    OcspResponder ocspResponder(SealServiceProperties properties, SealRepository seals, Clock clock) {
        Credential ca = credential(properties, ECDSA_SEAL_CA);
        SigningKey responder = SealServiceConfiguration.loadKey(properties, "ocsp");
        Set<BigInteger> others = new java.util.HashSet<>();
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

    @Bean
    ApplicationRunner preMadeSeals(
            SealServiceProperties properties,
            SealRepository seals,
            SealAuthorisationService authorisations,
            SealKeyCustody custody,
            SealImageMaker images,
            ObjectProvider<SealStructureMaker> structures,
            Clock clock) {
        PreMadeSealImporter importer = new PreMadeSealImporter(
                seals, authorisations, images, structures.getIfAvailable(SealStructureMaker::pending), clock);
        return args -> properties
                .seals()
                .forEach(spec -> importer.importIfAbsent(
                        spec, custody.signingKey(spec.key()), spec.sm2KeyName().map(custody::signingKey)));
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
