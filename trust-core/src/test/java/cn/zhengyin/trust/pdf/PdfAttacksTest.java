package cn.zhengyin.trust.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import cn.zhengyin.trust.cms.CadesDigestSigner;
import cn.zhengyin.trust.testing.TestPdfs;
import cn.zhengyin.trust.testing.TestPki;
import cn.zhengyin.trust.timestamp.InProcessTimestampSource;
import cn.zhengyin.trust.validation.CheckResult;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.Outcome;
import cn.zhengyin.trust.validation.SignatureReport;
import cn.zhengyin.trust.validation.SubIndication;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attack classes of the PDF part of issue "Verification", each as a concrete file made from a genuinely signed
 * PDF by {@link PdfAttackCorpus}. Each test's javadoc names the check that catches the attack; without that check
 * the signature report would pass (every other check sees a valid signature over the signed revision).
 */
class PdfAttacksTest {

    static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Duration HANG_GUARD = Duration.ofSeconds(20);
    static TestPki pki;
    static PdfAttackCorpus corpus;
    static byte[] signed;
    static int cmsLength;

    @BeforeAll
    static void signOnce() throws Exception {
        pki = TestPki.create(NOW);
        CadesDigestSigner signer = new CadesDigestSigner(new InProcessTimestampSource(pki.timestampAuthority(CLOCK)));
        int reserved = SignatureRequest.estimateContentsBytes(
                pki.signerKey().certificateChain(), pki.tsaKey().certificateChain());
        corpus = new PdfAttackCorpus(signer, pki.signerKey(), reserved, NOW);
        signed = corpus.signedOnePage();
        try (var document = org.apache.pdfbox.Loader.loadPDF(signed)) {
            byte[] contents = document.getLastSignatureDictionary().getContents();
            int last = contents.length - 1;
            while (contents[last] == 0) {
                last--;
            }
            cmsLength = last + 1;
        }
    }

    static DocumentVerificationReport verify(byte[] pdf) {
        PdfSignatureVerifier verifier =
                new PdfSignatureVerifier(Set.of(pki.root()), List.of(pki.issuingCaCrl(Map.of()), pki.rootCrl()), CLOCK);
        return assertTimeoutPreemptively(HANG_GUARD, () -> verifier.verify(pdf));
    }

    static CheckResult check(SignatureReport signature, String id) {
        return signature.check(id).orElseThrow(() -> new AssertionError("no check " + id + " in " + signature));
    }

    /** Policy {@code baseline} with the CRLs a genuine signature needs (see {@link #genuineSignaturePassesUnderBaselineToo}). */
    static DocumentVerificationReport verifyBaseline(byte[] pdf) {
        PdfSignatureVerifier verifier = new PdfSignatureVerifier(
                cn.zhengyin.trust.validation.TrustAnchors.of(List.of(pki.root())),
                cn.zhengyin.trust.validation.RevocationSources.offline(
                        List.of(pki.issuingCaCrl(Map.of()), pki.rootCrl())),
                CLOCK,
                PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES);
        return assertTimeoutPreemptively(
                HANG_GUARD, () -> verifier.verify(pdf, cn.zhengyin.trust.validation.ValidationPolicy.BASELINE));
    }

    @Test
    void genuineSignaturePassesUnderBaselineToo() {
        assertThat(verifyBaseline(signed).indication()).isEqualTo(Indication.TOTAL_PASSED);
    }

