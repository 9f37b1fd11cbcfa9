package cn.zhengyin.licence.share;

import cn.zhengyin.licence.config.LicenceServiceProperties;
import cn.zhengyin.licence.issuance.ApprovalSystems;
import cn.zhengyin.licence.issuance.IssuingAuthority;
import cn.zhengyin.licence.registry.LicenceRegistry;
import cn.zhengyin.licence.sealing.SealServiceClient;
import cn.zhengyin.trust.pki.Pem;
import cn.zhengyin.trust.validation.CertificateChainValidator;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires sharing: the share store, the seal service as JWS signer, the share service and the verifier. */
@Configuration(proxyBeanMethods = false)
class ShareConfiguration {

    @Bean
    ShareStore shareStore(MongoDatabase database) {
        return new MongoShareStore(database);
    }

    @Bean
    JwsSigner jwsSigner(SealServiceClient sealService) {
        return new SealServiceJwsSigner(sealService);
    }

    /** A licence version is signed by the seal of the approval system that issued it. */
    @Bean
    ShareService shareService(
            LicenceRegistry registry,
            ShareStore shares,
            JwsSigner signer,
            ApprovalSystems approvalSystems,
            LicenceServiceProperties properties,
            Clock clock) {
        return new ShareService(
                registry,
                shares,
                signer,
                version -> approvalSystems.find(version.issuedBy()).map(IssuingAuthority::sealId),
                properties.publicBaseUrl(),
                clock);
    }

    @Bean
    ShareVerifier shareVerifier(ShareService shares, LicenceServiceProperties properties, Clock clock) {
        Set<X509Certificate> anchors;
        try {
            anchors = new HashSet<>(Pem.parseCertificates(Files.readAllBytes(properties.trustAnchors())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trust anchors at " + properties.trustAnchors(), e);
        }
        return new ShareVerifier(new CertificateChainValidator(anchors, List.of()), shares::resolveStatus, clock);
    }
}
