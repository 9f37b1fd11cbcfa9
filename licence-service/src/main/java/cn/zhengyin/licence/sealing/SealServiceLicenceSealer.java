package cn.zhengyin.licence.sealing;

import cn.zhengyin.licence.issuance.LicenceSealer;
import cn.zhengyin.trust.pdf.PadesPreparation;
import cn.zhengyin.trust.pdf.PadesPreparer;
import cn.zhengyin.trust.pdf.SignatureRequest;
import cn.zhengyin.trust.pdf.VisibleAppearance;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * {@link LicenceSealer} backed by the seal service's digest-signing API ({@code POST /api/v1/signatures/pades}).
 * The seal's image and certificate chain are fetched once per seal and cached.
 */
public final class SealServiceLicenceSealer implements LicenceSealer {
    private final RestClient sealService;
    private final PadesPreparer preparer = new PadesPreparer(16L * 1024 * 1024);
    private final Map<String, SealMaterial> materials = new ConcurrentHashMap<>();

    /** @param sealService a client with the seal service's base URL that authenticates as the licence service */
    public SealServiceLicenceSealer(RestClient sealService) {
        this.sealService = sealService;
    }

    private record SealMaterial(byte[] imagePng, List<X509Certificate> chain) {
    }

    record SealView(String id, String name, String state, List<CertificateView> certificates) {
    }

    /** @param chain base64 DER certificates, the seal's first */
    record CertificateView(String algorithm, List<String> chain) {
    }

    record PadesDigestRequest(String sealId, String digestAlgorithm, String digest, String licenceIdentifier) {
    }

    record PadesDigestResponse(String sealId, String format, String cms) {
    }

    @Override
    public byte[] seal(byte[] pdf, SealingRequest request) {
        try {
            SealMaterial material = materials.computeIfAbsent(request.sealId(), this::fetchMaterial);
            Area a = request.sealArea();
            // Chain of the seal and of the TSA (same dev CA, similar size): the estimate covers both.
            int reserve = SignatureRequest.estimateContentsBytes(material.chain(), material.chain());
            PadesPreparation prepared = preparer.prepare(pdf, new SignatureRequest(request.signerName(),
                    "电子证照签发 Licence issued: " + request.licenceIdentifier(), "", request.signingTime(),
                    Optional.of(new VisibleAppearance(request.pageIndex(), a.x(), a.y(), a.width(), a.height(),
                            material.imagePng())), reserve));
            PadesDigestResponse signed = sealService.post().uri("/api/v1/signatures/pades")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(new PadesDigestRequest(request.sealId(), "SHA-256",
                            Base64.getEncoder().encodeToString(prepared.digest()), request.licenceIdentifier()))
                    .retrieve().body(PadesDigestResponse.class);
            if (signed == null || signed.cms() == null) {
                throw new SealingFailedException("the seal service returned no signature", true, null);
            }
            return prepared.complete(Base64.getDecoder().decode(signed.cms()));
        } catch (RestClientResponseException e) {
            boolean retryable = e.getStatusCode().is5xxServerError() || e.getStatusCode().value() == 429;
            throw new SealingFailedException("the seal service answered " + e.getStatusCode().value() + ": "
                    + detailOf(e), retryable, e);
        } catch (ResourceAccessException e) {
            throw new SealingFailedException("the seal service cannot be reached: " + e.getMostSpecificCause().getMessage(),
                    true, e);
        }
    }

    private SealMaterial fetchMaterial(String sealId) {
        SealView view = sealService.get().uri("/api/v1/seals/{id}", sealId).retrieve().body(SealView.class);
        byte[] png = sealService.get().uri("/api/v1/seals/{id}/image.png?dpi=300", sealId).retrieve().body(byte[].class);
        if (view == null || png == null) {
            throw new SealingFailedException("the seal service did not describe seal " + sealId, true, null);
        }
        List<String> chain = view.certificates() == null ? List.of() : view.certificates().stream()
                .filter(c -> c.algorithm() != null && c.algorithm().startsWith("ECDSA")).findFirst()
                .map(CertificateView::chain).orElse(List.of());
        if (chain.isEmpty()) {
            throw new SealingFailedException("seal " + sealId + " has no ECDSA certificate for PAdES signing", false, null);
        }
        return new SealMaterial(png, chain.stream().map(SealServiceLicenceSealer::certificate).toList());
    }

    private static X509Certificate certificate(String base64) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
        } catch (CertificateException e) {
            throw new SealingFailedException("the seal service sent an unreadable certificate", false, e);
        }
    }

    private static String detailOf(RestClientResponseException e) {
        try {
            ProblemDetail problem = e.getResponseBodyAs(ProblemDetail.class);
            if (problem != null && problem.getDetail() != null) {
                return problem.getDetail();
            }
        } catch (RuntimeException notAProblem) {
            // fall through to the status text
        }
        return e.getStatusText();
    }
}
