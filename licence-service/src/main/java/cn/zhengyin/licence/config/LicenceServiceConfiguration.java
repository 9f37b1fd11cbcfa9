package cn.zhengyin.licence.config;

import cn.zhengyin.licence.authority.ApprovalSystems;
import cn.zhengyin.licence.licencetype.JsonLicenceTypeLoader;
import cn.zhengyin.licence.licencetype.LicenceTypeCatalogue;
import cn.zhengyin.licence.monitoring.VerificationCrls;
import cn.zhengyin.licence.registry.LicenceRegistry;
import cn.zhengyin.licence.registry.PublicLinks;
import cn.zhengyin.licence.sealing.client.SealServiceClient;
import cn.zhengyin.licence.sealing.client.SealServiceRevocationSource;
import cn.zhengyin.licence.share.ShareService;
import cn.zhengyin.licence.share.ShareVerifier;
import cn.zhengyin.licence.transparency.TransparencyEvidenceSource;
import cn.zhengyin.licence.verification.LicenceVerifier;
import cn.zhengyin.licence.verification.OtherRegions;
import cn.zhengyin.licence.verification.UploadLimit;
import cn.zhengyin.trust.SuppressForbidden;
import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.pdf.PdfSignatureVerifier;
import cn.zhengyin.trust.pki.Pem;
import cn.zhengyin.trust.ses.SesVerifier;
import cn.zhengyin.trust.trustlist.TrustListLoader;
import cn.zhengyin.trust.validation.CachingRevocationSource;
import cn.zhengyin.trust.validation.RevocationSources;
import cn.zhengyin.trust.validation.TrustAnchors;
import cn.zhengyin.trust.xml.SecureXml;
import cn.zhengyin.trust.xml.XmlSignatureVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * Composition root of the licence service: the application-wide beans made from {@link LicenceServiceProperties} (the
 * clock, the licence types, the approval systems, the public links, the seal service's HTTP client, the trust anchors
 * of the verifiers). Each feature wires its own adapters in its {@code internal} package from these and from the other
 * features' APIs; no feature imports this package.
 */
@Configuration(proxyBeanMethods = false)
class LicenceServiceConfiguration {

    LicenceServiceConfiguration() {
        Providers.bouncyCastle();
    }

    /** The one clock of the service: every feature gets it injected (ArchitectureRulesTest forbids other clocks). */
    @Bean
    @SuppressForbidden // the composition root makes the one clock
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    LicenceTypeCatalogue licenceTypeCatalogue(LicenceServiceProperties properties) {
        return new LicenceTypeCatalogue(new JsonLicenceTypeLoader().loadAll(properties.templatesDirectory()));
    }

    @Bean
    PublicLinks publicLinks(LicenceServiceProperties properties) {
        return new PublicLinks(properties.publicBaseUrl());
    }

    @Bean
    UploadLimit uploadLimit(LicenceServiceProperties properties) {
        return new UploadLimit(properties.maxUploadBytes());
    }

    /**
     * Approval systems by OAuth2 client id: the authority each issues for, its seal and its licence types. Refuses to
     * start on a configuration that does not give every authority exactly one seal of its own.
     */
    @Bean
    ApprovalSystems approvalSystems(LicenceServiceProperties properties) {
        return ConfiguredApprovalSystems.of(properties.approvalSystems());
    }

    /** HTTP client of the seal service, authenticated as the licence service (client credentials). */
    @Bean
    SealServiceClient sealServiceClient(
            RestClient.Builder builder, OAuth2AuthorizedClientManager clients, LicenceServiceProperties properties) {
        OAuth2ClientHttpRequestInterceptor oauth = new OAuth2ClientHttpRequestInterceptor(clients);
        oauth.setClientRegistrationIdResolver(request -> "seal-service");
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory();
        requestFactory.setReadTimeout(Duration.ofSeconds(20));
        return new SealServiceClient(builder.clone()
                .baseUrl(properties.sealServiceUrl().toString())
                .requestFactory(requestFactory)
                .requestInterceptor(oauth)
                .build());
    }

