package cn.zhengyin.licence.sealing.internal;

import cn.zhengyin.licence.rendition.LicenceXmlRenderer;
import cn.zhengyin.licence.sealing.LicenceSealer.SealingFailedException;
import cn.zhengyin.licence.sealing.XmlSealer;
import cn.zhengyin.licence.sealing.client.SealServiceClient;
import cn.zhengyin.licence.sealing.client.SealServiceRevocationSource;
import cn.zhengyin.trust.TrustException;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import cn.zhengyin.trust.timestamp.Rfc3161Client;
import cn.zhengyin.trust.validation.CachingRevocationSource;
import cn.zhengyin.trust.xml.XadesEnvelopedSigner;
import cn.zhengyin.trust.xml.XadesLtExtender;
import cn.zhengyin.trust.xml.XmlSignaturePreparation;
import cn.zhengyin.trust.xml.XmlSigningException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.w3c.dom.Document;

/**
 * {@link XmlSealer} backed by the seal service: the XAdES signature is prepared here (the seal's certificate chain,
 * fetched once per seal from {@code GET /api/v1/seals/{id}}, goes into KeyInfo and SigningCertificateV2), the
 * canonical SignedInfo is signed by {@code POST /api/v1/signatures/xml}, and the value is checked against the seal
 * certificate before it is inserted. The signed XML is then made XAdES-BASELINE-LT by trust-core's
 * {@link XadesLtExtender}: a signature time-stamp from the seal service's TSA ({@code POST /tsa}) and the seal's and
 * the TSA's certificates and CAs' CRLs in the unsigned properties.
 */
public final class SealServiceXmlSealer implements XmlSealer {
    private final SealServiceClient sealService;
    private final XadesEnvelopedSigner signer = new XadesEnvelopedSigner();
    private final XadesLtExtender lt;

    public SealServiceXmlSealer(SealServiceClient sealService, Clock clock) {
        this.sealService = sealService;
        this.lt = new XadesLtExtender(
                new CachingRevocationSource(
                        new SealServiceRevocationSource(sealService),
                        SealServiceLicenceSealer.DEFAULT_LTV_MAX_AGE,
                        clock),
                new Rfc3161Client(sealService::timestampReply));
    }

    record XmlSignatureRequest(String sealId, String signedInfo, String licenceIdentifier) {}

    record XmlSignatureResponse(
            String sealId,
            String format,
            String signatureMethod,
            String signatureValue,
            List<String> certificateChain) {}

    @Override
    public byte[] seal(Document document, String sealId, String licenceIdentifier, Instant signingTime) {
        List<X509Certificate> chain = sealService.ecdsaChain(sealId);
        XmlSignaturePreparation prepared = signer.prepare(
                document,
                LicenceXmlRenderer.documentId(LicenceIdentifier.parse(licenceIdentifier)),
                chain,
                signingTime);
        XmlSignatureResponse signed = sealService.sign(
                "/api/v1/signatures/xml",
                new XmlSignatureRequest(
                        sealId, Base64.getEncoder().encodeToString(prepared.canonicalSignedInfo()), licenceIdentifier),
                XmlSignatureResponse.class);
        if (signed.signatureValue() == null) {
            throw new SealingFailedException("the seal service returned no XML signature value", true, null);
        }
        // the signed document goes to the LT extension as it is: not serialised and parsed again in between
        Document signedXml;
        try {
            signedXml = prepared.completeDocument(Base64.getDecoder().decode(signed.signatureValue()));
        } catch (XmlSigningException e) {
            // e.g. the seal's key changed since its chain was cached: fetch it again on the next attempt
            sealService.forget(sealId);
            throw new SealingFailedException("the XML signature could not be completed: " + e.getMessage(), true, e);
        }
        try {
            return lt.extend(signedXml);
        } catch (TrustException e) {
            throw new SealingFailedException(
                    "the XML signature could not be time-stamped or given its validation data: " + e.getMessage(),
                    true,
                    e);
        }
    }
}
