package cn.zhengyin.trust.xml;

import static cn.zhengyin.trust.xml.XmlFixtures.ROOT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.testing.TestPki;
import cn.zhengyin.trust.timestamp.InProcessTimestampSource;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.validation.Indication;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.xml.security.c14n.Canonicalizer;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** XAdES-BASELINE-LT: signature time-stamp, certificate values and revocation values in the unsigned properties. */
class XadesLtExtenderTest {
    private static final Instant NOW = Instant.parse("2025-06-01T08:00:00Z");
    private final TestPki pki = TestPki.create(NOW);
    private final SigningKey key = pki.signerKey();

    private XadesLtExtender extender() {
        return new XadesLtExtender(
                issued -> Optional.of(encoded(
                        issued.getIssuerX500Principal().equals(pki.root().getSubjectX500Principal())
                                ? pki.rootCrl()
                                : pki.issuingCaCrl(Map.of()))),
                new InProcessTimestampSource(pki.timestampAuthority(Clock.fixed(NOW.plusSeconds(5), ZoneOffset.UTC))));
    }

    private byte[] signed() {
        return new XadesEnvelopedSigner().sign(XmlFixtures.unsignedLicence(), ROOT_ID, key, NOW);
    }

    @Test
    void theUnsignedPropertiesHoldATimestampOverTheSignatureValueAndTheChainsAndCrls() throws Exception {
        byte[] lt = extender().extend(signed());

        Document doc = SecureXml.parse(lt);
        Element timestamp = only(doc, "SignatureTimeStamp");
        TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(Base64.getMimeDecoder()
                .decode(only(doc, "EncapsulatedTimeStamp").getTextContent())));
        ByteArrayOutputStream c14n = new ByteArrayOutputStream();
        Canonicalizer.getInstance(SignedInfoPolicy.EXC_C14N)
                .canonicalizeSubtree(XmlFixtures.firstDs(doc, "SignatureValue"), c14n);
        assertThat(token.getTimeStampInfo().getMessageImprintDigest())
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(c14n.toByteArray()));
        assertThat(timestamp.getAttributeNS(null, "Id")).isEqualTo("SignatureTimeStamp-Signature-" + ROOT_ID);

        Set<X509Certificate> values = new HashSet<>();
        NodeList certificates = doc.getElementsByTagNameNS(SignedInfoPolicy.XADES_NS, "EncapsulatedX509Certificate");
        for (int i = 0; i < certificates.getLength(); i++) {
            values.add((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(
                            Base64.getMimeDecoder().decode(certificates.item(i).getTextContent()))));
        }
        assertThat(values)
                .contains(pki.signerCertificate(), pki.issuingCa(), pki.tsaCertificate())
                .hasSize(4); // + root
        assertThat(doc.getElementsByTagNameNS(SignedInfoPolicy.XADES_NS, "EncapsulatedCRLValue")
                        .getLength())
                .isEqualTo(2);
        // order within UnsignedSignatureProperties: time-stamp, certificate values, revocation values
        List<String> order = SignedInfoPolicy.elements(only(doc, "UnsignedSignatureProperties")).stream()
                .map(Element::getLocalName)
                .toList();
        assertThat(order).containsExactly("SignatureTimeStamp", "CertificateValues", "RevocationValues");
    }

    @Test
    void ourVerifierStillPassesTheExtendedSignature() {
        byte[] lt = extender().extend(signed());

        DocumentVerificationReport report = new XmlSignatureVerifier(
                        Set.of(pki.root()), Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC))
                .verify(lt);

        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_PASSED);
    }

    @Test
    void theSignedDocumentExtendedWithoutBeingParsedAgainPassesAndItsTimestampCoversTheParsedSignatureValue()
            throws Exception {
        XmlSignaturePreparation prepared =
                new XadesEnvelopedSigner().prepare(XmlFixtures.unsignedLicence(), ROOT_ID, key.certificateChain(), NOW);
        Document signed = prepared.completeDocument(key.sign(prepared.canonicalSignedInfo()));

        byte[] lt = extender().extend(signed);

        // the imprint is over SignatureValue as a verifier parses it from the bytes, not only as it was in memory
        Document parsed = SecureXml.parse(lt);
        TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(Base64.getMimeDecoder()
                .decode(only(parsed, "EncapsulatedTimeStamp").getTextContent())));
        ByteArrayOutputStream c14n = new ByteArrayOutputStream();
        Canonicalizer.getInstance(SignedInfoPolicy.EXC_C14N)
                .canonicalizeSubtree(XmlFixtures.firstDs(parsed, "SignatureValue"), c14n);
        assertThat(token.getTimeStampInfo().getMessageImprintDigest())
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(c14n.toByteArray()));
        DocumentVerificationReport report = new XmlSignatureVerifier(
                        Set.of(pki.root()), Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC))
                .verify(lt);
        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThatThrownBy(() -> prepared.completeDocument(key.sign(prepared.canonicalSignedInfo())))
                .isInstanceOf(XmlSigningException.class)
                .hasMessageContaining("already completed");
    }

    @Test
    void aSignatureIsExtendedOnlyOnce() {
        byte[] lt = extender().extend(signed());

        assertThatThrownBy(() -> extender().extend(lt))
                .isInstanceOf(XmlSigningException.class)
                .hasMessageContaining("already");
    }

    private static Element only(Document doc, String localName) {
        NodeList found = doc.getElementsByTagNameNS(SignedInfoPolicy.XADES_NS, localName);
        assertThat(found.getLength()).as(localName).isEqualTo(1);
        return (Element) found.item(0);
    }

    private static byte[] encoded(java.security.cert.X509CRL crl) {
        try {
            return crl.getEncoded();
        } catch (java.security.cert.CRLException e) {
            throw new IllegalStateException(e);
        }
    }
}