    /**
     * The verifiers of licence files and SES signatures, failing closed: the validation policy is chosen per request
     * ({@code licence} or {@code baseline}) and under both unknown revocation status is never TOTAL_PASSED. Revocation
     * comes from the document's embedded data, the configured CRL files, then the seal service's CRLs (the dev CA's
     * distribution points, see {@link SealServiceRevocationSource}), reused for {@code crl-max-age}.
     */
    /** The CRL files of {@code zhengyin.verification.crls}, read once: the verifiers use them, monitoring watches them. */
    @Bean
    VerificationCrls verificationCrls(VerificationProperties verification) {
        Map<String, X509CRL> crls = new LinkedHashMap<>();
        for (Path file : verification.crls()) {
            try {
                String name = file.getFileName().toString();
                if (crls.containsKey(name)) {
                    name = file.toString();
                }
                crls.put(name, Pem.parseCrl(Files.readAllBytes(file)));
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(
                        "cannot read the CRL at " + file.toAbsolutePath()
                                + " (PEM or DER); set zhengyin.verification.crls",
                        e);
            }
        }
        return new VerificationCrls(crls);
    }

    @Bean
    LicenceVerifier licenceVerifier(
            LicenceServiceProperties properties,
            VerificationProperties verification,
            VerificationCrls crls,
            LicenceRegistry registry,
            SealServiceClient sealService,
            TrustListLoader trustList,
            Clock clock,
            TransparencyEvidenceSource transparency) {
        Set<X509Certificate> anchors = trustAnchors(properties);
        List<X509Certificate> intermediates = new ArrayList<>();
        for (Path file : properties.trustIntermediates()) {
            try {
                intermediates.addAll(Pem.parseCertificates(Files.readAllBytes(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot read the intermediate CA certificates at " + file.toAbsolutePath()
                                + "; set zhengyin.trust-intermediates",
                        e);
            }
        }
        RevocationSources revocation = new RevocationSources(
                List.copyOf(crls.byName().values()),
                Optional.of(new CachingRevocationSource(
                        new SealServiceRevocationSource(sealService), verification.crlMaxAge(), clock)));
        TrustAnchors trust = TrustAnchors.of(anchors, intermediates);
        return new LicenceVerifier(
                new PdfSignatureVerifier(trust, revocation, clock, PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES),
                new XmlSignatureVerifier(trust, revocation, clock, SecureXml.DEFAULT_MAX_BYTES),
                new SesVerifier(trust, revocation),
                registry,
                clock,
                transparency,
                Optional.of(new OtherRegions(trustList::current, new OtherRegions.Verifiers() {
                    @Override
                    public PdfSignatureVerifier pdf(Set<X509Certificate> extraAnchors) {
                        return new PdfSignatureVerifier(
                                TrustAnchors.of(union(anchors, extraAnchors), intermediates),
                                revocation,
                                clock,
                                PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES);
                    }

                    @Override
                    public XmlSignatureVerifier xml(Set<X509Certificate> extraAnchors) {
                        return new XmlSignatureVerifier(
                                TrustAnchors.of(union(anchors, extraAnchors), intermediates),
                                revocation,
                                clock,
                                SecureXml.DEFAULT_MAX_BYTES);
                    }
                })));
    }

    private static Set<X509Certificate> union(Set<X509Certificate> a, Set<X509Certificate> b) {
        Set<X509Certificate> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** Verifies shared credentials (SD-JWT VCs) against the same trust anchors as licence files. */
    @Bean
    ShareVerifier shareVerifier(
            ShareService shares, LicenceServiceProperties properties, SealServiceClient sealService, Clock clock) {
        // the seal certificate's revocation is checked too (fail closed), from the seal service's CRLs
        return new ShareVerifier(
                trustAnchors(properties),
                new CachingRevocationSource(
                        new SealServiceRevocationSource(sealService), Duration.ofSeconds(30), clock),
                shares::resolveStatus,
                clock);
    }

    private static Set<X509Certificate> trustAnchors(LicenceServiceProperties properties) {
        try {
            return new HashSet<>(Pem.parseCertificates(Files.readAllBytes(properties.trustAnchors())));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the trust anchors at "
                            + properties.trustAnchors().toAbsolutePath() + "; set zhengyin.trust-anchors",
                    e);
        }
    }
}
