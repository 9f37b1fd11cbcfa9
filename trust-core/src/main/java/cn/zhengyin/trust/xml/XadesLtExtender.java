package cn.zhengyin.trust.xml;

import cn.zhengyin.trust.pdf.LtvCollector;
import cn.zhengyin.trust.pdf.LtvMaterial;
import cn.zhengyin.trust.timestamp.TimestampSource;
import cn.zhengyin.trust.validation.RevocationSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.apache.xml.security.c14n.CanonicalizationException;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.c14n.InvalidCanonicalizerException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.tsp.TimeStampToken;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Extends an enveloped XAdES-B-B signature made by {@link XadesEnvelopedSigner} to XAdES-BASELINE-LT (ETSI EN 319
 * 132-1 §6.3, §6.4): appends to its {@code xades:QualifyingProperties} one {@code xades:UnsignedProperties/
 * xades:UnsignedSignatureProperties} holding, in this order,
 * <ol>
 *   <li>{@code xades:SignatureTimeStamp} (B-T): an RFC 3161 token over the exclusive canonicalisation of
 *       {@code ds:SignatureValue} (XAdES §5.3), from the {@link TimestampSource};</li>
 *   <li>{@code xades:CertificateValues}: the signer's chain (KeyInfo) and the TSA's chain (token), DER;</li>
 *   <li>{@code xades:RevocationValues}: the CRL of every issuing CA in those chains (and OCSP responses if the source
 *       has them), from the {@link RevocationSource} ({@link LtvCollector}, as for PDFs).</li>
 * </ol>
 * Nothing the signature covers changes (the enveloped-signature transform removes the whole {@code ds:Signature}
 * from the document reference, and the unsigned properties are outside the SignedProperties), so xmlsec1 and
 * {@link XmlSignatureVerifier} verify the result as before. Failures are {@link XmlSigningException}s or the ports'
 * own exceptions. Thread-safe if the ports are.
 */
public final class XadesLtExtender {

    private final LtvCollector collector;
    private final TimestampSource timestamps;

    public XadesLtExtender(RevocationSource revocation, TimestampSource timestamps) {
        Santuario.init();
        this.collector = new LtvCollector(Objects.requireNonNull(revocation, "revocation"));
        this.timestamps = Objects.requireNonNull(timestamps, "timestamps");
    }

    /**
     * @param signedXml a document with exactly one XAdES signature and no unsigned properties yet
     * @return the same document with the signature at baseline LT (UTF-8)
     */
    public byte[] extend(byte[] signedXml) {
        return extend(SecureXml.parse(signedXml));
    }

