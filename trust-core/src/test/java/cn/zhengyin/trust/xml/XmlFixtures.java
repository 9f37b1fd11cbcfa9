package cn.zhengyin.trust.xml;

import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.crypto.SoftwareKeyCustody;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import javax.xml.XMLConstants;
import org.apache.xml.security.keys.content.X509Data;
import org.apache.xml.security.signature.ObjectContainer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Test documents and hand-built (possibly malicious) signatures. */
final class XmlFixtures {
    static final String ROOT_ID = "licence-1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.002.S";

    private XmlFixtures() {}

    static byte[] resource(String path) {
        try (InputStream in = XmlFixtures.class.getResourceAsStream("/samples/xml/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Document unsignedLicence() {
        return SecureXml.parse(resource("valid/unsigned-licence.xml"));
    }

    /** A self-signed certificate (digitalSignature) and its key: an attacker's own "seal". */
    static SigningKey selfSigned(Instant now) {
        try {
            Providers.bouncyCastle();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=证印示范市市场监督管理局电子证照专用章,O=Attacker,C=CN");
            var builder = new JcaX509v3CertificateBuilder(
                    name,
                    BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(365))),
                    name,
                    keys.getPublic());
            builder.addExtension(
                    Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return SoftwareKeyCustody.fromKey("attacker", keys.getPrivate(), List.of(cert));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Builds an enveloped signature by hand with Santuario, with a valid value from {@code key}: the document
     * reference's URI and transforms are the caller's (to forge what {@link XadesEnvelopedSigner} never makes).
     * A minimal XAdES SignedProperties is referenced so that only the caller's deviation is wrong.
     */
    static byte[] forge(Document doc, SigningKey key, String documentUri, Consumer<Transforms> documentTransforms) {
        try {
            Santuario.init();
            Element root = doc.getDocumentElement();
            root.setIdAttributeNS(null, "Id", true);
            XMLSignature signature =
                    new XMLSignature(doc, "", SignedInfoPolicy.ECDSA_SHA256, SignedInfoPolicy.EXC_C14N);
            signature.setId("Signature-forged");
            root.appendChild(signature.getElement());
            Transforms transforms = new Transforms(doc);
            documentTransforms.accept(transforms);
            signature.addDocument(documentUri, transforms, SignedInfoPolicy.SHA256);
            X509Data x509 = new X509Data(doc);
            for (X509Certificate cert : key.certificateChain()) {
                x509.addCertificate(cert);
            }
            signature.getKeyInfo().add(x509);
            ObjectContainer object = new ObjectContainer(doc);
            Element qualifying = doc.createElementNS(SignedInfoPolicy.XADES_NS, "xades:QualifyingProperties");
            qualifying.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:xades", SignedInfoPolicy.XADES_NS);
            qualifying.setAttributeNS(null, "Target", "#Signature-forged");
            Element properties = doc.createElementNS(SignedInfoPolicy.XADES_NS, "xades:SignedProperties");
            properties.setAttributeNS(null, "Id", "SignedProperties-forged");
            qualifying.appendChild(properties);
            object.appendChild(qualifying);
            signature.appendObject(object);
            properties.setIdAttributeNS(null, "Id", true);
            Transforms c14n = new Transforms(doc);
            c14n.addTransform(SignedInfoPolicy.EXC_C14N);
            signature.addDocument(
                    "#SignedProperties-forged",
                    c14n,
                    SignedInfoPolicy.SHA256,
                    null,
                    SignedInfoPolicy.SIGNED_PROPERTIES_TYPE);
            signature.getSignedInfo().generateDigestValues();
            byte[] der = key.sign(signature.getSignedInfo().getCanonicalizedOctetStream());
            BigInteger order = ((ECPublicKey) key.certificateChain().get(0).getPublicKey())
                    .getParams()
                    .getOrder();
            BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(order, der);
            Element value = SignedInfoPolicy.elements(signature.getElement()).stream()
                    .filter(e -> SignedInfoPolicy.isDsig(e, "SignatureValue"))
                    .findFirst()
                    .orElseThrow();
            value.setTextContent(
                    Base64.getEncoder().encodeToString(PlainDSAEncoding.INSTANCE.encode(order, rs[0], rs[1])));
            return SecureXml.serialize(doc);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Element firstDs(Document doc, String localName) {
        return (Element) doc.getElementsByTagNameNS(SignedInfoPolicy.XMLDSIG_NS, localName)
                .item(0);
    }

    static Element firstLicence(Document doc, String localName) {
        return (Element)
                doc.getElementsByTagNameNS("urn:zhengyin:licence:1", localName).item(0);
    }
}
