package cn.zhengyin.bench;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.pades.validation.PDFDocumentValidator;
import eu.europa.esig.dss.pdf.modifications.DefaultPdfDifferencesFinder;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxDefaultObjectFactory;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.ExternalResourcesCRLSource;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import eu.europa.esig.dss.token.Pkcs12SignatureToken;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import eu.europa.esig.dss.xades.XAdESSignatureParameters;
import eu.europa.esig.dss.xades.signature.XAdESService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Date;

/**
 * The EU DSS 6.4 anchor, configured as its documentation shows: a {@link CommonCertificateVerifier} with the dev
 * trust anchor as the only trusted source, the dev CAs' CRLs from local files and no online sources (OCSP, AIA
 * off: offline, like Zhengyin's verifier, which uses the revocation data embedded in the file), the default validation policy, full
 * {@link Reports}. Signing uses a {@link Pkcs12SignatureToken} over keys-dev/dev-seal.p12.
 */
public final class Dss {
    private final CommonCertificateVerifier verifier;
    private final PAdESService pades;
    private final XAdESService xades;
    private final Pkcs12SignatureToken token;
    private final DSSPrivateKeyEntry key;
    private final Date validationTime;

    public Dss() {
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        for (X509Certificate anchor : Fixtures.trustAnchors()) {
            if (!anchor.getSigAlgOID()
                    .startsWith("1.2.156.")) { // DSS 6.4 cannot read SM2 certificates: ECDSA root only
                trusted.addCertificate(new CertificateToken(anchor));
            }
        }
        verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        // The dev CAs' CRLs as local files (what keys-dev holds): DSS's default policy requires revocation data and
        // does not take the CRLs Zhengyin embeds in a DSS revision before the signature (see docs/performance.md).
        verifier.setCrlSource(new ExternalResourcesCRLSource(
                new InMemoryDocument(Fixtures.resource("fixtures/root-ca.crl")),
                new InMemoryDocument(Fixtures.resource("fixtures/seal-ca.crl"))));
        verifier.setOcspSource(null);
        verifier.setAIASource(null);
        pades = new PAdESService(verifier);
        xades = new XAdESService(verifier);
        try {
            token = new Pkcs12SignatureToken(
                    Fixtures.keyStore("dev-seal").toFile(), new KeyStore.PasswordProtection(Fixtures.DEV_PASSWORD));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        key = token.getKeys().get(0);
        validationTime = Date.from(Fixtures.validationTime());
    }

    /** PAdES-BASELINE-B, invisible, SHA-256: the signed PDF bytes. */
    public byte[] signPades(byte[] pdf) {
        PAdESSignatureParameters parameters = new PAdESSignatureParameters();
        parameters.setSignatureLevel(SignatureLevel.PAdES_BASELINE_B);
        parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
        parameters.setSigningCertificate(key.getCertificate());
        parameters.setCertificateChain(key.getCertificateChain());
        DSSDocument document = new InMemoryDocument(pdf);
        ToBeSigned toBeSigned = pades.getDataToSign(document, parameters);
        SignatureValue value = token.sign(toBeSigned, parameters.getDigestAlgorithm(), key);
        return bytes(pades.signDocument(document, parameters, value));
    }

    /** XAdES-BASELINE-B, enveloped, SHA-256: the signed XML bytes. */
    public byte[] signXades(byte[] xml) {
        XAdESSignatureParameters parameters = new XAdESSignatureParameters();
        parameters.setSignatureLevel(SignatureLevel.XAdES_BASELINE_B);
        parameters.setSignaturePackaging(SignaturePackaging.ENVELOPED);
        parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
        parameters.setSigningCertificate(key.getCertificate());
        parameters.setCertificateChain(key.getCertificateChain());
        DSSDocument document = new InMemoryDocument(xml);
        ToBeSigned toBeSigned = xades.getDataToSign(document, parameters);
        SignatureValue value = token.sign(toBeSigned, parameters.getDigestAlgorithm(), key);
        return bytes(xades.signDocument(document, parameters, value));
    }

    /** Validates with the default policy at the fixtures' validation time and builds every report. */
    public Reports validate(byte[] file) {
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(file));
        validator.setCertificateVerifier(verifier);
        validator.setValidationTime(validationTime);
        return validator.validateDocument();
    }

    /**
     * As {@link #validate} but with DSS's visual comparison of revisions switched off (no page rendering): the
     * variant DSS documents for speed; it no longer detects visual changes between revisions.
     */
    public Reports validateWithoutPageComparison(byte[] pdf) {
        PDFDocumentValidator validator = new PDFDocumentValidator(new InMemoryDocument(pdf));
        PdfBoxDefaultObjectFactory factory = new PdfBoxDefaultObjectFactory();
        DefaultPdfDifferencesFinder finder = new DefaultPdfDifferencesFinder();
        finder.setMaximalPagesAmountForVisualComparison(0);
        factory.setPdfDifferencesFinder(finder);
        validator.setPdfObjFactory(factory);
        validator.setCertificateVerifier(verifier);
        validator.setValidationTime(validationTime);
        return validator.validateDocument();
    }

    /** The first signature's indication in a simple report. */
    public static Indication indication(Reports reports) {
        return reports.getSimpleReport().getIndication(reports.getSimpleReport().getFirstSignatureId());
    }

    private static byte[] bytes(DSSDocument document) {
        try (var in = document.openStream();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