    /**
     * As {@link #extend(byte[])}, on the signed document as {@link XmlSignaturePreparation#completeDocument(byte[])}
     * returns it (not parsed again); the document is changed.
     *
     * @return the document with the signature at baseline LT, serialised (UTF-8)
     */
    public byte[] extend(Document doc) {
        NodeList signatures = doc.getElementsByTagNameNS(SignedInfoPolicy.XMLDSIG_NS, "Signature");
        if (signatures.getLength() != 1) {
            throw new XmlSigningException(
                    "Expected exactly one ds:Signature to extend; found " + signatures.getLength() + ".");
        }
        Element signature = (Element) signatures.item(0);
        Element signatureValue = only(signature, SignedInfoPolicy.XMLDSIG_NS, "SignatureValue");
        Element qualifying = only(signature, SignedInfoPolicy.XADES_NS, "QualifyingProperties");
        if (qualifying
                        .getElementsByTagNameNS(SignedInfoPolicy.XADES_NS, "UnsignedProperties")
                        .getLength()
                > 0) {
            throw new XmlSigningException("The signature already has xades:UnsignedProperties; extend it only once.");
        }
        String signatureId = signature.getAttributeNS(null, "Id");

        TimeStampToken token = timestamps.timestamp(XadesEnvelopedSigner.sha256(canonical(signatureValue)));
        List<X509Certificate> chain = new ArrayList<>(keyInfoCertificates(signature));
        chain.addAll(tokenCertificates(token));
        LtvMaterial material = collector.collectFor(chain);

        Element unsigned = append(qualifying, xades(doc, "UnsignedProperties"));
        Element properties = append(unsigned, xades(doc, "UnsignedSignatureProperties"));
        Element timestamp = append(properties, xades(doc, "SignatureTimeStamp"));
        timestamp.setAttributeNS(null, "Id", "SignatureTimeStamp-" + signatureId);
        append(timestamp, doc.createElementNS(SignedInfoPolicy.XMLDSIG_NS, "ds:CanonicalizationMethod"))
                .setAttributeNS(null, "Algorithm", SignedInfoPolicy.EXC_C14N);
        append(timestamp, xades(doc, "EncapsulatedTimeStamp")).setTextContent(base64(encoded(token)));
        Element certificateValues = append(properties, xades(doc, "CertificateValues"));
        for (byte[] der : material.certificates()) {
            append(certificateValues, xades(doc, "EncapsulatedX509Certificate")).setTextContent(base64(der));
        }
        if (!material.crls().isEmpty() || !material.ocspResponses().isEmpty()) {
            Element revocationValues = append(properties, xades(doc, "RevocationValues"));
            if (!material.crls().isEmpty()) {
                Element crls = append(revocationValues, xades(doc, "CRLValues"));
                for (byte[] der : material.crls()) {
                    append(crls, xades(doc, "EncapsulatedCRLValue")).setTextContent(base64(der));
                }
            }
            if (!material.ocspResponses().isEmpty()) {
                Element ocsps = append(revocationValues, xades(doc, "OCSPValues"));
                for (byte[] der : material.ocspResponses()) {
                    append(ocsps, xades(doc, "EncapsulatedOCSPValue")).setTextContent(base64(der));
                }
            }
        }
        return SecureXml.serialize(doc);
    }

    private static Element only(Element signature, String namespace, String localName) {
        NodeList found = signature.getElementsByTagNameNS(namespace, localName);
        if (found.getLength() != 1) {
            throw new XmlSigningException("Expected one " + localName + " in the signature; found " + found.getLength()
                    + ". Extend a signature made by XadesEnvelopedSigner.");
        }
        return (Element) found.item(0);
    }

    private static byte[] canonical(Element element) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Canonicalizer.getInstance(SignedInfoPolicy.EXC_C14N).canonicalizeSubtree(element, out);
            return out.toByteArray();
        } catch (InvalidCanonicalizerException | CanonicalizationException e) {
            throw new XmlSigningException("Cannot canonicalise ds:SignatureValue: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> keyInfoCertificates(Element signature) {
        List<X509Certificate> certificates = new ArrayList<>();
        NodeList found = signature.getElementsByTagNameNS(SignedInfoPolicy.XMLDSIG_NS, "X509Certificate");
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (int i = 0; i < found.getLength(); i++) {
                byte[] der = Base64.getMimeDecoder().decode(found.item(i).getTextContent());
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new XmlSigningException("A KeyInfo certificate cannot be read: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new XmlSigningException("The signature's KeyInfo has no certificate; its chain cannot be embedded.");
        }
        return certificates;
    }

    private static List<X509Certificate> tokenCertificates(TimeStampToken token) {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (X509CertificateHolder holder : token.getCertificates().getMatches(null)) {
            try {
                certificates.add(converter.getCertificate(holder));
            } catch (CertificateException e) {
                throw new XmlSigningException(
                        "A certificate in the time-stamp token cannot be read: " + e.getMessage(), e);
            }
        }
        return certificates;
    }

    private static byte[] encoded(TimeStampToken token) {
        try {
            return token.getEncoded();
        } catch (IOException e) {
            throw new XmlSigningException("The time-stamp token cannot be encoded: " + e.getMessage(), e);
        }
    }

    private static String base64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }

    private static Element xades(Document doc, String localName) {
        return doc.createElementNS(SignedInfoPolicy.XADES_NS, "xades:" + localName);
    }

    private static Element append(Element parent, Element child) {
        parent.appendChild(child);
        return child;
    }
}
