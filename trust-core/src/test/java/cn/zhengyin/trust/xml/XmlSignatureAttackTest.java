package cn.zhengyin.trust.xml;

import static cn.zhengyin.trust.xml.XmlFixtures.ROOT_ID;
import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.testing.TestPki;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.Outcome;
import cn.zhengyin.trust.validation.SubIndication;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.transforms.params.XPathContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Known attacks on XML signatures; each must end in a clean, non-passing report. */
class XmlSignatureAttackTest {
    private static final Instant NOW = Instant.parse("2025-06-01T08:00:00Z");
    private static final String LICENCE_NS = "urn:zhengyin:licence:1";
    private final TestPki pki = TestPki.create(NOW);
    private final SigningKey key = pki.signerKey();
    private final XadesEnvelopedSigner signer = new XadesEnvelopedSigner();
    private final XmlSignatureVerifier verifier =
            new XmlSignatureVerifier(Set.of(pki.root()), Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));

    /** Policy {@code baseline}, with the CRLs a genuine signature needs to pass: an attack must fail on its own. */
    private final XmlSignatureVerifier baseline = new XmlSignatureVerifier(
            cn.zhengyin.trust.validation.TrustAnchors.of(List.of(pki.root())),
            cn.zhengyin.trust.validation.RevocationSources.offline(
                    List.of(pki.issuingCaCrl(java.util.Map.of()), pki.rootCrl())),
            Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC),
            SecureXml.DEFAULT_MAX_BYTES);

    /** The licence policy's report (as asserted below); the same file must not pass under baseline either. */
    private DocumentVerificationReport verify(byte[] xml) {
        DocumentVerificationReport underBaseline =
                baseline.verify(xml, cn.zhengyin.trust.validation.ValidationPolicy.BASELINE);
        assertThat(underBaseline.indication()).as("baseline: " + underBaseline).isNotEqualTo(Indication.TOTAL_PASSED);
        return verifier.verify(xml);
    }

    @Test
    void theGenuineSignaturePassesUnderBaselineSoTheAttacksBelowFailOnTheirOwn() {
        assertThat(baseline.verify(signed(), cn.zhengyin.trust.validation.ValidationPolicy.BASELINE)
                        .indication())
                .isEqualTo(Indication.TOTAL_PASSED);
    }

    private byte[] signed() {
        return signer.sign(XmlFixtures.unsignedLicence(), ROOT_ID, key, NOW);
    }

    private static void assertFailed(
            DocumentVerificationReport report, Indication indication, SubIndication sub, String failedCheck) {
        assertThat(report.indication()).as(report.toString()).isEqualTo(indication);
        assertThat(report.subIndication()).as(report.toString()).isEqualTo(sub);
        boolean inDocument = report.documentChecks().stream()
                .anyMatch(c -> c.id().equals(failedCheck) && c.outcome() == Outcome.FAILED);
        boolean inSignature = report.signatures().stream()
                .flatMap(s -> s.checks().stream())
                .anyMatch(c -> c.id().equals(failedCheck) && c.outcome() == Outcome.FAILED);
        assertThat(inDocument || inSignature)
                .as(failedCheck + " failed in " + report)
                .isTrue();
    }

    @Test
    void contentChangedAfterSigningIsAHashFailure() {
        Document doc = SecureXml.parse(signed());
        XmlFixtures.firstLicence(doc, "Field").setTextContent("篡改后的公司");

        assertFailed(
                verify(SecureXml.serialize(doc)),
                Indication.TOTAL_FAILED,
                SubIndication.HASH_FAILURE,
                XmlSignatureVerifier.REFERENCE_DIGESTS);
    }

    @Test
    void anAttributeAddedAfterSigningIsAHashFailure() {
        Document doc = SecureXml.parse(signed());
        XmlFixtures.firstLicence(doc, "Field").setAttributeNS(null, "label", "其他");

        assertThat(verify(SecureXml.serialize(doc)).subIndication()).isEqualTo(SubIndication.HASH_FAILURE);
    }

    @Test
    void signingTimeChangedInTheSignedPropertiesIsAHashFailure() {
        Document doc = SecureXml.parse(signed());
        doc.getElementsByTagNameNS(SignedInfoPolicy.XADES_NS, "SigningTime")
                .item(0)
                .setTextContent("2020-01-01T00:00:00Z");

        assertThat(verify(SecureXml.serialize(doc)).subIndication()).isEqualTo(SubIndication.HASH_FAILURE);
    }

    @Test
    void aRemovedSignatureLeavesNoSignedData() {
        Document doc = SecureXml.parse(signed());
        Element signature = XmlFixtures.firstDs(doc, "Signature");
        signature.getParentNode().removeChild(signature);

        assertFailed(
                verify(SecureXml.serialize(doc)),
                Indication.INDETERMINATE,
                SubIndication.SIGNED_DATA_NOT_FOUND,
                XmlSignatureVerifier.DOCUMENT_SIGNATURES);
    }

    @Test
    void wrappingWithADuplicatedIdFails() {
        // A forged root with the same Id carries the signature; the genuine signed root is hidden inside it.
        Document doc = SecureXml.parse(signed());
        Element genuine = doc.getDocumentElement();
        Element forged = (Element) genuine.cloneNode(true);
        forged.getElementsByTagNameNS(LICENCE_NS, "Field").item(0).setTextContent("冒名公司");
        genuine.removeChild(genuine.getElementsByTagNameNS(SignedInfoPolicy.XMLDSIG_NS, "Signature")
                .item(0));
        doc.replaceChild(forged, genuine);
        Element hiding = doc.createElementNS(LICENCE_NS, "Extension");
        hiding.appendChild(genuine);
        forged.insertBefore(hiding, XmlFixtures.firstDs(doc, "Signature"));

        assertFailed(
                verify(SecureXml.serialize(doc)),
                Indication.TOTAL_FAILED,
                SubIndication.FORMAT_FAILURE,
                XmlSignatureVerifier.UNIQUE_IDS);
    }

    @Test
    void wrappingTheSignedRootInANewRootFailsPlacement() {
        Document doc = SecureXml.parse(signed());
        Element genuine = doc.getDocumentElement();
        Element wrapper = doc.createElementNS(LICENCE_NS, "LicenceDocument");
        wrapper.setAttributeNS(null, "Id", "licence-forged");
        doc.replaceChild(wrapper, genuine);
        wrapper.appendChild(genuine);

        assertFailed(
                verify(SecureXml.serialize(doc)),
                Indication.TOTAL_FAILED,
                SubIndication.FORMAT_FAILURE,
                XmlSignatureVerifier.PLACEMENT);
    }

    @Test
    void aForgedRootCarryingTheSignatureWithTheGenuineRootMovedIntoDsObjectFails() {
        Document doc = SecureXml.parse(signed());
        Element genuine = doc.getDocumentElement();
        Element signature = XmlFixtures.firstDs(doc, "Signature");
        Element forged = doc.createElementNS(LICENCE_NS, "LicenceDocument");
        forged.setAttributeNS(null, "Id", "licence-forged");
        Element metadata = doc.createElementNS(LICENCE_NS, "Metadata");
        metadata.setTextContent("冒名");
        forged.appendChild(metadata);
        doc.replaceChild(forged, genuine);
        genuine.removeChild(signature);
        forged.appendChild(signature);
        Element object = (Element) signature
                .getElementsByTagNameNS(SignedInfoPolicy.XMLDSIG_NS, "Object")
                .item(0);
        object.appendChild(genuine);

        assertFailed(
                verify(SecureXml.serialize(doc)),
                Indication.TOTAL_FAILED,
                SubIndication.FORMAT_FAILURE,
                XmlSignatureVerifier.REFERENCE_TARGETS);
    }

    @Test
    void aValidSignatureOverASiblingElementIsNotASignatureOverTheDocument() {
        Document doc = XmlFixtures.unsignedLicence();
        Element fields = XmlFixtures.firstLicence(doc, "Fields");
        fields.setAttributeNS(null, "Id", "fields");
        fields.setIdAttributeNS(null, "Id", true);
        byte[] forged = XmlFixtures.forge(doc, key, "#fields", t -> {
            try {
                t.addTransform(SignedInfoPolicy.ENVELOPED_SIGNATURE);
                t.addTransform(SignedInfoPolicy.EXC_C14N);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertFailed(
                verify(forged),
                Indication.TOTAL_FAILED,
                SubIndication.FORMAT_FAILURE,
                XmlSignatureVerifier.REFERENCE_TARGETS);
    }

    @Test
    void anXPathTransformInAValidTrustedSignatureIsRejectedByPolicy() {
        Document doc = XmlFixtures.unsignedLicence();
        byte[] forged = XmlFixtures.forge(doc, key, "#" + ROOT_ID, t -> {
            try {
                t.addTransform(SignedInfoPolicy.ENVELOPED_SIGNATURE);
                XPathContainer xpath = new XPathContainer(doc);
                xpath.setXPathNamespaceContext("ds", SignedInfoPolicy.XMLDSIG_NS);
                xpath.setXPath("not(ancestor-or-self::ds:Signature)");
                t.addTransform(Transforms.TRANSFORM_XPATH, xpath.getElementPlusReturns());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertFailed(
                verify(forged),
                Indication.TOTAL_FAILED,
                SubIndication.FORMAT_FAILURE,
                XmlSignatureVerifier.SIGNED_INFO);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://www.w3.org/TR/1999/REC-xslt-19991116",
                "http://www.w3.org/2002/06/xmldsig-filter2",
                "http://www.w3.org/2000/09/xmldsig#base64"
            })
    void otherTransformsAreRejectedByPolicy(String algorithm) {
        Document doc = SecureXml.parse(signed());
        var transforms = SignedInfoPolicy.elements(XmlFixtures.firstDs(doc, "Transforms"));
        Element transform = transforms.get(transforms.size() - 1);
        transform.setAttributeNS(null, "Algorithm", algorithm);

        assertFailed(
                verify(SecureXml.serialize(doc)),
                Indication.TOTAL_FAILED,
                SubIndication.FORMAT_FAILURE,
                XmlSignatureVerifier.SIGNED_INFO);
    }

    @Test
    void anEmptyReferenceUriIsRejectedByPolicy() {
        Document doc = SecureXml.parse(signed());
        XmlFixtures.firstDs(doc, "Reference").setAttributeNS(null, "URI", "");

        assertThat(verify(SecureXml.serialize(doc))
                        .signatures()
                        .get(0)
                        .check(XmlSignatureVerifier.SIGNED_INFO)
                        .orElseThrow()
                        .outcome())
                .isEqualTo(Outcome.FAILED);
    }

    @Test
    void aSelfSignedKeyInfoWithItsOwnValidSignatureFailsTheChain() {
        // The attacker edits the content and re-signs it with their own key, putting their certificate in KeyInfo.
        Document doc = SecureXml.parse(signed());
        Element signature = XmlFixtures.firstDs(doc, "Signature");
        signature.getParentNode().removeChild(signature);
        XmlFixtures.firstLicence(doc, "Field").setTextContent("冒名公司");
        SigningKey attacker = XmlFixtures.selfSigned(NOW);
        byte[] resigned = signer.sign(doc, ROOT_ID, attacker, NOW);

        DocumentVerificationReport report = verify(resigned);

        assertFailed(
                report, Indication.INDETERMINATE, SubIndication.NO_CERTIFICATE_CHAIN_FOUND, XmlSignatureVerifier.CHAIN);
        assertThat(report.signatures()
                        .get(0)
                        .check(XmlSignatureVerifier.SIGNATURE_VALUE)
                        .orElseThrow()
                        .outcome())
                .isEqualTo(Outcome.PASSED);
    }

    @Test
    void aKeyInfoCertificateSwappedForAnotherTrustedOneFailsTheSignatureValue() {
        Document doc = SecureXml.parse(signed());
        SigningKey other = pki.issueKey("other", TestPki.Role.SIGNER, NOW.minusSeconds(60), NOW.plusSeconds(3600));
        Element first = XmlFixtures.firstDs(doc, "X509Certificate");
        first.setTextContent(java.util.Base64.getEncoder()
                .encodeToString(
                        XadesEnvelopedSigner.encoded(other.certificateChain().get(0))));

        assertFailed(
                verify(SecureXml.serialize(doc)),
                Indication.TOTAL_FAILED,
                SubIndication.SIG_CRYPTO_FAILURE,
                XmlSignatureVerifier.SIGNATURE_VALUE);
    }

    @Test
    void aSecondSignatureIsRefused() {
        Document doc = SecureXml.parse(signed());
        Element signature = XmlFixtures.firstDs(doc, "Signature");
        Node copy = signature.cloneNode(true);
        ((Element) copy).setAttributeNS(null, "Id", "Signature-copy");
        doc.getDocumentElement().appendChild(copy);

        assertFailed(
                verify(SecureXml.serialize(doc)),
                Indication.TOTAL_FAILED,
                SubIndication.FORMAT_FAILURE,
                XmlSignatureVerifier.DOCUMENT_SIGNATURES);
    }

    @Test
    void aCommentOutsideTheRootIsReportedAsUnsigned() {
        byte[] signed = signed();
        String text = new String(signed, StandardCharsets.UTF_8);
        int rootStart = text.indexOf("<LicenceDocument");
        byte[] withComment = (text.substring(0, rootStart) + "<!-- 已注销 -->" + text.substring(rootStart))
                .getBytes(StandardCharsets.UTF_8);

        DocumentVerificationReport report = verify(withComment);

        assertThat(report.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(report.subIndication()).isEqualTo(SubIndication.UNSIGNED_CHANGES);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"invalid/xxe-external-file.xml", "invalid/xxe-parameter-entity.xml", "invalid/billion-laughs.xml"
            })
    void documentTypeDeclarationsAreAFormatFailure(String sample) {
        DocumentVerificationReport report = verify(XmlFixtures.resource(sample));

        assertFailed(
                report, Indication.TOTAL_FAILED, SubIndication.FORMAT_FAILURE, XmlSignatureVerifier.DOCUMENT_FORMAT);
        assertThat(report.documentChecks().get(0).message()).contains("DOCTYPE");
    }

    @Test
    void garbageIsAFormatFailure() {
        assertThat(verify("not xml".getBytes(StandardCharsets.UTF_8)).subIndication())
                .isEqualTo(SubIndication.FORMAT_FAILURE);
        assertThat(verify(new byte[0]).subIndication()).isEqualTo(SubIndication.FORMAT_FAILURE);
    }
}
