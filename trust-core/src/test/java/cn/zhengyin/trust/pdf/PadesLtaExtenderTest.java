package cn.zhengyin.trust.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.testing.TestPki;
import cn.zhengyin.trust.timestamp.InProcessTimestampSource;
import cn.zhengyin.trust.timestamp.TimestampSource;
import cn.zhengyin.trust.validation.CheckResult;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.Outcome;
import cn.zhengyin.trust.validation.SignatureReport;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;

/**
 * PAdES-BASELINE-LTA production (ETSI EN 319 142-1 §6.5): signature, DSS update, document time-stamp, and archive
 * renewal; our own verifier accepts the layout offline years later with only the root. (That EU DSS classifies the
 * result as LTA is checked in interop-tests, LongTermValidationInteropIT.)
 */
class PadesLtaExtenderTest {

    static final Clock STAMPED =
            Clock.fixed(PadesLongTermValidationTest.NOW.plus(Duration.ofMinutes(1)), ZoneOffset.UTC);

    static TestPki pki() {
        if (PadesLongTermValidationTest.pki == null) {
            PadesLongTermValidationTest.signOnce();
        }
        return PadesLongTermValidationTest.pki;
    }

    static PadesLongTermValidationTest.CrlsByIssuer crls() {
        return new PadesLongTermValidationTest.CrlsByIssuer(pki().issuingCaCrl(Map.of()), pki().rootCrl());
    }

    /** Counts the tokens asked for (the probe included). */
    static final class CountingTsa implements TimestampSource {
        final TimestampSource tsa = new InProcessTimestampSource(pki().timestampAuthority(STAMPED));
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public TimeStampToken timestamp(byte[] sha256Imprint) {
            calls.incrementAndGet();
            return tsa.timestamp(sha256Imprint);
        }
    }

    @Test
    void theSignatureIsFollowedByADssUpdateAndADocumentTimestampOverTheWholeFile() throws Exception {
        byte[] signed = PadesLongTermValidationTest.signedPdf;
        byte[] lta = new PadesLtaExtender(crls(), new CountingTsa(), PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES)
                .extend(signed);

        assertThat(Arrays.copyOf(lta, signed.length)).isEqualTo(signed);
        assertThat(PdfRevisionChecks.revisionEnds(lta))
                .hasSize(PdfRevisionChecks.revisionEnds(signed).size() + 2);
        try (PDDocument document = Loader.loadPDF(lta)) {
            List<PDSignature> signatures = document.getSignatureDictionaries();
            assertThat(signatures).hasSize(2);
            PDSignature timestamp = signatures.get(1);
            assertThat(timestamp.getCOSObject().getCOSName(COSName.TYPE)).isEqualTo(COSName.DOC_TIME_STAMP);
            assertThat(timestamp.getSubFilter()).isEqualTo("ETSI.RFC3161");
            int[] range = timestamp.getByteRange();
            assertThat((long) range[2] + range[3])
                    .as("the time-stamp covers the whole file")
                    .isEqualTo(lta.length);
            // the placeholder is sized from the real token: little zero padding left
            byte[] contents = timestamp.getContents();
            int used = LtvCollector.firstObject(contents).getEncoded().length;
            assertThat(contents.length - used).isBetween(0, 2 * PadesLtaExtender.TOKEN_MARGIN_BYTES);
            EmbeddedValidationData dss = EmbeddedValidationData.from(document);
            assertThat(dss.dssPresent()).isTrue();
            assertThat(dss.hasVriFor(signatures.get(0).getContents())).isTrue();
        }
        // the DSS update holds only validation data: no page, no signature
        int dssEnd = PdfRevisionChecks.revisionEnds(lta)
                .get(PdfRevisionChecks.revisionEnds(signed).size())
                .intValue();
        String update = new String(lta, signed.length, dssEnd - signed.length, StandardCharsets.ISO_8859_1);
        assertThat(update).contains("/DSS").doesNotContain("/ByteRange").doesNotContain("/Type /Page ");
    }

