package cn.zhengyin.trust.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.testing.OtherProducer;
import cn.zhengyin.trust.testing.TestPdfs;
import cn.zhengyin.trust.testing.TestPki;
import cn.zhengyin.trust.validation.CheckResult;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.Outcome;
import cn.zhengyin.trust.validation.RevocationSources;
import cn.zhengyin.trust.validation.SubIndication;
import cn.zhengyin.trust.validation.TrustAnchors;
import cn.zhengyin.trust.validation.ValidationPolicy;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, observation 5: PDFs signed elsewhere (PDFBox and Bouncy Castle directly, the producer's own CA) verify
 * under policy {@code baseline} when they are legitimately signed, and only as their certification level allows.
 * Observation 6: bytes appended after the signature are reported as what they are and fail.
 */
class OtherProducersPdfsUnderBaselineTest {

    static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC);
    static TestPki otherCa;
    static OtherProducer producer;
    static byte[] signedBB;

    @BeforeAll
    static void produce() {
        otherCa = TestPki.create(NOW, "Other Producer");
        producer = new OtherProducer(otherCa, NOW);
        signedBB = producer.approve(TestPdfs.onePage("Contract 7: pay 100 CNY"));
    }

    static List<X509CRL> crls(Map<BigInteger, Instant> revoked) {
        return List.of(otherCa.issuingCaCrl(revoked), otherCa.rootCrl());
    }

    static DocumentVerificationReport verify(byte[] pdf, ValidationPolicy policy) {
        return verify(pdf, policy, RevocationSources.offline(crls(Map.of())));
    }

    static DocumentVerificationReport verify(byte[] pdf, ValidationPolicy policy, RevocationSources revocation) {
        return new PdfSignatureVerifier(
                        TrustAnchors.of(List.of(otherCa.root())),
                        revocation,
                        CLOCK,
                        PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES)
                .verify(pdf, policy);
    }

    static CheckResult documentCheck(DocumentVerificationReport report, String id) {
        return report.documentChecks().stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no document check " + id + " in " + report));
    }

    @Test
    void aPadesBBSignatureWithoutTimestampPassesUnderBaselineButNotUnderLicence() {
        DocumentVerificationReport baseline = verify(signedBB, ValidationPolicy.BASELINE);
        assertThat(baseline.indication()).as(baseline.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(baseline.signatures().get(0).check(PdfSignatureVerifier.TIMESTAMP_PRESENT))
                .hasValueSatisfying(c -> assertThat(c.message()).contains("B-B"));

        DocumentVerificationReport licence = verify(signedBB, ValidationPolicy.LICENCE);
        assertThat(licence.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(licence.subIndication()).isEqualTo(SubIndication.SIG_CONSTRAINTS_FAILURE);
    }

    @Test
    void aSecondApprovalSignatureAddedLaterPasses() {
        byte[] twice = producer.approve(signedBB);
        DocumentVerificationReport report = verify(twice, ValidationPolicy.BASELINE);
        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(report.signatures()).hasSize(2).allMatch(s -> s.isPassed());
    }

    @Test
    void aValidationDataUpdateAfterSigningPassesAndIsReportedAsValidationData() {
        byte[] withDss = OtherProducer.addDss(
                signedBB, List.of(otherCa.issuingCa(), otherCa.signerCertificate()), crls(Map.of()));
        // the embedded CRLs decide revocation: no CRL needs to be configured
        DocumentVerificationReport report = verify(withDss, ValidationPolicy.BASELINE, RevocationSources.none());
        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(report.signatures().get(0).coversWholeDocument()).isTrue();
        assertThat(documentCheck(report, PdfSignatureVerifier.DOCUMENT_COVERAGE).message())
                .contains("validation data (/DSS only)");
        assertThat(report.signatures().get(0).check(PdfSignatureVerifier.REVOCATION_EMBEDDED))
                .hasValueSatisfying(c -> assertThat(c.outcome()).isEqualTo(Outcome.PASSED));
    }

    @Test
    void aCertifiedDocumentWithNoChangesAllowedPassesAsLongAsNothingIsAdded() {
        byte[] certified = producer.certify(TestPdfs.onePage("Certified P1"), 1);
        assertThat(verify(certified, ValidationPolicy.BASELINE).indication()).isEqualTo(Indication.TOTAL_PASSED);

        DocumentVerificationReport signedAfter = verify(producer.approve(certified), ValidationPolicy.BASELINE);
        assertThat(signedAfter.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(signedAfter.subIndication()).isEqualTo(SubIndication.DISALLOWED_CHANGES);
    }

    @Test
    void aCertifiedFormAllowsFormFillAndSignaturesButNotAnnotations() {
        byte[] certified = producer.certify(OtherProducer.formWithOneField("Application form"), 2);
        byte[] filledAndSigned = producer.approve(OtherProducer.fillIn(certified, "Li Si"));
        DocumentVerificationReport report = verify(filledAndSigned, ValidationPolicy.BASELINE);
        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(report.signatures()).hasSize(2);

        byte[] filledOnly = OtherProducer.fillIn(certified, "Li Si");
        DocumentVerificationReport unsignedFill = verify(filledOnly, ValidationPolicy.BASELINE);
        assertThat(unsignedFill.indication()).as(unsignedFill.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(documentCheck(unsignedFill, PdfSignatureVerifier.DOCUMENT_COVERAGE))
                .satisfies(c -> assertThat(c.outcome()).isEqualTo(Outcome.WARNING))
                .satisfies(c -> assertThat(c.message()).contains("form field values"));
        // the licence policy allows no unsigned change but validation data
        assertThat(verify(filledOnly, ValidationPolicy.LICENCE).isPassed()).isFalse();

        DocumentVerificationReport annotated =
                verify(OtherProducer.annotate(certified, "looks fine"), ValidationPolicy.BASELINE);
        assertThat(annotated.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(annotated.subIndication()).isEqualTo(SubIndication.DISALLOWED_CHANGES);
    }

    @Test
    void aCertifiedDocumentAtLevelThreeAllowsAnnotations() {
        byte[] certified = producer.certify(OtherProducer.formWithOneField("Review copy"), 3);
        DocumentVerificationReport report =
                verify(OtherProducer.annotate(certified, "approved by legal"), ValidationPolicy.BASELINE);
        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(documentCheck(report, PdfSignatureVerifier.DOCUMENT_COVERAGE).message())
                .contains("annotation");
    }

    @Test
    void unknownRevocationStatusIsNeverTotalPassed() {
        for (ValidationPolicy policy : List.of(ValidationPolicy.BASELINE, ValidationPolicy.LICENCE)) {
            DocumentVerificationReport report = verify(signedBB, policy, RevocationSources.none());
            assertThat(report.indication()).isEqualTo(Indication.INDETERMINATE);
        }
        assertThat(verify(signedBB, ValidationPolicy.BASELINE, RevocationSources.none())
                        .subIndication())
                .isEqualTo(SubIndication.TRY_LATER);
    }

    /** A CRL past its next update says nothing about now: revocation data is not available (TRY_LATER). */
    @Test
    void aStaleCrlDoesNotDecideTheStatusNow() {
        DocumentVerificationReport report = new PdfSignatureVerifier(
                        TrustAnchors.of(List.of(otherCa.root())),
                        RevocationSources.offline(crls(Map.of())),
                        Clock.fixed(NOW.plus(java.time.Duration.ofDays(10)), ZoneOffset.UTC),
                        PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES)
                .verify(signedBB, ValidationPolicy.BASELINE);
        assertThat(report.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(report.subIndication()).isEqualTo(SubIndication.TRY_LATER);
        assertThat(report.signatures()
                        .get(0)
                        .check(PdfSignatureVerifier.REVOCATION)
                        .orElseThrow()
                        .message())
                .contains("is not fresh for");
    }

    @Test
    void aSignatureWithoutTimestampWhoseCertificateIsRevokedNowIsRevoked() {
        BigInteger serial = otherCa.signerCertificate().getSerialNumber();
        DocumentVerificationReport report = verify(
                signedBB,
                ValidationPolicy.BASELINE,
                RevocationSources.offline(crls(Map.of(serial, NOW.plusSeconds(60)))));
        assertThat(report.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(report.subIndication()).isEqualTo(SubIndication.REVOKED);
    }

    /** The revision comparison is bounded: beyond the limit, later revisions are not taken as validation data. */
    @Test
    void moreLaterRevisionsThanTheComparisonLimitFailClosed() {
        byte[] pdf = signedBB;
        for (int i = 0; i <= PdfLaterRevisions.MAX_COMPARED_REVISIONS; i++) {
            pdf = OtherProducer.addDss(pdf, List.of(otherCa.issuingCa()), List.of());
        }
        DocumentVerificationReport report = verify(pdf, ValidationPolicy.LICENCE);
        assertThat(report.isPassed()).isFalse();
        assertThat(report.signatures().get(0).coversWholeDocument()).isFalse();
        assertThat(report.signatures()
                        .get(0)
                        .check(PdfSignatureVerifier.BYTE_RANGE)
                        .orElseThrow()
                        .message())
                .contains("not compared: more than " + PdfLaterRevisions.MAX_COMPARED_REVISIONS + " revisions");
    }

    /** Observation 6: a 41-byte comment after the signature is not "long-term validation data". */
    @Test
    void bytesAppendedAfterTheSignatureAreReportedAsTrailingDataAndFailUnderBothPolicies() {
        byte[] comment = "% appended after signing, 41 bytes long\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(comment).hasSize(41);
        byte[] appended = PdfAttackCorpus.concat(signedBB, comment);
        for (ValidationPolicy policy : List.of(ValidationPolicy.BASELINE, ValidationPolicy.LICENCE)) {
            DocumentVerificationReport report = verify(appended, policy);
            assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_FAILED);
            assertThat(report.subIndication()).isEqualTo(SubIndication.FORMAT_FAILURE);
            assertThat(report.signatures().get(0).coversWholeDocument()).isFalse();
            assertThat(documentCheck(report, PdfSignatureVerifier.DOCUMENT_TRAILING_DATA))
                    .satisfies(c -> assertThat(c.outcome()).isEqualTo(Outcome.FAILED))
                    .satisfies(c -> assertThat(c.message()).contains("41 byte(s)"));
            assertThat(report.toString()).doesNotContain("long-term validation data");
        }
        // the same comment followed by %%EOF is a section without cross-reference: not a revision either
        byte[] fakeRevision =
                PdfAttackCorpus.concat(signedBB, "% not a revision\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        DocumentVerificationReport report = verify(fakeRevision, ValidationPolicy.BASELINE);
        assertThat(report.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(report.subIndication()).isEqualTo(SubIndication.FORMAT_FAILURE);
        assertThat(documentCheck(report, PdfSignatureVerifier.DOCUMENT_COVERAGE).message())
                .contains("not a revision");
        assertThat(documentCheck(report, PdfSignatureVerifier.DOCUMENT_TRAILING_DATA)
                        .outcome())
                .isEqualTo(Outcome.FAILED);
    }
}
