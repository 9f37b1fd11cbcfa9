package cn.zhengyin.licence.sealing.internal;

import cn.zhengyin.licence.sealing.LicenceSealer;
import cn.zhengyin.licence.sealing.client.SealServiceClient;
import cn.zhengyin.licence.sealing.client.SealServiceRevocationSource;
import cn.zhengyin.trust.TrustException;
import cn.zhengyin.trust.pdf.LtvCollector;
import cn.zhengyin.trust.pdf.LtvMaterial;
import cn.zhengyin.trust.pdf.PadesLtvExtender;
import cn.zhengyin.trust.pdf.PadesPreparation;
import cn.zhengyin.trust.pdf.PadesPreparer;
import cn.zhengyin.trust.pdf.SignatureRequest;
import cn.zhengyin.trust.pdf.VisibleAppearance;
import java.io.ByteArrayInputStream;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * {@link LicenceSealer} backed by the seal service's digest-signing API ({@code POST /api/v1/signatures/pades}):
 * the PAdES signature is prepared here and only its SHA-256 digest travels. The signed PDF is then extended to PAdES
 * baseline B-LT: an incremental update adds a DSS with the seal's and the TSA's chains and their CAs' CRLs, fetched
 * from the seal service ({@link SealServiceRevocationSource}), so the licence verifies offline years later.
 */
public final class SealServiceLicenceSealer implements LicenceSealer {
    private final SealServiceClient sealService;
    private static final long MAX_PDF_BYTES = 16L * 1024 * 1024;
    private final PadesPreparer preparer = new PadesPreparer(MAX_PDF_BYTES);
    private final LtvCollector ltvCollector;
    private final PadesLtvExtender ltvExtender = new PadesLtvExtender(MAX_PDF_BYTES);
    /** How long fetched validation material is reused for further licences of the same seal. */
    public static final Duration DEFAULT_LTV_MAX_AGE = Duration.ofSeconds(60);

    private final long ltvMaxAgeNanos;
    private final LongSupplier nanoTicker;
    private final Map<List<X509Certificate>, CachedMaterial> ltvMaterial = new ConcurrentHashMap<>();

    public SealServiceLicenceSealer(SealServiceClient sealService) {
        this(sealService, DEFAULT_LTV_MAX_AGE, System::nanoTime);
    }

    /**
     * @param ltvMaxAge  how long the CRLs fetched for a seal's chain are embedded in further licences (never past a
     *                   CRL's nextUpdate); {@link Duration#ZERO} fetches them for every licence
     * @param nanoTicker monotonic time source for that age, e.g. {@code System::nanoTime}
     */
    public SealServiceLicenceSealer(SealServiceClient sealService, Duration ltvMaxAge, LongSupplier nanoTicker) {
        this.sealService = sealService;
        this.ltvCollector = new LtvCollector(new SealServiceRevocationSource(sealService), MAX_PDF_BYTES);
        this.ltvMaxAgeNanos = ltvMaxAge.toNanos();
        this.nanoTicker = nanoTicker;
    }

    /** Material fetched at {@code fetchedNanos}, usable for signing times before {@code crlsValidUntil}. */
    private record CachedMaterial(LtvMaterial material, long fetchedNanos, Instant crlsValidUntil) {}

    record PadesDigestRequest(String sealId, String digestAlgorithm, String digest, String licenceIdentifier) {}

    record PadesDigestResponse(String sealId, String format, String cms) {}

    @Override
    public byte[] seal(byte[] pdf, SealingRequest request) {
        List<X509Certificate> chain = sealService.ecdsaChain(request.sealId());
        byte[] image = sealService.imagePng(request.sealId());
        Area a = request.sealArea();
        // The seal's chain and the TSA's (same dev CA, similar size): the estimate covers both.
        int reserve = SignatureRequest.estimateContentsBytes(chain, chain);
        PadesPreparation prepared = preparer.prepare(
                withValidationData(pdf, chain, request.signingTime()),
                new SignatureRequest(
                        request.signerName(),
                        "电子证照签发 Licence issued: " + request.licenceIdentifier(),
                        "",
                        request.signingTime(),
                        Optional.of(
                                new VisibleAppearance(request.pageIndex(), a.x(), a.y(), a.width(), a.height(), image)),
                        reserve));
        PadesDigestResponse signed = sealService.sign(
                "/api/v1/signatures/pades",
                new PadesDigestRequest(
                        request.sealId(),
                        "SHA-256",
                        Base64.getEncoder().encodeToString(prepared.digest()),
                        request.licenceIdentifier()),
                PadesDigestResponse.class);
        if (signed.cms() == null) {
            throw new SealingFailedException("the seal service returned no CMS", true, null);
        }
        return prepared.complete(Base64.getDecoder().decode(signed.cms()));
    }

    /**
     * Long-term validation data (PAdES B-LT): a DSS with the seal's chain and the CRL of every CA in it, added BEFORE
     * the seal signs, so the signature covers it and the whole file (poppler's pdfsig: "Total document signed").
     * The time-stamp authority is certified by the same CA, so the same CRLs cover its certificate, which travels
     * inside the time-stamp token. The CRLs are the seal service's current ones, fetched at sealing time — the seal
     * service has just checked the seal is ISSUED (Adobe's revocation-info-at-signing practice). The material of a
     * chain is reused for {@link #DEFAULT_LTV_MAX_AGE} (and never once a CRL's nextUpdate has passed): a CRL that
     * is up to a minute old is as good revocation information at signing as a fresh one, because the seal service
     * refuses to sign with a seal that is not ISSUED at that moment.
     */
    private byte[] withValidationData(byte[] pdf, List<X509Certificate> sealChain, Instant signingTime) {
        try {
            return ltvExtender.addDss(pdf, materialFor(sealChain, signingTime));
        } catch (TrustException e) {
            throw new SealingFailedException(
                    "the long-term validation data could not be added: " + e.getMessage(), true, e);
        }
    }

    private LtvMaterial materialFor(List<X509Certificate> sealChain, Instant signingTime) {
        long now = nanoTicker.getAsLong();
        CachedMaterial cached = ltvMaterial.get(sealChain);
        if (cached != null
                && now - cached.fetchedNanos() < ltvMaxAgeNanos
                && signingTime.isBefore(cached.crlsValidUntil())) {
            return cached.material();
        }
        LtvMaterial material = ltvCollector.collectFor(sealChain);
        if (ltvMaxAgeNanos > 0) {
            ltvMaterial.put(List.copyOf(sealChain), new CachedMaterial(material, now, earliestNextUpdate(material)));
        }
        return material;
    }

    /** The earliest nextUpdate of the CRLs (a CRL without one, or none at all: not reusable past now). */
    private static Instant earliestNextUpdate(LtvMaterial material) {
        Instant earliest = Instant.MAX;
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : material.crls()) {
                X509CRL crl = (X509CRL) factory.generateCRL(new ByteArrayInputStream(der));
                if (crl.getNextUpdate() == null) {
                    return Instant.MIN;
                }
                Instant next = crl.getNextUpdate().toInstant();
                earliest = next.isBefore(earliest) ? next : earliest;
            }
        } catch (CRLException | CertificateException e) {
            return Instant.MIN; // already checked by the collector; if unreadable here, simply do not reuse it
        }
        return earliest;
    }
}
