package cn.zhengyin.trust.xml;

import cn.zhengyin.trust.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.xml.security.keys.content.X509Data;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.transforms.params.XPathContainer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * XML verification corpus as generated fixtures: plain enveloped XMLDSig as other producers make it (Santuario's
 * own API, the producer's own CA), and attacks made from such signatures. Every positive passes policy
 * {@code baseline} given that CA's root and CRLs; every attack fails under both policies.
 */
public final class XmlCorpus {

    static final String INVOICE = "<inv:Invoice xmlns:inv=\"urn:example:invoice\" Id=\"invoice-1\">"
            + "<inv:Amount>100</inv:Amount><inv:Payee>Zhang San</inv:Payee>"
            + "<inv:Note Id=\"note-1\">net 30</inv:Note></inv:Invoice>";
    static final String INCLUSIVE_C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";

    private XmlCorpus() {}

    /** File name → XML: legitimately signed documents from another producer. */
    public static Map<String, byte[]> positives(TestPki ca) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("xmldsig-enveloped-uri-empty.xml", sign(ca, "", SignedInfoPolicy.EXC_C14N, null));
        files.put("xmldsig-enveloped-id-reference.xml", sign(ca, "#invoice-1", INCLUSIVE_C14N, null));
        return files;
    }

    /** File name → XML: one file per XML attack class, each made from a signature {@code ca}'s signer made. */
    public static Map<String, byte[]> attacks(TestPki ca) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        String signed = new String(sign(ca, "", SignedInfoPolicy.EXC_C14N, null), StandardCharsets.UTF_8);
        files.put(
                "xml-content-changed.xml",
                signed.replace("<inv:Amount>100<", "<inv:Amount>999<").getBytes(StandardCharsets.UTF_8));
        files.put("xml-comment-outside-root.xml", (signed + "<!-- appended -->").getBytes(StandardCharsets.UTF_8));
        // a valid signature over a child element presented as a signature over the document
        files.put("xml-wrapping-sibling-element.xml", sign(ca, "#note-1", SignedInfoPolicy.EXC_C14N, null));
        // the genuine signed root moved into a new root that carries its signature (XML signature wrapping)
        int start = signed.indexOf("<inv:Invoice");
        String wrapped = "<inv:Invoice xmlns:inv=\"urn:example:invoice\" Id=\"forged\">"
                + "<inv:Amount>999</inv:Amount>" + signed.substring(start) + "</inv:Invoice>";
        files.put("xml-wrapping-new-root.xml", wrapped.getBytes(StandardCharsets.UTF_8));
        String duplicate = new String(sign(ca, "#invoice-1", SignedInfoPolicy.EXC_C14N, null), StandardCharsets.UTF_8)
                .replace("<inv:Note Id=\"note-1\">", "<inv:Note Id=\"invoice-1\">");
        files.put("xml-wrapping-duplicate-id.xml", duplicate.getBytes(StandardCharsets.UTF_8));
        files.put(
                "xml-xpath-transform.xml",
                sign(ca, "", SignedInfoPolicy.EXC_C14N, "not(ancestor-or-self::inv:Amount)"));
        return files;
    }

    /**
     * An enveloped XMLDSig made with Santuario directly: ECDSA-SHA256, one reference {@code uri} with
     * enveloped-signature then {@code c14n} (or, with {@code xpath}, an XPath filter instead), KeyInfo with the
     * signer certificate and its issuing CA.
     */
    static byte[] sign(TestPki ca, String uri, String c14n, String xpath) {
        try {
            Santuario.init();
            Document doc = SecureXml.parse(INVOICE.getBytes(StandardCharsets.UTF_8));
            Element root = doc.getDocumentElement();
            root.setIdAttributeNS(null, "Id", true);
            Element note = (Element)
                    root.getElementsByTagNameNS("urn:example:invoice", "Note").item(0);
            note.setIdAttributeNS(null, "Id", true);
            XMLSignature signature = new XMLSignature(doc, "", SignedInfoPolicy.ECDSA_SHA256, c14n);
            root.appendChild(signature.getElement());
            Transforms transforms = new Transforms(doc);
            transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
            if (xpath != null) {
                XPathContainer container = new XPathContainer(doc);
                container.setXPathNamespaceContext("inv", "urn:example:invoice");
                container.setXPath(xpath);
                transforms.addTransform(Transforms.TRANSFORM_XPATH, container.getElementPlusReturns());
            } else {
                transforms.addTransform(c14n);
            }
            signature.addDocument(uri, transforms, SignedInfoPolicy.SHA256);
            X509Data x509 = new X509Data(doc);
            for (X509Certificate cert : List.of(ca.signerCertificate(), ca.issuingCa())) {
                x509.addCertificate(cert);
            }
            signature.getKeyInfo().add(x509);
            PrivateKey key = ca.signerPrivateKey();
            signature.sign(key);
            return SecureXml.serialize(doc);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
