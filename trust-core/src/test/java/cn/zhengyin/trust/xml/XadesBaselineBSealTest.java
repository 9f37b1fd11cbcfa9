package cn.zhengyin.trust.xml;

import static cn.zhengyin.trust.xml.XmlFixtures.ROOT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.testing.TestPki;
import cn.zhengyin.trust.validation.CheckResult;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.Outcome;
import cn.zhengyin.trust.validation.SignatureReport;
import cn.zhengyin.trust.validation.SubIndication;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** XAdES baseline B-B enveloped signatures (ETSI EN 319 132-1) made in two phases and verified. */
class XadesBaselineBSealTest {
    private static final Instant NOW = Instant.parse("2025-06-01T08:00:00Z");
    private final TestPki pki = TestPki.create(NOW);
    private final SigningKey key = pki.signerKey();
    private final XadesEnvelopedSigner signer = new XadesEnvelopedSigner();
    private final XmlSignatureVerifier verifier =
            new XmlSignatureVerifier(Set.of(pki.root()), Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));

    @Test
    void aTwoPhaseSignatureWithADerValueVerifies() {
        XmlSignaturePreparation preparation =
                signer.prepare(XmlFixtures.unsignedLicence(), ROOT_ID, key.certificateChain(), NOW);
        byte[] signed = preparation.complete(key.sign(preparation.canonicalSignedInfo()));

        DocumentVerificationReport report = verifier.verify(signed);

        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_PASSED);
        SignatureReport signature = report.signatures().get(0);
        assertThat(signature.checks())
                .filteredOn(c -> !c.id().equals(XmlSignatureVerifier.REVOCATION))
                .extracting(CheckResult::outcome)
                .containsOnly(Outcome.PASSED);
        assertThat(signature
                        .check(XmlSignatureVerifier.REVOCATION)
                        .orElseThrow()
                        .outcome())
                .isEqualTo(Outcome.NOT_CHECKED);
        assertThat(signature.signingTime()).contains(NOW);
        assertThat(signature.signerSubject())
                .contains(pki.signerCertificate().getSubjectX500Principal().getName());
        assertThat(signature.coversWholeDocument()).isTrue();
    }

    @Test
    void aRawRConcatSValueIsAcceptedAndWrittenAs64Bytes() throws Exception {
        XmlSignaturePreparation preparation =
                signer.prepare(XmlFixtures.unsignedLicence(), ROOT_ID, key.certificateChain(), NOW);
        BigInteger order = ((ECPublicKey) pki.signerCertificate().getPublicKey())
                .getParams()
                .getOrder();
        BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(order, key.sign(preparation.canonicalSignedInfo()));
        byte[] signed = preparation.complete(PlainDSAEncoding.INSTANCE.encode(order, rs[0], rs[1]));

        assertThat(verifier.verify(signed).isPassed()).isTrue();
        Document doc = SecureXml.parse(signed);
        assertThat(java.util.Base64.getMimeDecoder()
                        .decode(XmlFixtures.firstDs(doc, "SignatureValue").getTextContent()))
                .hasSize(64);
    }

    @Test
    void theSignedInfoHasTheShapeThePolicyAllowsAndIsItsOwnCanonicalForm() {
        XmlSignaturePreparation preparation =
                signer.prepare(XmlFixtures.unsignedLicence(), ROOT_ID, key.certificateChain(), NOW);

        SignedInfoPolicy.Shape shape = SignedInfoPolicy.inspectCanonical(
                preparation.canonicalSignedInfo(), Set.of(SignedInfoPolicy.ECDSA_SHA256));

        assertThat(shape.documentReferenceId()).isEqualTo(ROOT_ID);
        assertThat(shape.signedPropertiesReferenceId()).isEqualTo("SignedProperties-" + ROOT_ID);
        assertThat(preparation.signatureMethod()).isEqualTo(SignedInfoPolicy.ECDSA_SHA256);
    }

    @Test
    void theSignatureIsTheLastChildOfTheRootAndCarriesXadesSignedProperties() {
        byte[] signed = signer.sign(XmlFixtures.unsignedLicence(), ROOT_ID, key, NOW);
        Document doc = SecureXml.parse(signed);

        Element signature = XmlFixtures.firstDs(doc, "Signature");
        assertThat(signature.getParentNode()).isSameAs(doc.getDocumentElement());
        assertThat(doc.getElementsByTagNameNS(SignedInfoPolicy.XADES_NS, "SigningCertificateV2")
                        .getLength())
                .isEqualTo(1);
        assertThat(doc.getElementsByTagNameNS(SignedInfoPolicy.XADES_NS, "SigningTime")
                        .item(0)
                        .getTextContent())
                .isEqualTo("2025-06-01T08:00:00Z");
        assertThat(doc.getElementsByTagNameNS(SignedInfoPolicy.XMLDSIG_NS, "X509Certificate")
                        .getLength())
                .isEqualTo(3);
    }

    @Test
    void theCallersDocumentIsNotModified() {
        Document unsigned = XmlFixtures.unsignedLicence();
        signer.sign(unsigned, ROOT_ID, key, NOW);
        assertThat(unsigned.getElementsByTagNameNS(SignedInfoPolicy.XMLDSIG_NS, "Signature")
                        .getLength())
                .isZero();
    }

    @Test
    void aValueFromAnotherKeyIsRefusedWhenCompleting() {
        XmlSignaturePreparation preparation =
                signer.prepare(XmlFixtures.unsignedLicence(), ROOT_ID, key.certificateChain(), NOW);
        SigningKey other = pki.issueKey("other", TestPki.Role.SIGNER, NOW.minusSeconds(60), NOW.plusSeconds(3600));

        assertThatThrownBy(() -> preparation.complete(other.sign(preparation.canonicalSignedInfo())))
                .isInstanceOf(XmlSigningException.class)
                .hasMessageContaining("does not verify");
    }

    @Test
    void aRootIdThatIsNotTheDocumentElementsIdIsRefused() {
        assertThatThrownBy(() -> signer.prepare(XmlFixtures.unsignedLicence(), "fields", key.certificateChain(), NOW))
                .isInstanceOf(XmlSigningException.class)
                .hasMessageContaining("document element");
    }

    @Test
    void aSignatureFromACertificateOutsideTheTrustAnchorsIsIndeterminate() {
        TestPki other = TestPki.create(NOW, "Other");
        byte[] signed = signer.sign(XmlFixtures.unsignedLicence(), ROOT_ID, other.signerKey(), NOW);

        DocumentVerificationReport report = verifier.verify(signed);

        assertThat(report.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(report.subIndication()).isEqualTo(SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
    }

    @Test
    void anExpiredSignerCertificateIsOutOfBoundsWithoutProofOfExistence() {
        XmlSignatureVerifier later = new XmlSignatureVerifier(
                Set.of(pki.root()), Clock.fixed(NOW.plusSeconds(2L * 365 * 24 * 3600), ZoneOffset.UTC));
        byte[] signed = signer.sign(XmlFixtures.unsignedLicence(), ROOT_ID, key, NOW);

        assertThat(later.verify(signed).subIndication()).isEqualTo(SubIndication.OUT_OF_BOUNDS_NO_POE);
    }
}
