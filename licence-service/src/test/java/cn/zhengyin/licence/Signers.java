package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern X509 =
            Pattern.compile("<(?:\\w+:)?X509Certificate>([^<]+)</(?:\\w+:)?X509Certificate>");

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
                CMSSignedData cms = new CMSSignedData(
                        new CMSProcessableByteArray(signature.getSignedContent(pdf)), signature.getContents(pdf));
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
        Matcher m = X509.matcher(new String(xml, java.nio.charset.StandardCharsets.UTF_8));
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        while (m.find()) {
            X509Certificate c = (X509Certificate) factory.generateCertificate(
                    new ByteArrayInputStream(Base64.getMimeDecoder().decode(m.group(1))));
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
}
