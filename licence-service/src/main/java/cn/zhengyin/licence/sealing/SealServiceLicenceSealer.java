package cn.zhengyin.licence.sealing;

import cn.zhengyin.licence.issuance.LicenceSealer;
import cn.zhengyin.trust.pdf.LtvCollector;
import cn.zhengyin.trust.pdf.LtvMaterial;
import cn.zhengyin.trust.pdf.PadesLtvExtender;
import cn.zhengyin.trust.pdf.PadesPreparation;
import cn.zhengyin.trust.pdf.PadesPreparer;
import cn.zhengyin.trust.pdf.SignatureRequest;
import cn.zhengyin.trust.pdf.VisibleAppearance;
import cn.zhengyin.trust.TrustException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

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

    public SealServiceLicenceSealer(SealServiceClient sealService) {
        this.sealService = sealService;
        this.ltvCollector = new LtvCollector(new SealServiceRevocationSource(sealService), MAX_PDF_BYTES);
    }

    record PadesDigestRequest(String sealId, String digestAlgorithm, String digest, String licenceIdentifier) {
    }

    record PadesDigestResponse(String sealId, String format, String cms) {
    }

    @Override
    public byte[] seal(byte[] pdf, SealingRequest request) {
        List<X509Certificate> chain = sealService.ecdsaChain(request.sealId());
        byte[] image = sealService.imagePng(request.sealId());
        Area a = request.sealArea();
        // The seal's chain and the TSA's (same dev CA, similar size): the estimate covers both.
        int reserve = SignatureRequest.estimateContentsBytes(chain, chain);
        PadesPreparation prepared = preparer.prepare(withValidationData(pdf, chain), new SignatureRequest(request.signerName(),
                "电子证照签发 Licence issued: " + request.licenceIdentifier(), "", request.signingTime(),
                Optional.of(new VisibleAppearance(request.pageIndex(), a.x(), a.y(), a.width(), a.height(), image)),
                reserve));
        PadesDigestResponse signed = sealService.sign("/api/v1/signatures/pades", new PadesDigestRequest(request.sealId(),
                "SHA-256", Base64.getEncoder().encodeToString(prepared.digest()), request.licenceIdentifier()),
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
     * service has just checked the seal is ISSUED (Adobe's revocation-info-at-signing practice).
     */
    private byte[] withValidationData(byte[] pdf, List<X509Certificate> sealChain) {
        try {
            LtvMaterial material = ltvCollector.collectFor(sealChain);
            return ltvExtender.addDss(pdf, material);
        } catch (TrustException e) {
            throw new SealingFailedException("the long-term validation data could not be added: " + e.getMessage(),
                    true, e);
        }
    }
}
