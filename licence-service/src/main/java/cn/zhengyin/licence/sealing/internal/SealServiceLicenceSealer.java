package cn.zhengyin.licence.sealing.internal;

import cn.zhengyin.licence.sealing.LicenceSealer;
import cn.zhengyin.licence.sealing.client.SealServiceClient;
import cn.zhengyin.licence.sealing.client.SealServiceRevocationSource;
import cn.zhengyin.trust.TrustException;
import cn.zhengyin.trust.pdf.ContentsReservation;
import cn.zhengyin.trust.pdf.PadesLtaExtender;
import cn.zhengyin.trust.pdf.PadesPreparer;
import cn.zhengyin.trust.pdf.SignatureRequest;
import cn.zhengyin.trust.pdf.VisibleAppearance;
import cn.zhengyin.trust.seal.SealImpression;
import cn.zhengyin.trust.timestamp.Rfc3161Client;
import cn.zhengyin.trust.validation.CachingRevocationSource;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * {@link LicenceSealer} backed by the seal service: the PAdES signature is prepared here and only its SHA-256 digest
 * travels ({@code POST /api/v1/signatures/pades}); the signed PDF is then made PAdES-BASELINE-LTA by trust-core's
 * {@link PadesLtaExtender} — a DSS update with the seal's and the TSA's chains and their CAs' CRLs (fetched from the
 * seal service's distribution points, {@link SealServiceRevocationSource}, reused for a minute), then a document
 * time-stamp from the seal service's TSA ({@code POST /tsa}) — so the licence verifies offline years later and to
 * any PAdES validator. This class only connects the seal service to trust-core.
 */
public final class SealServiceLicenceSealer implements LicenceSealer {
    private static final long MAX_PDF_BYTES = 16L * 1024 * 1024;
    /** How long a CA's CRL fetched for one licence is embedded in further licences (never past its nextUpdate). */
    public static final Duration DEFAULT_LTV_MAX_AGE = Duration.ofSeconds(60);

    private final SealServiceClient sealService;
    private final PadesPreparer preparer = new PadesPreparer(MAX_PDF_BYTES);
    private final ContentsReservation reservation = new ContentsReservation();
    private final PadesLtaExtender lta;

    /**
     * @param ltvMaxAge how long a CA's CRL is reused for further licences; {@link Duration#ZERO} fetches it each time
     * @param clock     the time that age is judged at
     */
    public SealServiceLicenceSealer(SealServiceClient sealService, Duration ltvMaxAge, Clock clock) {
        this.sealService = sealService;
        this.lta = new PadesLtaExtender(
                new CachingRevocationSource(new SealServiceRevocationSource(sealService), ltvMaxAge, clock),
                new Rfc3161Client(sealService::timestampReply),
                MAX_PDF_BYTES);
    }

    record PadesDigestRequest(String sealId, String digestAlgorithm, String digest, String licenceIdentifier) {}

    record PadesDigestResponse(String sealId, String format, String cms) {}

    @Override
    public List<SealImpression.Glyph> sealGlyphs(String sealId) {
        return sealService.impression(sealId).stream()
                .flatMap(i -> i.parts().stream())
                .flatMap(p -> p.glyph().stream())
                .toList();
    }

    @Override
    public byte[] seal(byte[] pdf, SealingRequest request) {
        List<X509Certificate> chain = sealService.ecdsaChain(request.sealId());
        Area a = request.sealArea();
        // the seal as paths (its characters as text in the page's font where it has them) when its SESeal carries the
        // vector impression, else its PNG
        VisibleAppearance appearance = sealService
                .impression(request.sealId())
                .map(v -> VisibleAppearance.vector(request.pageIndex(), a.x(), a.y(), a.width(), a.height(), v))
                .orElseGet(() -> new VisibleAppearance(
                        request.pageIndex(),
                        a.x(),
                        a.y(),
                        a.width(),
                        a.height(),
                        sealService.imagePng(request.sealId())));
        // The /Contents size: estimated from the seal's chain, then learnt from the CMSs this seal really returns
        // (a TSA chain longer than the estimate assumed costs one more signature, once).
        byte[] sealed = reservation.sign(
                request.sealId(),
                chain,
                reserve -> preparer.prepare(
                        pdf,
                        new SignatureRequest(
                                request.signerName(),
                                "电子证照签发 Licence issued: " + request.licenceIdentifier(),
                                "",
                                request.signingTime(),
                                Optional.of(appearance),
                                reserve)),
                digest -> {
                    PadesDigestResponse signed = sealService.sign(
                            "/api/v1/signatures/pades",
                            new PadesDigestRequest(
                                    request.sealId(),
                                    "SHA-256",
                                    Base64.getEncoder().encodeToString(digest),
                                    request.licenceIdentifier()),
                            PadesDigestResponse.class);
                    if (signed.cms() == null) {
                        throw new SealingFailedException("the seal service returned no CMS", true, null);
                    }
                    return Base64.getDecoder().decode(signed.cms());
                });
        try {
            return lta.extend(sealed);
        } catch (SealingFailedException e) {
            throw e;
        } catch (TrustException e) {
            throw new SealingFailedException(
                    "the long-term validation data could not be added: " + e.getMessage(), true, e);
        }
    }
}
