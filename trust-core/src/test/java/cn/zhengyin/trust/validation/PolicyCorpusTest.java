package cn.zhengyin.trust.validation;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.pdf.PdfCorpus;
import cn.zhengyin.trust.pdf.PdfSignatureVerifier;
import cn.zhengyin.trust.testing.OtherProducer;
import cn.zhengyin.trust.testing.TestPki;
import cn.zhengyin.trust.xml.SecureXml;
import cn.zhengyin.trust.xml.XmlCorpus;
import cn.zhengyin.trust.xml.XmlSignatureVerifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: the positive corpus from another producer (its own CA) passes policy {@code baseline}; every attack file
 * fails under both policies; under {@code licence} every file that is not this store's kind of licence fails closed.
 */
class PolicyCorpusTest {

    static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC);
    static TestPki otherCa;
    static Map<String, byte[]> positives;
    static Map<String, byte[]> attacks;

    @BeforeAll
    static void generate() {
        otherCa = TestPki.create(NOW, "Other Producer");
        OtherProducer producer = new OtherProducer(otherCa, NOW);
        positives = new java.util.LinkedHashMap<>(PdfCorpus.positives(producer, otherCa));
        positives.putAll(XmlCorpus.positives(otherCa));
        attacks = new java.util.LinkedHashMap<>(PdfCorpus.attacks(producer, otherCa));
        attacks.putAll(XmlCorpus.attacks(otherCa));
    }

    static DocumentVerificationReport verify(String name, byte[] file, ValidationPolicy policy) {
        TrustAnchors anchors = TrustAnchors.of(List.of(otherCa.root()));
        RevocationSources crls = RevocationSources.offline(List.of(otherCa.issuingCaCrl(Map.of()), otherCa.rootCrl()));
        return name.endsWith(".xml")
                ? new XmlSignatureVerifier(anchors, crls, CLOCK, SecureXml.DEFAULT_MAX_BYTES).verify(file, policy)
                : new PdfSignatureVerifier(anchors, crls, CLOCK, PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES)
                        .verify(file, policy);
    }

    @Test
    void legitimatelySignedDocumentsFromOtherProducersPassUnderBaseline() {
        assertThat(positives).hasSizeGreaterThanOrEqualTo(8);
        positives.forEach((name, file) -> {
            DocumentVerificationReport report = verify(name, file, ValidationPolicy.BASELINE);
            assertThat(report.indication()).as(name + ": " + report).isEqualTo(Indication.TOTAL_PASSED);
            assertThat(VerificationConclusion.derive(
                                    report.indication(),
                                    report.subIndication(),
                                    ValidationPolicy.BASELINE,
                                    LicenceStanding.notRegistered())
                            .conclusion())
                    .isEqualTo(Conclusion.VALID);
        });
    }

    @Test
    void everyAttackFailsUnderBothPolicies() {
        assertThat(attacks).hasSizeGreaterThanOrEqualTo(20);
        for (ValidationPolicy policy : List.of(ValidationPolicy.BASELINE, ValidationPolicy.LICENCE)) {
            attacks.forEach((name, file) -> {
                DocumentVerificationReport report = verify(name, file, policy);
                assertThat(report.indication())
                        .as(policy.name() + " " + name + ": " + report)
                        .isNotEqualTo(Indication.TOTAL_PASSED);
            });
        }
    }

    /** Under baseline an attack fails for its own reason: it is not merely missing revocation data. */
    @Test
    void attacksFailForTheirOwnReasonNotForLackOfRevocationData() {
        attacks.forEach((name, file) -> {
            DocumentVerificationReport report = verify(name, file, ValidationPolicy.BASELINE);
            assertThat(report.subIndication()).as(name + ": " + report).isNotEqualTo(SubIndication.TRY_LATER);
            assertThat(report.indication()).as(name).isNotEqualTo(Indication.TOTAL_PASSED);
        });
    }

    @Test
    void underTheLicencePolicyFilesThatAreNotThisStoresLicencesFailClosed() {
        positives.forEach((name, file) -> {
            DocumentVerificationReport report = verify(name, file, ValidationPolicy.LICENCE);
            assertThat(report.indication()).as(name + ": " + report).isNotEqualTo(Indication.TOTAL_PASSED);
        });
    }

    /** Writes the corpus, the producer's root and its CRLs when asked: {@code -Dzhengyin.policy-corpus.write=<dir>}. */
    @Test
    void writesTheCorpusWhenAsked() throws Exception {
        String target = System.getProperty("zhengyin.policy-corpus.write");
        if (target == null) {
            return;
        }
        java.nio.file.Path dir = java.nio.file.Path.of(target);
        // a CA of today, so that its CRLs are fresh when the files are verified with ca-tools
        Instant today = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        TestPki ca = TestPki.create(today, "Other Producer");
        OtherProducer producer = new OtherProducer(ca, today);
        Map<String, byte[]> valid = new java.util.LinkedHashMap<>(PdfCorpus.positives(producer, ca));
        valid.putAll(XmlCorpus.positives(ca));
        Map<String, byte[]> invalid = new java.util.LinkedHashMap<>(PdfCorpus.attacks(producer, ca));
        invalid.putAll(XmlCorpus.attacks(ca));
        java.nio.file.Files.createDirectories(dir.resolve("valid"));
        java.nio.file.Files.createDirectories(dir.resolve("invalid"));
        for (var e : valid.entrySet()) {
            java.nio.file.Files.write(dir.resolve("valid").resolve(e.getKey()), e.getValue());
        }
        for (var e : invalid.entrySet()) {
            java.nio.file.Files.write(dir.resolve("invalid").resolve(e.getKey()), e.getValue());
        }
        java.nio.file.Files.writeString(
                dir.resolve("other-producer-root.pem"), cn.zhengyin.trust.pki.Pem.certificates(List.of(ca.root())));
        java.nio.file.Files.write(
                dir.resolve("other-producer-issuing-ca.crl"),
                ca.issuingCaCrl(Map.of()).getEncoded());
        java.nio.file.Files.writeString(
                dir.resolve("other-producer-root-ca.crl.pem"), cn.zhengyin.trust.pki.Pem.crl(ca.rootCrl()));
        java.nio.file.Files.write(
                dir.resolve("other-producer-issuing-ca-revoking-signer.crl"),
                ca.issuingCaCrl(Map.of(ca.signerCertificate().getSerialNumber(), today.plusSeconds(1)))
                        .getEncoded());
    }
}
