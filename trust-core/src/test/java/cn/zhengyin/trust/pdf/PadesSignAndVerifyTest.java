package cn.zhengyin.trust.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.cms.CadesDigestSigner;
import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.testing.TestPdfs;
import cn.zhengyin.trust.testing.TestPki;
import cn.zhengyin.trust.timestamp.InProcessTimestampSource;
import cn.zhengyin.trust.timestamp.TimestampVerifier;
import cn.zhengyin.trust.validation.CheckResult;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.Outcome;
import cn.zhengyin.trust.validation.RevocationPolicy;
import cn.zhengyin.trust.validation.SignatureReport;
import cn.zhengyin.trust.validation.SubIndication;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PadesSignAndVerifyTest {

    static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static TestPki pki;
    static CadesDigestSigner signer;
    static PadesPreparer preparer = new PadesPreparer(PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES);
    static byte[] signedPdf;
    static int cmsLength;

    @BeforeAll
    static void signOnce() {
        pki = TestPki.create(NOW);
        signer = new CadesDigestSigner(new InProcessTimestampSource(pki.timestampAuthority(CLOCK)));
        signedPdf = sign(pki.signerKey(), TestPdfs.onePage("Business licence 123"), Optional.empty());
    }

    static byte[] sign(SigningKey key, byte[] pdf, Optional<VisibleAppearance> appearance) {
        int reserved = SignatureRequest.estimateContentsBytes(
                key.certificateChain(), pki.tsaKey().certificateChain());
        PadesPreparation preparation = preparer.prepare(
                pdf, new SignatureRequest("Test Bureau", "Licence issued", "Beijing", NOW, appearance, reserved));
        byte[] cms = signer.sign(preparation.digest(), key);
        cmsLength = cms.length;
        return preparation.complete(cms);
    }

    PdfSignatureVerifier verifier(List<X509CRL> crls) {
        return new PdfSignatureVerifier(Set.of(pki.root()), crls, CLOCK);
    }

    List<X509CRL> cleanCrls() {
        return List.of(pki.issuingCaCrl(Map.of()), pki.rootCrl());
    }

    @Test
    void signedPdfVerifiesTotalPassedWithEveryCheckPassed() {
        DocumentVerificationReport report = verifier(cleanCrls()).verify(signedPdf);

        assertThat(report.indication()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(report.subIndication()).isEqualTo(SubIndication.NONE);
        assertThat(report.isPassed()).isTrue();
        assertThat(report.validationTime()).isEqualTo(NOW);
        // B-T file (no DSS): the long-term validation checks report what is absent (PadesLongTermValidationTest)
        assertThat(report.documentChecks())
                .filteredOn(c -> !c.id().equals(PdfSignatureVerifier.LTV_DSS_PRESENT))
                .extracting(CheckResult::outcome)
                .containsOnly(Outcome.PASSED);
        assertThat(report.signatures()).hasSize(1);
        SignatureReport signature = report.signatures().get(0);
        assertThat(signature.checks())
                .filteredOn(c -> !c.id().equals(PdfSignatureVerifier.REVOCATION_EMBEDDED))
                .allSatisfy(c -> assertThat(c.outcome()).as(c.toString()).isEqualTo(Outcome.PASSED));
        assertThat(signature.checks())
                .extracting(CheckResult::id)
                .contains(
                        PdfSignatureVerifier.BYTE_RANGE,
                        PdfSignatureVerifier.MESSAGE_DIGEST,
                        PdfSignatureVerifier.SIGNATURE_VALUE,
                        PdfSignatureVerifier.SIGNING_CERTIFICATE,
                        PdfSignatureVerifier.KEY_USAGE,
                        PdfSignatureVerifier.CHAIN,
                        PdfSignatureVerifier.REVOCATION,
                        TimestampVerifier.IMPRINT,
                        TimestampVerifier.TSA_KEY_USAGE,
                        TimestampVerifier.CHAIN,
                        PdfSignatureVerifier.SIGNER_VALIDITY);
        assertThat(signature.coversWholeDocument()).isTrue();
        assertThat(signature.timestampTime()).contains(NOW);
        assertThat(signature.signingTime()).contains(NOW);
        assertThat(signature.signerSubject())
                .hasValueSatisfying(s -> assertThat(s).contains("CN=Test Seal"));
        assertThat(signature.signerSerial())
                .contains(pki.signerCertificate().getSerialNumber().toString(16));
    }

    @Test
    void reservesRealisticSpaceNotPdfboxDefault() {
        int reserved = SignatureRequest.estimateContentsBytes(
                pki.signerKey().certificateChain(), pki.tsaKey().certificateChain());
        assertThat(cmsLength).isLessThan(reserved);
        assertThat(reserved)
                .isLessThan(
                        org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions.DEFAULT_SIGNATURE_SIZE);
        System.out.printf(
                "CMS %d bytes, reserved %d bytes, signed PDF %d bytes%n", cmsLength, reserved, signedPdf.length);
    }

    @Test
    void withoutCrlsRevocationIsReportedNotCheckedAndPolicyDecides() {
        DocumentVerificationReport lenient = verifier(List.of()).verify(signedPdf);
        assertThat(lenient.isPassed()).isTrue();
        assertThat(lenient.signatures().get(0).check(PdfSignatureVerifier.REVOCATION))
                .hasValueSatisfying(c -> assertThat(c.outcome()).isEqualTo(Outcome.NOT_CHECKED));

        DocumentVerificationReport strict = new PdfSignatureVerifier(
                        Set.of(pki.root()),
                        List.of(),
                        RevocationPolicy.REQUIRE,
                        CLOCK,
                        PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES)
                .verify(signedPdf);
        assertThat(strict.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(strict.subIndication()).isEqualTo(SubIndication.TRY_LATER);
    }

    @Test
    void oneByteChangedInSignedRangeIsHashFailure() {
        byte[] tampered = signedPdf.clone();
        int index = indexOf(tampered, "Business licence 123");
        if (index < 0) {
            // content stream may be compressed: change a byte early in the file body instead
            index = 20;
        } else {
            index += "Business licence ".length();
        }
        tampered[index] = (byte) (tampered[index] == '9' ? '8' : '9');

        DocumentVerificationReport report = verifier(cleanCrls()).verify(tampered);

        assertThat(report.isPassed()).isFalse();
        assertThat(report.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(report.subIndication()).isEqualTo(SubIndication.HASH_FAILURE);
        assertThat(report.signatures().get(0).check(PdfSignatureVerifier.MESSAGE_DIGEST))
                .hasValueSatisfying(c -> assertThat(c.outcome()).isEqualTo(Outcome.FAILED));
    }

    @Test
    void bytesAppendedAfterSigningAreNotPassed() {
        byte[] appended = concat(signedPdf, "\n% appended after signing\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));

        DocumentVerificationReport report = verifier(cleanCrls()).verify(appended);

        assertThat(report.isPassed()).isFalse();
        // a comment ending in %%EOF is not a revision (no cross-reference section): appended data, FORMAT_FAILURE
        assertThat(report.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(report.subIndication()).isEqualTo(SubIndication.FORMAT_FAILURE);
        assertThat(report.documentChecks())
                .filteredOn(c -> c.id().equals(PdfSignatureVerifier.DOCUMENT_TRAILING_DATA))
                .extracting(CheckResult::outcome)
                .containsExactly(Outcome.FAILED);
        assertThat(report.signatures().get(0).isPassed()).isTrue();
        assertThat(report.signatures().get(0).coversWholeDocument()).isFalse();
        assertThat(report.documentChecks())
                .filteredOn(c -> c.id().equals(PdfSignatureVerifier.DOCUMENT_COVERAGE))
                .extracting(CheckResult::outcome)
                .containsExactly(Outcome.FAILED);
    }

    @Test
    void untrustedAnchorIsIndeterminateNoCertificateChainFound() {
        TestPki other = TestPki.create(NOW, "Other");
        DocumentVerificationReport report =
                new PdfSignatureVerifier(Set.of(other.root()), List.of(), CLOCK).verify(signedPdf);

        assertThat(report.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(report.subIndication()).isEqualTo(SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
        assertThat(report.signatures().get(0).check(PdfSignatureVerifier.CHAIN))
                .hasValueSatisfying(c -> assertThat(c.outcome()).isEqualTo(Outcome.FAILED));
    }

    @Test
    void signerRevokedBeforeSigningIsTotalFailedRevoked() {
        X509CRL crl =
                pki.issuingCaCrl(Map.of(pki.signerCertificate().getSerialNumber(), NOW.minus(Duration.ofHours(1))));

        DocumentVerificationReport report =
                verifier(List.of(crl, pki.rootCrl())).verify(signedPdf);

        assertThat(report.isPassed()).isFalse();
        assertThat(report.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(report.subIndication()).isEqualTo(SubIndication.REVOKED);
    }

    @Test
    void signerRevokedAfterTheTimestampStillPassesWithWarning() {
        X509CRL crl =
                pki.issuingCaCrl(Map.of(pki.signerCertificate().getSerialNumber(), NOW.plus(Duration.ofHours(1))));

        DocumentVerificationReport report =
                verifier(List.of(crl, pki.rootCrl())).verify(signedPdf);

        assertThat(report.isPassed()).isTrue();
        assertThat(report.signatures().get(0).check(PdfSignatureVerifier.REVOCATION))
                .hasValueSatisfying(c -> assertThat(c.outcome()).isEqualTo(Outcome.WARNING));
    }

    @Test
    void signerWithoutSignatureKeyUsageIsNotPassed() {
        SigningKey key = pki.issueKey(
                "no-signing-usage",
                TestPki.Role.SIGNER_WITHOUT_SIGNATURE_USAGE,
                NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30)));
        byte[] pdf = sign(key, TestPdfs.onePage("x"), Optional.empty());

        DocumentVerificationReport report = verifier(cleanCrls()).verify(pdf);

        assertThat(report.subIndication()).isEqualTo(SubIndication.CHAIN_CONSTRAINTS_FAILURE);
    }

    @Test
    void nonPdfEmptyAndTruncatedInputAreCleanFormatFailures() {
        PdfSignatureVerifier verifier = verifier(List.of());
        byte[] truncated = Arrays.copyOf(signedPdf, signedPdf.length / 2);
        for (byte[] input : List.of(
                new byte[0],
                "hello, not a pdf".getBytes(StandardCharsets.US_ASCII),
                truncated,
                "%PDF-1.7\ngarbage\n%%EOF".getBytes(StandardCharsets.US_ASCII))) {
            DocumentVerificationReport report = verifier.verify(input);
            assertThat(report.indication())
                    .as(report.documentChecks().toString())
                    .isIn(Indication.TOTAL_FAILED, Indication.INDETERMINATE);
            assertThat(report.subIndication())
                    .as(report.documentChecks().toString())
                    .isIn(SubIndication.FORMAT_FAILURE, SubIndication.SIGNED_DATA_NOT_FOUND);
            assertThat(report.isPassed()).isFalse();
        }
        assertThat(verifier.verify(new byte[0]).subIndication()).isEqualTo(SubIndication.FORMAT_FAILURE);
        assertThat(verifier.verify("hello".getBytes(StandardCharsets.US_ASCII)).subIndication())
                .isEqualTo(SubIndication.FORMAT_FAILURE);
        assertThat(verifier.verify(truncated).subIndication()).isEqualTo(SubIndication.FORMAT_FAILURE);
    }

    @Test
    void unsignedPdfIsNotPassed() {
        DocumentVerificationReport report = verifier(List.of()).verify(TestPdfs.onePage("unsigned"));
        assertThat(report.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(report.subIndication()).isEqualTo(SubIndication.SIGNED_DATA_NOT_FOUND);
    }

    @Test
    void visibleSealSignatureVerifiesAndHasAWidgetOnThePage() throws Exception {
        byte[] pdf = sign(
                pki.signerKey(),
                TestPdfs.onePage("visible"),
                Optional.of(new VisibleAppearance(0, 400, 80, 120, 120, TestPdfs.sealPng())));

        assertThat(verifier(cleanCrls()).verify(pdf).isPassed()).isTrue();
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            var field = document.getSignatureFields().get(0);
            var widget = field.getWidgets().get(0);
            assertThat(widget.getRectangle().getWidth()).isEqualTo(120f);
            assertThat(widget.getAppearance().getNormalAppearance()).isNotNull();
            assertThat(document.getPage(0).getAnnotations()).isNotEmpty();
        }
    }

    @Test
    void theSealAppearanceIsMadeOncePerImageAndRectangleAndEveryDocumentStillVerifies() throws Exception {
        byte[] seal = TestPdfs.sealPng();
        byte[] first = sign(
                pki.signerKey(),
                TestPdfs.onePage("first"),
                Optional.of(new VisibleAppearance(0, 400, 80, 120, 120, seal)));
        byte[] second = sign(
                pki.signerKey(),
                TestPdfs.onePage("second"),
                Optional.of(new VisibleAppearance(0, 400, 80, 120, 120, seal)));
        byte[] otherImage = sign(
                pki.signerKey(),
                TestPdfs.onePage("third"),
                Optional.of(new VisibleAppearance(0, 400, 80, 120, 120, bluePng())));
        byte[] otherPlace = sign(
                pki.signerKey(),
                TestPdfs.onePage("fourth"),
                Optional.of(new VisibleAppearance(0, 100, 100, 60, 60, seal)));

        for (byte[] pdf : List.of(first, second, otherImage, otherPlace)) {
            assertThat(verifier(cleanCrls()).verify(pdf).isPassed()).isTrue();
        }
        assertThat(sealImageStream(second)).isEqualTo(sealImageStream(first));
        assertThat(sealImageStream(otherImage)).isNotEqualTo(sealImageStream(first));
        try (var document = org.apache.pdfbox.Loader.loadPDF(otherPlace)) {
            var widget = document.getSignatureFields().get(0).getWidgets().get(0);
            assertThat(widget.getRectangle().getLowerLeftX()).isEqualTo(100f);
            assertThat(widget.getRectangle().getWidth()).isEqualTo(60f);
        }
    }

    /** The encoded bytes of the image drawn by the signature widget's normal appearance. */
    static byte[] sealImageStream(byte[] pdf) throws Exception {
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            var appearance = document.getSignatureFields()
                    .get(0)
                    .getWidgets()
                    .get(0)
                    .getAppearance()
                    .getNormalAppearance()
                    .getAppearanceStream();
            var resources = appearance.getResources();
            var name = resources.getXObjectNames().iterator().next();
            var image = (org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject) resources.getXObject(name);
            try (var in = image.getCOSObject().createRawInputStream()) {
                return in.readAllBytes();
            }
        }
    }

    static byte[] bluePng() throws Exception {
        var image = new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        var g = image.createGraphics();
        g.setColor(java.awt.Color.BLUE);
        g.fillOval(4, 4, 56, 56);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void aCmsLargerThanTheEstimateIsSignedOnceMoreWithRoomForItAndTheNextFitsAtOnce() {
        // the estimate knows only the seal's certificate; the CMS carries its CA and the TSA's chain as well
        List<java.security.cert.X509Certificate> leafOnly =
                List.of(pki.signerKey().certificateChain().getFirst());
        ContentsReservation reservation = new ContentsReservation();
        int firstReservation = reservation.reserveFor("seal-1", leafOnly);
        List<Integer> reserved = new java.util.ArrayList<>();
        java.util.function.IntFunction<PadesPreparation> prepare = bytes -> {
            reserved.add(bytes);
            return preparer.prepare(
                    TestPdfs.onePage("Business licence 456"),
                    new SignatureRequest("Test Bureau", "Licence issued", "", NOW, Optional.empty(), bytes));
        };
        java.util.function.UnaryOperator<byte[]> sign = digest -> signer.sign(digest, pki.signerKey());

        byte[] pdf = reservation.sign("seal-1", leafOnly, prepare, sign);

        assertThat(reserved).hasSize(2);
        assertThat(reserved.get(0)).isEqualTo(firstReservation);
        assertThat(reserved.get(1)).isGreaterThan(firstReservation);
        assertThat(verifier(cleanCrls()).verify(pdf).indication()).isEqualTo(Indication.TOTAL_PASSED);
        reserved.clear();
        assertThat(verifier(cleanCrls())
                        .verify(reservation.sign("seal-1", leafOnly, prepare, sign))
                        .indication())
                .isEqualTo(Indication.TOTAL_PASSED);
        assertThat(reserved).as("learnt: one preparation").hasSize(1);
        // another signer starts from its own estimate
        assertThat(reservation.reserveFor("seal-2", leafOnly)).isEqualTo(firstReservation);
    }

    @Test
    void cmsLargerThanTheReservedSpaceFailsClearly() {
        PadesPreparation preparation = preparer.prepare(
                TestPdfs.onePage("small"), new SignatureRequest("a", "b", "c", NOW, Optional.empty(), 600));
        byte[] cms = signer.sign(preparation.digest(), pki.signerKey());
        assertThatThrownBy(() -> preparation.complete(cms))
                .isInstanceOf(PdfSigningException.class)
                .hasMessageContaining("600 bytes were reserved");
    }

    @Test
    void preparingSomethingThatIsNotAPdfFailsClearly() {
        assertThatThrownBy(() -> preparer.prepare(
                        "nope".getBytes(StandardCharsets.US_ASCII),
                        new SignatureRequest("a", "b", "c", NOW, Optional.empty(), 4096)))
                .isInstanceOf(PdfSigningException.class);
    }

    @Test
    void popplerPdfsigAcceptsTheSignature(@TempDir Path dir) throws Exception {
        Path pdfsig = Path.of("/usr/bin/pdfsig");
        Assumptions.assumeTrue(Files.isExecutable(pdfsig), "pdfsig (poppler-utils) not installed");
        Path file = dir.resolve("signed.pdf");
        Files.write(file, signedPdf);
        Process process = new ProcessBuilder(pdfsig.toString(), file.toString())
                .redirectErrorStream(true)
                .start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("Signature is Valid").contains("Total document signed");
    }

    static int indexOf(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).indexOf(needle);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }
}