    static void assertChangesRejected(DocumentVerificationReport report, String... mentioned) {
        SignatureReport signature = report.signatures().get(0);
        CheckResult changes = check(signature, PdfSignatureVerifier.CHANGES_AFTER_SIGNATURE);
        assertThat(changes.outcome()).as(changes.message()).isEqualTo(Outcome.FAILED);
        assertThat(changes.message()).contains(mentioned);
        // everything else about the signature is fine: only the revision analysis catches the attack
        assertThat(check(signature, PdfSignatureVerifier.MESSAGE_DIGEST).outcome())
                .isEqualTo(Outcome.PASSED);
        assertThat(check(signature, PdfSignatureVerifier.SIGNATURE_VALUE).outcome())
                .isEqualTo(Outcome.PASSED);
        assertThat(check(signature, PdfSignatureVerifier.BYTE_RANGE).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(signature.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(signature.subIndication()).isEqualTo(SubIndication.DISALLOWED_CHANGES);
        assertThat(report.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(report.isPassed()).isFalse();
    }

    // ------------------------------------------------------------------------------------------------ valid

    @Test
    void genuineSignatureHasNoLaterRevisionAndPasses() {
        DocumentVerificationReport report = verify(signed);
        assertThat(report.isPassed()).as(report.toString()).isTrue();
        assertThat(check(report.signatures().get(0), PdfSignatureVerifier.CHANGES_AFTER_SIGNATURE)
                        .message())
                .contains("No later revision");
    }

    @Test
    void secondApprovalSignatureIsAnAllowedChangeForTheFirst() {
        byte[] twice = corpus.sign(signed);
        DocumentVerificationReport report = verify(twice);
        assertThat(report.signatures()).hasSize(2);
        assertThat(report.isPassed()).as(report.toString()).isTrue();
        assertThat(check(report.signatures().get(0), PdfSignatureVerifier.CHANGES_AFTER_SIGNATURE)
                        .message())
                .contains("SIGNATURE");
    }

    @Test
    void secondVisibleSignatureIsAnAllowedChangeForTheFirst() {
        byte[] twice =
                corpus.sign(signed, Optional.of(new VisibleAppearance(0, 400, 80, 120, 120, TestPdfs.sealPng())));
        DocumentVerificationReport report = verify(twice);
        assertThat(report.isPassed()).as(report.toString()).isTrue();
    }

    @Test
    void dssAddedAfterTheSignatureIsAllowed() throws Exception {
        byte[] withDss =
                PdfAttackCorpus.dssAdded(signed, pki.signerCertificate().getEncoded());
        DocumentVerificationReport report = verify(withDss);
        SignatureReport signature = report.signatures().get(0);
        assertThat(check(signature, PdfSignatureVerifier.CHANGES_AFTER_SIGNATURE)
                        .outcome())
                .as(signature.toString())
                .isEqualTo(Outcome.PASSED);
        assertThat(signature.isPassed()).isTrue();
        // the file's last revision is unsigned validation data: the document-level coverage rule still applies
        assertThat(report.subIndication()).isIn(SubIndication.NONE, SubIndication.UNSIGNED_CHANGES);
    }

    // ------------------------------------------------------------------------------------------------ attacks

    /** Incremental saving attack: caught by {@code revisions.changes-after-signature} (page /Contents changed). */
    @Test
    void incrementalSavingAttackChangingPageTextFails() {
        assertThat(verifyBaseline(PdfAttackCorpus.incrementalSavingAttack(signed))
                        .indication())
                .isEqualTo(Indication.TOTAL_FAILED);
        assertChangesRejected(verify(PdfAttackCorpus.incrementalSavingAttack(signed)), "/Contents", "OTHER");
    }

    /** Shadow hide (overlay content appended to the page): caught by {@code revisions.changes-after-signature}. */
    @Test
    void shadowHideOverlayFails() {
        assertThat(verifyBaseline(PdfAttackCorpus.shadowHide(signed)).indication())
                .isEqualTo(Indication.TOTAL_FAILED);
        assertChangesRejected(verify(PdfAttackCorpus.shadowHide(signed)), "/Root/Pages/Kids[0]/Contents");
    }

    /** Shadow replace (the font object redefined): caught by {@code revisions.changes-after-signature}. */
    @Test
    void shadowReplaceOfTheFontFails() {
        assertThat(verifyBaseline(PdfAttackCorpus.shadowReplaceFont(signed)).indication())
                .isEqualTo(Indication.TOTAL_FAILED);
        assertChangesRejected(verify(PdfAttackCorpus.shadowReplaceFont(signed)), "/Font", "BaseFont");
    }

    /**
     * Shadow hide-and-replace (the xref re-points the signed content stream's object number at new content; no
     * dictionary changes at all): caught by {@code revisions.changes-after-signature} via the raw stream hash.
     */
    @Test
    void shadowHideAndReplaceOfTheContentStreamFails() {
        assertThat(verifyBaseline(PdfAttackCorpus.shadowHideAndReplace(signed)).indication())
                .isEqualTo(Indication.TOTAL_FAILED);
        assertChangesRejected(verify(PdfAttackCorpus.shadowHideAndReplace(signed)), "stream data changed");
    }

    /** An overlay annotation added after an approval signature: caught by {@code revisions.changes-after-signature}. */
    @Test
    void annotationAddedAfterApprovalSignatureFails() {
        assertThat(verifyBaseline(PdfAttackCorpus.annotationAdded(signed)).indication())
                .isEqualTo(Indication.TOTAL_FAILED);
        assertChangesRejected(verify(PdfAttackCorpus.annotationAdded(signed)), "Square", "ANNOTATION");
    }

    /** /OpenAction JavaScript added to the catalogue: caught by {@code revisions.changes-after-signature}. */
    @Test
    void openActionAddedToTheCatalogueFails() {
        assertThat(verifyBaseline(PdfAttackCorpus.openActionAdded(signed)).indication())
                .isEqualTo(Indication.TOTAL_FAILED);
        assertChangesRejected(verify(PdfAttackCorpus.openActionAdded(signed)), "/OpenAction");
    }

    /**
     * Signature wrapping: the final signature dictionary (with a forged /Reason) has a copy of the CMS in a second
     * /Contents; the ByteRange gap still holds the original. Caught by {@code byte-range}: the gap is not this
     * dictionary's /Contents in the raw file (a value comparison alone would pass).
     */
    @Test
    void signatureWrappingFailsAtByteRange() {
        DocumentVerificationReport report = verify(PdfAttackCorpus.signatureWrapping(signed));
        SignatureReport signature = report.signatures().get(0);
        CheckResult byteRange = check(signature, PdfSignatureVerifier.BYTE_RANGE);
        assertThat(byteRange.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(byteRange.message()).contains("signature wrapping");
        assertThat(signature.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(report.indication()).isEqualTo(Indication.TOTAL_FAILED);
    }

    /** Universal signature forgery, ByteRange variants: caught by {@code byte-range}. */
    @Test
    void universalSignatureForgeryWithBadOrMissingByteRangeFails() {
        int[] r = PdfAttackCorpus.byteRange(signed);
        List<byte[]> forgeries = List.of(
                PdfAttackCorpus.withoutByteRange(signed),
                PdfAttackCorpus.withByteRange(signed, "[0 0 0 0]"),
                PdfAttackCorpus.withByteRange(signed, "[0 " + r[1] + " " + r[2] + "]"),
                PdfAttackCorpus.withByteRange(signed, "[0 " + r[1] + " " + r[2] + " " + (r[3] - 40) + "]"),
                PdfAttackCorpus.withByteRange(signed, "[0 " + (r[1] - 10) + " " + r[2] + " " + r[3] + "]"),
                PdfAttackCorpus.withByteRange(signed, "[0 -1 " + r[2] + " " + r[3] + "]"),
                PdfAttackCorpus.withByteRange(signed, "[10 " + r[1] + " " + r[2] + " " + r[3] + "]"));
        for (byte[] forgery : forgeries) {
            DocumentVerificationReport report = verify(forgery);
            assertThat(report.isPassed()).isFalse();
            assertThat(report.indication()).isEqualTo(Indication.TOTAL_FAILED);
            SignatureReport signature = report.signatures().get(0);
            assertThat(check(signature, PdfSignatureVerifier.BYTE_RANGE).outcome())
                    .as(signature.toString())
                    .isEqualTo(Outcome.FAILED);
            assertThat(signature.subIndication()).isEqualTo(SubIndication.FORMAT_FAILURE);
        }
    }

    /** Universal signature forgery, /Contents variants (empty, zeros, random): caught by {@code cms.structure}. */
    @Test
    void universalSignatureForgeryWithEmptyZeroedOrRandomContentsFails() {
        java.util.Random random = new java.util.Random(7);
        String hex = "0123456789ABCDEF";
        List<byte[]> forgeries = List.of(
                PdfAttackCorpus.withEmptyContents(signed),
                PdfAttackCorpus.withContentsHex(signed, i -> '0'),
                PdfAttackCorpus.withContentsHex(signed, i -> hex.charAt(random.nextInt(16))));
        for (byte[] forgery : forgeries) {
            DocumentVerificationReport report = verify(forgery);
            assertThat(report.indication()).isEqualTo(Indication.TOTAL_FAILED);
            SignatureReport signature = report.signatures().get(0);
            assertThat(signature.subIndication())
                    .as(signature.toString())
                    .isIn(SubIndication.FORMAT_FAILURE, SubIndication.SIG_CRYPTO_FAILURE);
            assertThat(signature.isPassed()).isFalse();
        }
    }

    /**
     * Non-zero bytes hidden after the CMS in /Contents: caught by {@code cms.structure} (the padding rule); a DER
     * reader that stops after the first object would accept it.
     */
    @Test
    void trailingGarbageAfterTheCmsInContentsFails() {
        DocumentVerificationReport report = verify(PdfAttackCorpus.withContentsTrailingGarbage(signed, cmsLength));
        SignatureReport signature = report.signatures().get(0);
        CheckResult cms = check(signature, PdfSignatureVerifier.CMS_STRUCTURE);
        assertThat(cms.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(cms.message()).contains("not zero padding");
        assertThat(signature.subIndication()).isEqualTo(SubIndication.FORMAT_FAILURE);
    }

    // ------------------------------------------------------------------------------------------------ DocMDP

    /** P=1 forbids even a later signature: caught by {@code revisions.changes-after-signature}. */
    @Test
    void certificationNoChangesForbidsALaterSignature() {
        byte[] certified = corpus.certify(TestPdfs.onePage(PdfAttackCorpus.SIGNED_TEXT), 1);
        assertThat(verify(certified).isPassed()).isTrue();
        DocumentVerificationReport report = verify(corpus.sign(certified));
        SignatureReport certification = report.signatures().get(0);
        assertThat(check(certification, PdfSignatureVerifier.CERTIFICATION).message())
                .contains("P=1");
        CheckResult changes = check(certification, PdfSignatureVerifier.CHANGES_AFTER_SIGNATURE);
        assertThat(changes.outcome()).as(changes.message()).isEqualTo(Outcome.FAILED);
        assertThat(changes.message()).contains("SIGNATURE", "DocMDP P=1");
        assertThat(report.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(report.signatures().get(1).isPassed()).isTrue();
    }

    /** P=1 still allows validation data (ISO 32000-2 §12.8.2.2.2). */
    @Test
    void certificationNoChangesAllowsDss() throws Exception {
        byte[] certified = corpus.certify(TestPdfs.onePage(PdfAttackCorpus.SIGNED_TEXT), 1);
        DocumentVerificationReport report = verify(
                PdfAttackCorpus.dssAdded(certified, pki.signerCertificate().getEncoded()));
        assertThat(check(report.signatures().get(0), PdfSignatureVerifier.CHANGES_AFTER_SIGNATURE)
                        .outcome())
                .isEqualTo(Outcome.PASSED);
    }

    @Test
    void certificationFormFillAllowsALaterSignature() {
        byte[] certified = corpus.certify(TestPdfs.onePage(PdfAttackCorpus.SIGNED_TEXT), 2);
        DocumentVerificationReport report = verify(corpus.sign(certified));
        assertThat(report.isPassed()).as(report.toString()).isTrue();
    }

    /** P=2 forbids annotations: caught by {@code revisions.changes-after-signature}; P=3 allows them. */
    @Test
    void annotationsNeedCertificationLevelThree() {
        byte[] p2 = PdfAttackCorpus.annotationAdded(corpus.certify(TestPdfs.onePage(PdfAttackCorpus.SIGNED_TEXT), 2));
        assertChangesRejected(verify(p2), "ANNOTATION", "DocMDP P=2");
        byte[] p3 = PdfAttackCorpus.annotationAdded(corpus.certify(TestPdfs.onePage(PdfAttackCorpus.SIGNED_TEXT), 3));
        assertThat(check(verify(p3).signatures().get(0), PdfSignatureVerifier.CHANGES_AFTER_SIGNATURE)
                        .outcome())
                .isEqualTo(Outcome.PASSED);
    }

    /** A certification added after an approval signature: caught by {@code revisions.certification}. */
    @Test
    void certificationThatIsNotTheFirstSignatureFails() {
        DocumentVerificationReport report = verify(corpus.certify(signed, 3));
        SignatureReport certification = report.signatures().get(1);
        CheckResult check = check(certification, PdfSignatureVerifier.CERTIFICATION);
        assertThat(check.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(check.message()).contains("only the first signature");
        assertThat(certification.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(report.isPassed()).isFalse();
    }

    /** Two certification signatures: the second is caught by {@code revisions.certification}. */
    @Test
    void twoCertificationSignaturesFail() {
        byte[] certified = corpus.certify(TestPdfs.onePage(PdfAttackCorpus.SIGNED_TEXT), 2);
        DocumentVerificationReport report = verify(corpus.certify(certified, 2));
        assertThat(check(report.signatures().get(1), PdfSignatureVerifier.CERTIFICATION)
                        .message())
                .contains("2 certification signature(s)");
        assertThat(report.indication()).isEqualTo(Indication.TOTAL_FAILED);
    }
}
