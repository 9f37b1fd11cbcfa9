package cn.zhengyin.trust.xml;

import cn.zhengyin.trust.crypto.Digests;
import cn.zhengyin.trust.crypto.SigningKey;
import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javax.xml.XMLConstants;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.keys.content.X509Data;
import org.apache.xml.security.signature.ObjectContainer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Makes enveloped XMLDSig signatures with XAdES baseline B-B signed properties (ETSI EN 319 132-1 §6.3): the
 * {@code ds:Signature} becomes the last child of the document element and has exactly the shape
 * {@link SignedInfoPolicy} allows:
 * <ul>
 *   <li>Reference 1: {@code #<rootId>} (the document element's {@code Id}), enveloped-signature + exclusive c14n,
 *       SHA-256;</li>
 *   <li>Reference 2: {@code #SignedProperties-<rootId>}, Type {@value SignedInfoPolicy#SIGNED_PROPERTIES_TYPE},
 *       exclusive c14n, SHA-256; the signed properties hold SigningTime, SigningCertificateV2 (SHA-256 of the signer
 *       certificate and its RFC 5035 IssuerSerial) and a DataObjectFormat (text/xml) for Reference 1;</li>
 *   <li>SignatureMethod ecdsa-sha256 (or rsa-sha256 for an RSA certificate), exclusive c14n of SignedInfo;</li>
 *   <li>KeyInfo: one X509Data with the given chain, signer first.</li>
 * </ul>
 * Signing is two-phase ({@link #prepare} then {@link XmlSignaturePreparation#complete}) so the private key can live
 * elsewhere (the seal service); the convenience methods do both in one go. Stateless and thread-safe.
 */
public final class XadesEnvelopedSigner {

    public XadesEnvelopedSigner() {
        Santuario.init();
    }

    /**
     * Builds the signature with everything but its value.
     *
     * @param document    the document to sign; not modified (the preparation works on its own copy)
     * @param rootId      the value of the document element's {@code Id} attribute, unique in the document
     * @param chain       the signer certificate first, then its issuers (they go into KeyInfo)
     * @param signingTime the claimed signing time (XAdES SigningTime, whole seconds)
     * @throws XmlSigningException if the document or the inputs do not allow the signature
     */
    public XmlSignaturePreparation prepare(
            Document document, String rootId, List<X509Certificate> chain, Instant signingTime) {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(rootId, "rootId");
        Objects.requireNonNull(signingTime, "signingTime");
        if (chain == null || chain.isEmpty()) {
            throw new XmlSigningException("A certificate chain with the signer certificate first is required.");
        }
        // Work on a re-parsed copy: its DOM (namespace declarations included) is exactly what a verifier will parse.
        Document doc = SecureXml.parse(SecureXml.serialize(document));
        Element root = doc.getDocumentElement();
        if (!rootId.equals(root.getAttributeNS(null, "Id"))) {
            throw new XmlSigningException("The document element " + root.getLocalName() + " has Id '"
                    + root.getAttributeNS(null, "Id") + "', not '" + rootId + "'; the signature must reference the "
                    + "document element.");
        }
        if (doc.getElementsByTagNameNS(SignedInfoPolicy.XMLDSIG_NS, "Signature").getLength() > 0) {
            throw new XmlSigningException("The document already contains a ds:Signature; sign an unsigned document.");
        }
        IdAttributes.duplicates(doc).ifPresent(dup -> {
            throw new XmlSigningException("The Id value '" + dup + "' occurs more than once in the document; Ids must"
                    + " be unique so the reference is unambiguous.");
        });
        root.setIdAttributeNS(null, "Id", true);
        X509Certificate signer = chain.get(0);
        String signatureMethod = switch (signer.getPublicKey()) {
            case ECPublicKey ec -> SignedInfoPolicy.ECDSA_SHA256;
            case RSAPublicKey rsa -> SignedInfoPolicy.RSA_SHA256;
            default ->
                throw new XmlSigningException(
                        "The signer key algorithm " + signer.getPublicKey().getAlgorithm()
                                + " is not supported for XML signatures; use ECDSA P-256 (or RSA).");
        };
        String signatureId = "Signature-" + rootId;
        String propertiesId = "SignedProperties-" + rootId;
        String referenceId = "Reference-" + rootId;
        try {
            XMLSignature signature = new XMLSignature(doc, "", signatureMethod, SignedInfoPolicy.EXC_C14N);
            signature.setId(signatureId);
            root.appendChild(signature.getElement());

            Transforms documentTransforms = new Transforms(doc);
            documentTransforms.addTransform(SignedInfoPolicy.ENVELOPED_SIGNATURE);
            documentTransforms.addTransform(SignedInfoPolicy.EXC_C14N);
            signature.addDocument("#" + rootId, documentTransforms, SignedInfoPolicy.SHA256, referenceId, null);

            X509Data x509 = new X509Data(doc);
            for (X509Certificate certificate : chain) {
                x509.addCertificate(certificate);
            }
            signature.getKeyInfo().add(x509);

            ObjectContainer object = new ObjectContainer(doc);
            Element signedProperties =
                    qualifyingProperties(doc, object, signatureId, propertiesId, referenceId, signer, signingTime);
            signature.appendObject(object);
            signedProperties.setIdAttributeNS(null, "Id", true);

            Transforms propertiesTransforms = new Transforms(doc);
            propertiesTransforms.addTransform(SignedInfoPolicy.EXC_C14N);
            signature.addDocument(
                    "#" + propertiesId,
                    propertiesTransforms,
                    SignedInfoPolicy.SHA256,
                    null,
                    SignedInfoPolicy.SIGNED_PROPERTIES_TYPE);

            signature.getSignedInfo().generateDigestValues();
            byte[] canonical = signature.getSignedInfo().getCanonicalizedOctetStream();
            Element signatureValue = SignedInfoPolicy.elements(signature.getElement()).stream()
                    .filter(e -> SignedInfoPolicy.isDsig(e, "SignatureValue"))
                    .findFirst()
                    .orElseThrow();
            return new XmlSignaturePreparation(doc, signatureValue, canonical, signatureMethod, signer);
        } catch (XMLSecurityException | IOException e) {
            throw new XmlSigningException("Cannot build the XML signature: " + e.getMessage(), e);
        }
    }

    /**
     * Prepares and completes in one go, the signature value coming from {@code signer} (e.g. a call to the seal
     * service): it receives the canonical SignedInfo bytes and returns the signature over them (DER or raw r||s).
     *
     * @return the signed document bytes (UTF-8)
     */
    public byte[] sign(
            Document document,
            String rootId,
            List<X509Certificate> chain,
            Instant signingTime,
            Function<byte[], byte[]> signer) {
        XmlSignaturePreparation preparation = prepare(document, rootId, chain, signingTime);
        return preparation.complete(signer.apply(preparation.canonicalSignedInfo()));
    }

    /** Signs with a key held in this process ({@link SigningKey#sign} hashes with SHA-256 inside). */
    public byte[] sign(Document document, String rootId, SigningKey key, Instant signingTime) {
        return sign(document, rootId, key.certificateChain(), signingTime, key::sign);
    }

    private static Element qualifyingProperties(
            Document doc,
            ObjectContainer object,
            String signatureId,
            String propertiesId,
            String referenceId,
            X509Certificate signer,
            Instant signingTime) {
        Element qualifying = xades(doc, "QualifyingProperties");
        qualifying.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:xades", SignedInfoPolicy.XADES_NS);
        qualifying.setAttributeNS(null, "Target", "#" + signatureId);
        object.appendChild(qualifying);
        Element signedProperties = append(qualifying, xades(doc, "SignedProperties"));
        signedProperties.setAttributeNS(null, "Id", propertiesId);
        Element signatureProperties = append(signedProperties, xades(doc, "SignedSignatureProperties"));
        append(signatureProperties, xades(doc, "SigningTime"))
                .setTextContent(signingTime.truncatedTo(ChronoUnit.SECONDS).toString());
        Element cert = append(append(signatureProperties, xades(doc, "SigningCertificateV2")), xades(doc, "Cert"));
        Element certDigest = append(cert, xades(doc, "CertDigest"));
        Element digestMethod = append(certDigest, doc.createElementNS(SignedInfoPolicy.XMLDSIG_NS, "ds:DigestMethod"));
        digestMethod.setAttributeNS(null, "Algorithm", SignedInfoPolicy.SHA256);
        append(certDigest, doc.createElementNS(SignedInfoPolicy.XMLDSIG_NS, "ds:DigestValue"))
                .setTextContent(Base64.getEncoder().encodeToString(sha256(encoded(signer))));
        append(cert, xades(doc, "IssuerSerialV2"))
                .setTextContent(Base64.getEncoder().encodeToString(issuerSerial(signer)));
        Element dataObjectProperties = append(signedProperties, xades(doc, "SignedDataObjectProperties"));
        Element format = append(dataObjectProperties, xades(doc, "DataObjectFormat"));
        format.setAttributeNS(null, "ObjectReference", "#" + referenceId);
        append(format, xades(doc, "MimeType")).setTextContent("text/xml");
        return signedProperties;
    }

    private static Element xades(Document doc, String localName) {
        return doc.createElementNS(SignedInfoPolicy.XADES_NS, "xades:" + localName);
    }

    private static Element append(Element parent, Element child) {
        parent.appendChild(child);
        return child;
    }

    static byte[] issuerSerial(X509Certificate certificate) {
        try {
            X500Name issuer =
                    X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded());
            return new IssuerSerial(new GeneralNames(new GeneralName(issuer)), certificate.getSerialNumber())
                    .getEncoded("DER");
        } catch (IOException e) {
            throw new XmlSigningException("Cannot encode the signer's issuer and serial: " + e.getMessage(), e);
        }
    }

    static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new XmlSigningException("Cannot encode the signer certificate: " + e.getMessage(), e);
        }
    }

    static byte[] sha256(byte[] data) {
        return Digests.sha256(data);
    }
}
