package cn.zhengyin.bench;

import cn.zhengyin.trust.cms.CadesDigestSigner;
import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.pdf.PadesPreparation;
import cn.zhengyin.trust.pdf.PadesPreparer;
import cn.zhengyin.trust.pdf.PdfSignatureVerifier;
import cn.zhengyin.trust.pdf.SignatureRequest;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.xml.SecureXml;
import cn.zhengyin.trust.xml.XadesEnvelopedSigner;
import cn.zhengyin.trust.xml.XmlSignatureVerifier;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Zhengyin's own paths, composed as licence-service composes them (LicenceServiceConfiguration: the PDF verifier
 * with the trust anchors, no configured CRLs, CHECK_IF_AVAILABLE, so revocation comes from the CRLs embedded in the
 * file; the XML verifier with the anchors) and as seal-service signs (PadesPreparer + CadesDigestSigner with a
 * keystore-file software key and the in-process dev TSA: PAdES B-T), without HTTP.
 */
public final class Zhengyin {
    private final PdfSignatureVerifier pdfVerifier;
    private final XmlSignatureVerifier xmlVerifier;
    private final PadesPreparer preparer = new PadesPreparer(PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES);
    private final CadesDigestSigner cades;
    private final XadesEnvelopedSigner xades = new XadesEnvelopedSigner();
    private final SigningKey sealKey;
    private final int reservedBytes;
    private final Instant signingTime;

    /** At the fixtures' validation time (benchmarks on the committed fixtures). */
    public Zhengyin() {
        this(Fixtures.validationClock());
    }

    /** At the given clock's time (files made in this run). */
    public Zhengyin(Clock clock) {
        Set<X509Certificate> anchors = Fixtures.trustAnchors();
        pdfVerifier = new PdfSignatureVerifier(anchors, List.of(), clock);
        xmlVerifier = new XmlSignatureVerifier(anchors, clock);
        sealKey = Fixtures.signingKey("dev-seal", clock);
        SigningKey tsaKey = Fixtures.signingKey("tsa", clock);
        cades = new CadesDigestSigner(Fixtures.inProcessTsa(clock));
        reservedBytes = SignatureRequest.estimateContentsBytes(sealKey.certificateChain(), tsaKey.certificateChain());
        signingTime = clock.instant();
    }

    public DocumentVerificationReport verifyPdf(byte[] pdf) {
        return pdfVerifier.verify(pdf);
    }

    public DocumentVerificationReport verifyXml(byte[] xml) {
        return xmlVerifier.verify(xml);
    }

    /** PAdES B-T (time-stamp from the in-process TSA), invisible signature. */
    public byte[] signPades(byte[] pdf) {
        PadesPreparation preparation = preparer.prepare(
                pdf,
                new SignatureRequest(
                        "证印示范市市场监督管理局电子证照专用章", "电子证照签发", "示范市", signingTime, Optional.empty(), reservedBytes));
        return preparation.complete(cades.sign(preparation.digest(), sealKey));
    }

    /** XAdES enveloped (SigningTime, SigningCertificateV2), parsing included. */
    public byte[] signXml(byte[] xml, String rootId) {
        return xades.sign(SecureXml.parse(xml), rootId, sealKey, signingTime);
    }

    public SigningKey sealKey() {
        return sealKey;
    }
}
