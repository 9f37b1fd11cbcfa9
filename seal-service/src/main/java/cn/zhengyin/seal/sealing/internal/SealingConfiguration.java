package cn.zhengyin.seal.sealing.internal;

import cn.zhengyin.seal.ca.RevocationLists;
import cn.zhengyin.seal.image.SealImageRenderer;
import cn.zhengyin.seal.lifecycle.LibrarySealImageMaker;
import cn.zhengyin.seal.lifecycle.SealImageMaker;
import cn.zhengyin.seal.sealing.DocumentSealingService;
import cn.zhengyin.seal.sealing.SealUsePolicy;
import cn.zhengyin.seal.sealing.SealingRequestService;
import cn.zhengyin.seal.signing.SealSigningService;
import cn.zhengyin.trust.pdf.PadesLtaExtender;
import cn.zhengyin.trust.sealing.OfdDocumentSealer;
import cn.zhengyin.trust.sealing.PdfDocumentSealer;
import cn.zhengyin.trust.sealing.SealingLimits;
import cn.zhengyin.trust.timestamp.TimestampSource;
import cn.zhengyin.trust.validation.RevocationSource;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires document sealing: trust-core's PDF and OFD sealers with the limits {@code zhengyin.sealing.max-bytes} and
 * {@code max-pages}, the LTA extension from this service's own CRLs and TSA (in process: no HTTP to itself), and the
 * seals' impressions as their image download serves them.
 */
@Configuration(proxyBeanMethods = false)
class SealingConfiguration {

    @Bean
    DocumentSealingService documentSealingService(
            SealSigningService signing,
            RevocationLists crls,
            TimestampSource timestamps,
            SealImageMaker images,
            SealImageRenderer renderer,
            Clock clock,
            @Value("${zhengyin.sealing.max-bytes:20971520}") long maxBytes,
            @Value("${zhengyin.sealing.max-pages:200}") int maxPages,
            @Value("${zhengyin.sealing.approval-required-seals:}") java.util.List<String> approvalRequired) {
        SealingLimits limits = new SealingLimits(maxBytes, maxPages);
        PadesLtaExtender lta = new PadesLtaExtender(ownCrls(crls), timestamps, maxBytes + (32L << 20));
        return new DocumentSealingService(
                signing,
                new PdfDocumentSealer(limits, lta),
                new OfdDocumentSealer(limits, "Zhengyin seal-service", "1"),
                seal -> seal.imageId()
                        .flatMap(images::png)
                        .orElseGet(() -> renderer.renderPng(LibrarySealImageMaker.design(seal), 300)),
                clock,
                new SealUsePolicy(java.util.Set.copyOf(approvalRequired.stream()
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList())));
    }

    /**
     * Sealing requests of the console (用印审批): the uploaded document is kept in {@code sealing_requests} until decided
     * or {@code zhengyin.sealing.requests.keep} (default 24 h) after upload, at most
     * {@code zhengyin.sealing.requests.max-bytes} (default 7 MiB: a MongoDB document holds 16 MiB, the sealed file
     * included).
     */
    @Bean
    SealingRequestService sealingRequestService(
            DocumentSealingService sealing,
            com.mongodb.client.MongoDatabase database,
            cn.zhengyin.service.audit.AuditLog audit,
            Clock clock,
            @Value("${zhengyin.sealing.requests.keep:PT24H}") java.time.Duration keep,
            @Value("${zhengyin.sealing.requests.max-bytes:7340032}") long maxBytes) {
        return new SealingRequestService(sealing, new MongoSealingRequestStore(database), audit, clock, keep, maxBytes);
    }

    /** The CRL of the CA that issued a certificate, from this service's own CAs. */
    static RevocationSource ownCrls(RevocationLists crls) {
        return issued -> {
            for (String ca : crls.caNames()) {
                Optional<X509CRL> crl = crls.current(ca);
                if (crl.isPresent() && crl.get().getIssuerX500Principal().equals(issued.getIssuerX500Principal())) {
                    try {
                        return Optional.of(crl.get().getEncoded());
                    } catch (CRLException e) {
                        throw new IllegalStateException("the CRL of " + ca + " cannot be encoded", e);
                    }
                }
            }
            return Optional.empty();
        };
    }
}