    @Test
    void ourVerifierPassesTheLtaFileOfflineYearsLaterWithOnlyTheRoot() {
        byte[] lta = new PadesLtaExtender(crls(), new CountingTsa(), PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES)
                .extend(PadesLongTermValidationTest.signedPdf);

        for (Clock clock : List.of(STAMPED, PadesLongTermValidationTest.YEARS_LATER)) {
            DocumentVerificationReport report =
                    PadesLongTermValidationTest.offlineVerifier(clock).verify(lta);

            assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_PASSED);
            assertThat(report.signatures()).hasSize(2);
            SignatureReport seal = report.signatures().get(0);
            assertThat(seal.check(PdfSignatureVerifier.CHANGES_AFTER_SIGNATURE))
                    .map(CheckResult::outcome)
                    .contains(Outcome.PASSED);
            assertThat(seal.check(PdfSignatureVerifier.REVOCATION_EMBEDDED))
                    .map(CheckResult::outcome)
                    .contains(Outcome.PASSED);
            assertThat(report.signatures().get(1).coversWholeDocument()).isTrue();
        }
    }

    @Test
    void renewalAddsASecondDocumentTimestampAndStillVerifies() throws Exception {
        CountingTsa tsa = new CountingTsa();
        PadesLtaExtender extender = new PadesLtaExtender(crls(), tsa, PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES);
        byte[] lta = extender.extend(PadesLongTermValidationTest.signedPdf);
        int afterFirst = tsa.calls.get();

        byte[] renewed = extender.renew(lta);

        assertThat(tsa.calls.get() - afterFirst)
                .as("one token per renewal, no probe")
                .isEqualTo(1);
        assertThat(Arrays.copyOf(renewed, lta.length)).isEqualTo(lta);
        try (PDDocument document = Loader.loadPDF(renewed)) {
            List<PDSignature> signatures = document.getSignatureDictionaries();
            assertThat(signatures).hasSize(3);
            assertThat(signatures.get(2).getCOSObject().getCOSName(COSName.TYPE))
                    .isEqualTo(COSName.DOC_TIME_STAMP);
            assertThat(EmbeddedValidationData.from(document)
                            .hasVriFor(signatures.get(1).getContents()))
                    .isFalse(); // same TSA, same CRLs: nothing new to add, so no DSS update and no VRI entry
        }
        DocumentVerificationReport report = PadesLongTermValidationTest.offlineVerifier(
                        PadesLongTermValidationTest.YEARS_LATER)
                .verify(renewed);
        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(report.signatures()).hasSize(3);
    }

    @Test
    void renewalWithAFreshCrlAddsItBeforeTheNewTimestamp() throws Exception {
        PadesLtaExtender first =
                new PadesLtaExtender(crls(), new CountingTsa(), PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES);
        byte[] lta = first.extend(PadesLongTermValidationTest.signedPdf);
        // a month later the CA has issued a new CRL
        PadesLongTermValidationTest.CrlsByIssuer fresh = new PadesLongTermValidationTest.CrlsByIssuer(
                pki().issuingCaCrl(Map.of(java.math.BigInteger.valueOf(424242), PadesLongTermValidationTest.NOW)),
                pki().rootCrl());

        byte[] renewed = new PadesLtaExtender(fresh, new CountingTsa(), PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES)
                .renew(lta);

        try (PDDocument document = Loader.loadPDF(renewed)) {
            EmbeddedValidationData dss = EmbeddedValidationData.from(document);
            List<PDSignature> signatures = document.getSignatureDictionaries();
            assertThat(dss.hasVriFor(signatures.get(1).getContents()))
                    .as("the previous document time-stamp's validation data")
                    .isTrue();
            assertThat(dss.summary()).contains("4 CRL(s)"); // both CAs issued a new CRL since
        }
        assertThat(PadesLongTermValidationTest.offlineVerifier(PadesLongTermValidationTest.YEARS_LATER)
                        .verify(renewed)
                        .indication())
                .isEqualTo(Indication.TOTAL_PASSED);
    }

    @Test
    void anUnsignedPdfCannotBeArchived() {
        assertThatThrownBy(() -> new PadesLtaExtender(
                                crls(), new CountingTsa(), PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES)
                        .extend(cn.zhengyin.trust.testing.TestPdfs.onePage("unsigned")))
                .isInstanceOf(PdfSigningException.class)
                .hasMessageContaining("no signature");
        assertThatThrownBy(() -> new PadesLtaExtender(
                                crls(), new CountingTsa(), PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES)
                        .extend(new byte[0]))
                .isInstanceOf(PdfSigningException.class);
    }
}
