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
import cn.zhengyin.trust.ses.SealMaker;
import java.math.BigInteger;
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
    SealCertificateAuthority sealCertificateAuthority(SealServiceProperties properties, KeyFiles keys, Clock clock) {
        return new DevSealCertificateAuthority(
                new CertificateIssuer(clock, new SecureRandom(), CrlDistributionPoints.defaults()),
                keys.credential(ECDSA_SEAL_CA),
                keys.credential(SM2_SEAL_CA),
                AuthorityInformationAccess.of(properties.ocspUrl(), null),
                clock);
    }

    /** The dev CAs whose CRLs this service issues; entries come from the seal store. */
    @Bean
    RevocationLists revocationLists(KeyFiles keys, SealRepository seals, Clock clock) {
        Map<String, Credential> cas = new LinkedHashMap<>();
        for (String ca : List.of("root-ca", ECDSA_SEAL_CA, "sm2-root-ca", SM2_SEAL_CA)) {
            if (keys.has(ca)) {
                cas.put(ca, keys.credential(ca));
            }
        }
        return new RevocationLists(cas, seals, clock, Duration.ofDays(7), Duration.ofHours(1));
    }

    /** OCSP for certificates issued by seal-ca, signed with keys-dev {@code ocsp.p12} (delegated, ocsp-nocheck). */
    @Bean
    OcspResponder ocspResponder(SealServiceProperties properties, KeyFiles keys, SealRepository seals, Clock clock) {
        Credential ca = keys.credential(ECDSA_SEAL_CA);
        SigningKey responder = keys.signingKey("ocsp");
        Set<BigInteger> others = new HashSet<>();
        others.add(responder.certificateChain().getFirst().getSerialNumber());
        if (keys.has(properties.tsaKey())) {
            others.add(keys.signingKey(properties.tsaKey())
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
            SealServiceProperties properties,
            KeyFiles keys,
            @Value("${zhengyin.sm2-tsa-key:sm2-tsa}") String sm2TsaKey) {
        Map<String, X509Certificate> certificates = new LinkedHashMap<>();
        for (String name : List.of(properties.tsaKey(), sm2TsaKey, "ocsp")) {
            if (!name.isBlank() && keys.has(name)) {
                certificates.put(name, keys.signingKey(name).certificateChain().getFirst());
            }
        }
        for (String ca : List.of("root-ca", ECDSA_SEAL_CA, "sm2-root-ca", SM2_SEAL_CA)) {
            if (keys.has(ca)) {
                certificates.put(ca, keys.credential(ca).certificate());
            }
        }
        return new MonitoredCertificates(certificates);
    }

    /** GB/T 38540 SESeals signed by the dev seal maker (keys-dev {@code sm2-seal-maker.p12}). */
    @Bean
    SealStructureMaker sealStructureMaker(KeyFiles keys, Clock clock, LibrarySealImageMaker sealImages) {
        return new GbtSealStructureMaker(
                new SealMaker(keys.signingKey("sm2-seal-maker"), "ZHENGYIN"), clock, sealImages::vector);
    }
}
