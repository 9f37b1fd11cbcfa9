package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;

/** Who signed a licence file: the signer certificates of a PDF's signatures and of an XML signature. */
final class Signers {
    private Signers() {}

    /**
     * The signer certificates of the PDF's signatures (not its document time-stamps), in the document's order; each
     * signature's CMS is checked against the bytes it covers (the test fails when one does not verify).
     */
    static List<X509Certificate> pdfSignatureSigners(byte[] pdf) throws Exception {
        List<X509Certificate> signers = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDSignature signature : document.getSignatureDictionaries()) {
                if ("ETSI.RFC3161".equals(signature.getSubFilter())) {
                    continue;
                }
                // /Contents is zero-padded after the DER of the CMS: read the first object only
                org.bouncycastle.asn1.cms.ContentInfo contentInfo;
                try (org.bouncycastle.asn1.ASN1InputStream in =
                        new org.bouncycastle.asn1.ASN1InputStream(signature.getContents(pdf))) {
                    contentInfo = org.bouncycastle.asn1.cms.ContentInfo.getInstance(in.readObject());
                }
                CMSSignedData cms =
                        new CMSSignedData(new CMSProcessableByteArray(signature.getSignedContent(pdf)), contentInfo);
                SignerInformation signer =
                        cms.getSignerInfos().getSigners().iterator().next();
                X509CertificateHolder holder = (X509CertificateHolder) cms.getCertificates()
                        .getMatches(signer.getSID())
                        .iterator()
                        .next();
                assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder()
                                .setProvider("BC")
                                .build(holder)))
                        .as("the CMS of signature %s verifies over its byte range", signature.getName())
                        .isTrue();
                signers.add(new JcaX509CertificateConverter().setProvider("BC").getCertificate(holder));
            }
        }
        return signers;
    }

    /** The end-entity certificate of the XML signature's KeyInfo. */
    static X509Certificate xmlSigner(byte[] xml) throws Exception {
        javax.xml.parsers.DocumentBuilderFactory dbf = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        org.w3c.dom.NodeList nodes = dbf.newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml))
                .getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "X509Certificate");
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        for (int i = 0; i < nodes.getLength(); i++) {
            X509Certificate c =
                    (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(Base64.getMimeDecoder()
                            .decode(nodes.item(i).getTextContent().strip())));
            if (c.getBasicConstraints() < 0) {
                return c;
            }
        }
        throw new AssertionError("no end-entity X509Certificate in the XML signature");
    }

    /** The organisation (O) of the certificate's subject. */
    static String organisation(X509Certificate certificate) {
        X500Name subject =
                X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] o = subject.getRDNs(BCStyle.O);
        assertThat(o).as("subject %s has an O", subject).isNotEmpty();
        return IETFUtils.valueToString(o[0].getFirst().getValue());
    }

    /** The signer (签章者) certificate of an OFD's GB/T 38540 seal signature (Doc_0/Signs/Sign_0/SignedValue.dat). */
    static X509Certificate ofdSigner(byte[] ofd) throws Exception {
        byte[] signedValue = cn.zhengyin.trust.ofd.OfdPackage.read(ofd)
                .part("Doc_0/Signs/Sign_0/SignedValue.dat")
                .orElseThrow();
        byte[] der = cn.zhengyin.trust.ses.SesCodec.decodeSignature(signedValue).signerCertificate();
        return (X509Certificate) java.security.cert.CertificateFactory.getInstance(
                        "X.509", cn.zhengyin.trust.crypto.Providers.bouncyCastle())
                .generateCertificate(new java.io.ByteArrayInputStream(der));
    }
}
