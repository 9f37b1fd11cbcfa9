package cn.zhengyin.licence.config;

import cn.zhengyin.licence.issuance.ApprovalSystems;
import cn.zhengyin.licence.issuance.IdempotencyGuard;
import cn.zhengyin.licence.issuance.IdempotencyStore;
import cn.zhengyin.licence.issuance.IssuingAuthority;
import cn.zhengyin.licence.issuance.LicenceIssuer;
import cn.zhengyin.licence.issuance.LicenceSealer;
import cn.zhengyin.licence.issuance.MongoIdempotencyStore;
import cn.zhengyin.licence.issuance.MongoSerialNumberSource;
import cn.zhengyin.licence.issuance.SerialNumberSource;
import cn.zhengyin.licence.issuance.VersionProducer;
import cn.zhengyin.licence.licencetype.JsonLicenceTypeLoader;
import cn.zhengyin.licence.licencetype.LicenceTypeCatalogue;
import cn.zhengyin.licence.lifecycle.LicenceChanges;
import cn.zhengyin.licence.registry.LicenceFileStore;
import cn.zhengyin.licence.registry.LicenceRegistry;
import cn.zhengyin.licence.registry.MongoLicenceFileStore;
import cn.zhengyin.licence.registry.MongoLicenceRegistry;
import cn.zhengyin.licence.rendition.LicencePdfRenderer;
import cn.zhengyin.licence.rendition.LicenceXmlRenderer;
import cn.zhengyin.licence.rendition.XmlSealer;
import cn.zhengyin.licence.sealing.SealServiceClient;
import cn.zhengyin.licence.sealing.SealServiceLicenceSealer;
import cn.zhengyin.licence.sealing.SealServiceXmlSealer;
import cn.zhengyin.licence.transparency.LicenceEventLog;
import cn.zhengyin.licence.transparency.TransparencyEvidenceSource;
import cn.zhengyin.licence.verification.LicenceVerifier;
import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.pdf.PdfSignatureVerifier;
import cn.zhengyin.trust.pki.Pem;
import cn.zhengyin.trust.xml.XmlSignatureVerifier;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/** Composition root of the licence service: wires the plain-Java domain and the adapters. */
@Configuration(proxyBeanMethods = false)
class LicenceServiceConfiguration {

