package cn.zhengyin.trust.pdf;

import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.crypto.VerifiedSignatures;
import cn.zhengyin.trust.validation.RevocationSource;
import cn.zhengyin.trust.validation.RevocationSourceException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Store;

/**
 * Gathers the validation material a PAdES B-LT Document Security Store needs for the signatures of a PDF: the
 * certificates of each CMS (signer chain) and of each signature time-stamp token (TSA chain), plus any extra
 * certificates given, and for every certificate that is not self-signed the revocation data its
 * {@link RevocationSource} yields (one CRL per issuing CA; the CRL's signature is checked against the issuer when
 * the issuer is known). A source failure propagates as {@link RevocationSourceException}: material is complete or
 * not produced. Thread-safe if the source is.
 */
public final class LtvCollector {
    private final RevocationSource revocation;
    private final long maxDocumentBytes;

    public LtvCollector(RevocationSource revocation) {
        this(revocation, PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES);
    }

    public LtvCollector(RevocationSource revocation, long maxDocumentBytes) {
        this.revocation = revocation;
        this.maxDocumentBytes = maxDocumentBytes;
    }

    /** Material for every signature of {@code signedPdf}. */
    public LtvMaterial collect(byte[] signedPdf) {
        return collect(signedPdf, List.of());
    }

    /**
     * @param signedPdf          a PDF with at least one CMS signature
     * @param extraCertificates  further chain certificates to embed and cover (e.g. a chain known out of band)
     */
    public LtvMaterial collect(byte[] signedPdf, Collection<X509Certificate> extraCertificates) {
        List<X509Certificate> all = new ArrayList<>(signatureCertificates(signedPdf));
        all.addAll(extraCertificates);
        return collectFor(all);
    }

    /**
     * Material for a known chain, before anything is signed: the certificates and, for each certificate that is not
     * self-signed, its issuing CA's CRL. Used to put the validation data into the document before the seal signs it,
     * so that the signature covers it (and the whole file).
     */
    public LtvMaterial collectFor(Collection<X509Certificate> chain) {
        Map<String, X509Certificate> pool = new LinkedHashMap<>();
        for (X509Certificate cert : chain) {
            pool.putIfAbsent(LtvMaterial.sha256Hex(encoded(cert)), cert);
        }
        List<byte[]> certificates = new ArrayList<>();
        List<byte[]> crls = new ArrayList<>();
        List<byte[]> ocsps = new ArrayList<>();
        Map<X500Principal, Optional<byte[]>> crlByIssuer = new HashMap<>();
        for (X509Certificate cert : pool.values()) {
            certificates.add(encoded(cert));
            if (selfSigned(cert)) {
                continue;
            }
            Optional<X509Certificate> issuer =
                    pool.values().stream().filter(c -> issues(c, cert)).findFirst();
            crlByIssuer
                    .computeIfAbsent(
                            cert.getIssuerX500Principal(),
                            dn -> revocation.crl(cert).map(der -> checkedCrl(der, cert, issuer)))
                    .ifPresent(crls::add);
            issuer.flatMap(i -> revocation.ocsp(cert, i)).ifPresent(ocsps::add);
        }
        return new LtvMaterial(certificates, crls, ocsps);
    }

    private List<X509Certificate> signatureCertificates(byte[] signedPdf) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(
                new RandomAccessReadBuffer(signedPdf),
                "",
                MemoryUsageSetting.setupMainMemoryOnly(maxDocumentBytes).streamCache)) {
            List<PDSignature> signatures = document.getSignatureDictionaries();
            if (signatures.isEmpty()) {
                throw new PdfSigningException(
                        "The PDF has no signature: there is nothing to gather validation " + "material for.");
            }
            for (PDSignature signature : signatures) {
                CMSSignedData cms = new CMSSignedData(ContentInfo.getInstance(firstObject(signature.getContents())));
                certificates.addAll(convert(cms.getCertificates()));
                for (SignerInformation signer : cms.getSignerInfos().getSigners()) {
                    Attribute tst = signer.getUnsignedAttributes() == null
                            ? null
                            : signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
                    if (tst != null) {
                        TimeStampToken token = new TimeStampToken(
                                ContentInfo.getInstance(tst.getAttrValues().getObjectAt(0)));
                        certificates.addAll(convert(token.getCertificates()));
                    }
                }
            }
        } catch (IOException | CMSException | TSPException | RuntimeException e) {
            if (e instanceof PdfSigningException p) {
                throw p;
            }
            throw new PdfSigningException(
                    "Cannot read the signatures of the PDF to gather validation material: " + e.getMessage(), e);
        }
        return certificates;
    }

    /** The DER object at the start of /Contents (which is zero-padded to its reserved size). */
    static org.bouncycastle.asn1.ASN1Primitive firstObject(byte[] contents) throws IOException {
        try (org.bouncycastle.asn1.ASN1InputStream in = new org.bouncycastle.asn1.ASN1InputStream(contents)) {
            org.bouncycastle.asn1.ASN1Primitive primitive = in.readObject();
            if (primitive == null) {
                throw new IOException("/Contents is empty");
            }
            return primitive;
        }
    }

    private static byte[] checkedCrl(byte[] der, X509Certificate cert, Optional<X509Certificate> issuer) {
        try {
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
            if (!crl.getIssuerX500Principal().equals(cert.getIssuerX500Principal())) {
                throw new RevocationSourceException("The CRL for "
                        + cert.getSubjectX500Principal().getName()
                        + " is issued by " + crl.getIssuerX500Principal().getName() + ", not by its issuer "
                        + cert.getIssuerX500Principal().getName() + ".");
            }
            if (issuer.isPresent()) {
                VerifiedSignatures.verify(crl, issuer.get().getPublicKey());
            }
            return der;
        } catch (GeneralSecurityException e) {
            throw new RevocationSourceException(
                    "The CRL for " + cert.getSubjectX500Principal().getName()
                            + " is unreadable or not signed by its issuer: " + e.getMessage(),
                    e);
        }
    }

    static boolean selfSigned(X509Certificate cert) {
        return cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal()) && issues(cert, cert);
    }

    static boolean issues(X509Certificate issuer, X509Certificate cert) {
        if (!issuer.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
            return false;
        }
        return VerifiedSignatures.verifies(cert, issuer.getPublicKey());
    }

    private static List<X509Certificate> convert(Store<X509CertificateHolder> store) {
        List<X509Certificate> result = new ArrayList<>();
        for (X509CertificateHolder holder : store.getMatches(null)) {
            try {
                result.add(new JcaX509CertificateConverter()
                        .setProvider(Providers.bouncyCastle())
                        .getCertificate(holder));
            } catch (CertificateException e) {
                throw new PdfSigningException("A certificate in the signature cannot be read: " + e.getMessage(), e);
            }
        }
        return result;
    }

    private static byte[] encoded(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new PdfSigningException("A certificate cannot be encoded: " + e.getMessage(), e);
        }
    }
}
