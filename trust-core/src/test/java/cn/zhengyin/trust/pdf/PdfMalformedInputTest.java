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
import cn.zhengyin.trust.validation.SubIndication;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed input gets a clean report within bounded time and memory: no exception escapes, nothing hangs. The
 * timeouts are hang guards, not performance targets.
 */
class PdfMalformedInputTest {

    static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Duration HANG_GUARD = Duration.ofSeconds(20);
    static TestPki pki;
    static PdfAttackCorpus corpus;
    static byte[] signed;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create(NOW);
        CadesDigestSigner signer = new CadesDigestSigner(new InProcessTimestampSource(pki.timestampAuthority(CLOCK)));
        corpus = new PdfAttackCorpus(
                signer,
                pki.signerKey(),
                SignatureRequest.estimateContentsBytes(
                        pki.signerKey().certificateChain(), pki.tsaKey().certificateChain()),
                NOW);
        signed = corpus.signedOnePage();
    }

    static DocumentVerificationReport verify(byte[] pdf) {
        PdfSignatureVerifier verifier = new PdfSignatureVerifier(Set.of(pki.root()), List.of(), CLOCK);
        return assertTimeoutPreemptively(HANG_GUARD, () -> verifier.verify(pdf));
    }

    static void assertCleanFailure(DocumentVerificationReport report) {
        assertThat(report.isPassed()).isFalse();
        assertThat(report.subIndication())
                .as(report.documentChecks().toString())
                .isIn(SubIndication.FORMAT_FAILURE, SubIndication.SIGNED_DATA_NOT_FOUND);
    }

    @Test
    void truncatedSignedPdfIsAFormatFailure() {
        for (int cut : new int[] {10, signed.length / 3, signed.length - 20}) {
            assertCleanFailure(verify(Arrays.copyOf(signed, cut)));
        }
    }

    @Test
    void brokenCrossReferenceIsRepairedOrReportedNeverPassedWrongly() {
        DocumentVerificationReport report = verify(PdfAttackCorpus.brokenXref(signed));
        // PDFBox may rebuild the xref; the bytes still differ from the signed ones in the signed range
        assertThat(report.isPassed()).isFalse();
        assertThat(report.indication()).isIn(Indication.TOTAL_FAILED, Indication.INDETERMINATE);
    }

    @Test
    void deeplyNestedArraysDoNotOverflowTheStack() {
        DocumentVerificationReport report = verify(PdfAttackCorpus.deeplyNested(100_000));
        assertCleanFailure(report);
    }

    @Test
    void randomBytesBetweenHeaderAndEofAreAFormatFailure() {
        for (long seed = 1; seed <= 5; seed++) {
            assertCleanFailure(verify(PdfAttackCorpus.randomBytes(seed, 50_000)));
        }
    }

    /** 10,000 pages, signed: verification compares objects, never renders, and passes. */
    @Test
    void tenThousandPageSignedPdfVerifiesQuickly() {
        byte[] pages = PdfAttackCorpus.manyPages(10_000);
        byte[] signedPages = corpus.sign(pages);
        DocumentVerificationReport report = verify(signedPages);
        assertThat(report.isPassed()).as(report.toString()).isTrue();
        // and a second signature makes the revision analysis walk all 10,000 pages in both revisions
        DocumentVerificationReport twice = verify(corpus.sign(signedPages));
        assertThat(twice.isPassed()).as(twice.toString()).isTrue();
    }

    /**
     * A content stream that inflates to 512 MiB (8 times the verifier's 64 MiB stream cache): signing and verification never decode it (the revision analysis
     * hashes raw stream bytes), so both finish in bounded memory.
     */
    @Test
    void compressionBombIsNeverInflated() {
        byte[] bomb = PdfAttackCorpus.compressionBomb(512L << 20);
        assertThat(bomb.length).isLessThan(1 << 20);
        DocumentVerificationReport unsigned = verify(bomb);
        assertThat(unsigned.subIndication()).isEqualTo(SubIndication.SIGNED_DATA_NOT_FOUND);
        byte[] signedBomb = corpus.sign(bomb);
        DocumentVerificationReport report = verify(corpus.sign(signedBomb));
        assertThat(report.isPassed()).as(report.toString()).isTrue();
        CheckResult changes = report.signatures()
                .get(0)
                .check(PdfSignatureVerifier.CHANGES_AFTER_SIGNATURE)
                .orElseThrow();
        assertThat(changes.outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void emptyAndTinyInputsAreFormatFailures() {
        for (String text : List.of("", "%PDF-", "%PDF-1.7\n%%EOF", "%PDF-1.7\ntrailer << /Root 1 0 R >>\n%%EOF")) {
            assertCleanFailure(verify(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        }
        assertThat(verify(TestPdfs.onePage("x")).subIndication()).isEqualTo(SubIndication.SIGNED_DATA_NOT_FOUND);
    }
}
