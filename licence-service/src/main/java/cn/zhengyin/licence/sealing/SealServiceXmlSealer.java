package cn.zhengyin.licence.sealing;

import cn.zhengyin.licence.issuance.LicenceSealer.SealingFailedException;
import cn.zhengyin.licence.rendition.LicenceXmlRenderer;
import cn.zhengyin.licence.rendition.XmlSealer;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import cn.zhengyin.trust.xml.XadesEnvelopedSigner;
import cn.zhengyin.trust.xml.XmlSignaturePreparation;
import cn.zhengyin.trust.xml.XmlSigningException;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.w3c.dom.Document;

/**
 * {@link XmlSealer} backed by the seal service: the XAdES signature is prepared here (the seal's certificate chain,
 * fetched once per seal from {@code GET /api/v1/seals/{id}}, goes into KeyInfo and SigningCertificateV2), the
 * canonical SignedInfo is signed by {@code POST /api/v1/signatures/xml}, and the value is checked against the seal
 * certificate before it is inserted.
 */
public final class SealServiceXmlSealer implements XmlSealer {
    private final RestClient sealService;
    private final XadesEnvelopedSigner signer = new XadesEnvelopedSigner();
    private final Map<String, List<X509Certificate>> chains = new ConcurrentHashMap<>();

    /** @param sealService a client with the seal service's base URL that authenticates as the licence service */
    public SealServiceXmlSealer(RestClient sealService) {
        this.sealService = sealService;
    }

    record SealView(String id, String name, List<String> certificateChain) {
    }

    record XmlSignatureRequest(String sealId, String signedInfo, String licenceIdentifier) {
    }

    record XmlSignatureResponse(String sealId, String format, String signatureMethod, String signatureValue,
                                List<String> certificateChain) {
    }

    @Override
    public byte[] seal(Document document, String sealId, String licenceIdentifier, Instant signingTime) {
        try {
            List<X509Certificate> chain = chains.computeIfAbsent(sealId, this::fetchChain);
            XmlSignaturePreparation prepared = signer.prepare(document,
                    LicenceXmlRenderer.documentId(LicenceIdentifier.parse(licenceIdentifier)), chain, signingTime);
            XmlSignatureResponse signed = sealService.post().uri("/api/v1/signatures/xml")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(new XmlSignatureRequest(sealId, Base64.getEncoder().encodeToString(
                            prepared.canonicalSignedInfo()), licenceIdentifier))
                    .retrieve().body(XmlSignatureResponse.class);
            if (signed == null || signed.signatureValue() == null) {
                throw new SealingFailedException("the seal service returned no XML signature value", true, null);
            }
            return prepared.complete(Base64.getDecoder().decode(signed.signatureValue()));
        } catch (XmlSigningException e) {
            // e.g. the seal's key changed since its chain was cached: fetch it again on the next attempt
            chains.remove(sealId);
            throw new SealingFailedException("the XML signature could not be completed: " + e.getMessage(), true, e);
        } catch (RestClientResponseException e) {
            boolean retryable = e.getStatusCode().is5xxServerError() || e.getStatusCode().value() == 429;
            throw new SealingFailedException("the seal service answered " + e.getStatusCode().value() + ": "
                    + detailOf(e), retryable, e);
        } catch (ResourceAccessException e) {
            throw new SealingFailedException("the seal service cannot be reached: "
                    + e.getMostSpecificCause().getMessage(), true, e);
        }
    }

    private List<X509Certificate> fetchChain(String sealId) {
        SealView view = sealService.get().uri("/api/v1/seals/{id}", sealId).retrieve().body(SealView.class);
        if (view == null || view.certificateChain() == null || view.certificateChain().isEmpty()) {
            throw new SealingFailedException("the seal service did not describe seal " + sealId, true, null);
        }
        return view.certificateChain().stream().map(SealServiceXmlSealer::certificate).toList();
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