    LicenceServiceConfiguration() {
        Providers.bouncyCastle();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    LicenceTypeCatalogue licenceTypeCatalogue(LicenceServiceProperties properties) {
        return new LicenceTypeCatalogue(new JsonLicenceTypeLoader().loadAll(properties.templatesDirectory()));
    }

    @Bean
    LicenceRegistry licenceRegistry(MongoDatabase database) {
        return new MongoLicenceRegistry(database);
    }

    @Bean
    LicenceFileStore licenceFileStore(MongoDatabase database) {
        return new MongoLicenceFileStore(database);
    }

    @Bean
    SerialNumberSource serialNumberSource(MongoDatabase database) {
        return new MongoSerialNumberSource(database);
    }

    @Bean
    IdempotencyStore idempotencyStore(MongoDatabase database) {
        return new MongoIdempotencyStore(database);
    }

    @Bean(destroyMethod = "close")
    LicencePdfRenderer licencePdfRenderer() {
        return new LicencePdfRenderer();
    }

    /** HTTP client of the seal service, authenticated as the licence service (client credentials). */
    @Bean
    RestClient sealServiceClient(
            RestClient.Builder builder, OAuth2AuthorizedClientManager clients, LicenceServiceProperties properties) {
        OAuth2ClientHttpRequestInterceptor oauth = new OAuth2ClientHttpRequestInterceptor(clients);
        oauth.setClientRegistrationIdResolver(request -> "seal-service");
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory();
        requestFactory.setReadTimeout(java.time.Duration.ofSeconds(20));
        return builder.clone()
                .baseUrl(properties.sealServiceUrl().toString())
                .requestFactory(requestFactory)
                .requestInterceptor(oauth)
                .build();
    }

    @Bean
    SealServiceClient sealService(RestClient sealServiceClient) {
        return new SealServiceClient(sealServiceClient);
    }

    @Bean
    LicenceSealer licenceSealer(SealServiceClient sealService) {
        return new SealServiceLicenceSealer(sealService);
    }

    @Bean
    XmlSealer xmlSealer(SealServiceClient sealService) {
        return new SealServiceXmlSealer(sealService);
    }

    @Bean
    LicenceXmlRenderer licenceXmlRenderer() {
        return new LicenceXmlRenderer();
    }

    @Bean
    IdempotencyGuard idempotencyGuard(IdempotencyStore store, Clock clock) {
        return new IdempotencyGuard(store, clock);
    }

    @Bean
    VersionProducer versionProducer(
            LicencePdfRenderer renderer,
            LicenceSealer sealer,
            LicenceXmlRenderer xmlRenderer,
            XmlSealer xmlSealer,
            LicenceFileStore files,
            LicenceRegistry registry,
            LicenceServiceProperties properties) {
        return new VersionProducer(
                renderer, sealer, xmlRenderer, xmlSealer, files, registry, properties.publicBaseUrl());
    }

    /** Approval systems by OAuth2 client id: the authority each issues for, its seal and its licence types. */
    @Bean
    ApprovalSystems approvalSystems(LicenceServiceProperties properties) {
        return client -> Optional.ofNullable(properties.approvalSystems().get(client))
                .map(a -> new IssuingAuthority(
                        a.issuerName(), a.issuerCode(), a.sealId(), new HashSet<>(a.licenceTypes())));
    }

    @Bean
    LicenceIssuer licenceIssuer(
            LicenceTypeCatalogue types,
            ApprovalSystems approvalSystems,
            LicenceRegistry registry,
            SerialNumberSource serials,
            IdempotencyGuard idempotency,
            VersionProducer versions,
            Clock clock,
            LicenceEventLog eventLog) {
        return new LicenceIssuer(
                types, approvalSystems::find, registry, serials, idempotency, versions, clock, eventLog);
    }

    @Bean
    LicenceChanges licenceChanges(
            LicenceTypeCatalogue types,
            ApprovalSystems approvalSystems,
            LicenceRegistry registry,
            IdempotencyGuard idempotency,
            VersionProducer versions,
            Clock clock,
            LicenceEventLog eventLog) {
        return new LicenceChanges(types, approvalSystems::find, registry, idempotency, versions, clock, eventLog);
    }

    @Bean
    LicenceVerifier licenceVerifier(
            LicenceServiceProperties properties,
            LicenceRegistry registry,
            Clock clock,
            TransparencyEvidenceSource transparency) {
        Set<X509Certificate> anchors;
        try {
            anchors = new HashSet<>(Pem.parseCertificates(Files.readAllBytes(properties.trustAnchors())));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the trust anchors at "
                            + properties.trustAnchors().toAbsolutePath() + "; set zhengyin.trust-anchors",
                    e);
        }
        List<X509Certificate> intermediates = new java.util.ArrayList<>();
        for (java.nio.file.Path file : properties.trustIntermediates()) {
            try {
                intermediates.addAll(Pem.parseCertificates(Files.readAllBytes(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot read the intermediate CA certificates at " + file.toAbsolutePath()
                                + "; set zhengyin.trust-intermediates",
                        e);
            }
        }
        return new LicenceVerifier(
                new PdfSignatureVerifier(anchors, List.of(), clock),
                new XmlSignatureVerifier(anchors, clock),
                new cn.zhengyin.trust.ses.SesVerifier(
                        anchors,
                        intermediates,
                        List.of(),
                        cn.zhengyin.trust.validation.RevocationPolicy.CHECK_IF_AVAILABLE),
                registry,
                clock,
                transparency);
    }
}
