package cn.zhengyin.trust.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import cn.zhengyin.trust.cms.CadesDigestSigner;
import cn.zhengyin.trust.testing.TestPdfs;
import cn.zhengyin.trust.testing.TestPki;
import cn.zhengyin.trust.timestamp.InProcessTimestampSource;
import cn.zhengyin.trust.timestamp.TimestampVerifier;
import cn.zhengyin.trust.validation.CheckResult;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.Outcome;
import cn.zhengyin.trust.validation.RevocationPolicy;
import cn.zhengyin.trust.validation.RevocationSource;
import cn.zhengyin.trust.validation.SignatureReport;
import cn.zhengyin.trust.validation.SubIndication;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.security.auth.x500.X500Principal;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PadesLongTermValidationTest {

    static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** Years later: the signer and TSA certificates have long expired, the CRLs too. */
    static final Clock YEARS_LATER = Clock.fixed(NOW.plus(Duration.ofDays(8 * 365)), ZoneOffset.UTC);

    static TestPki pki;
    static byte[] signedPdf;

    @BeforeAll
    static void signOnce() {
        pki = TestPki.create(NOW);
        signedPdf = sign();
    }

    static byte[] sign() {
        CadesDigestSigner signer = new CadesDigestSigner(new InProcessTimestampSource(pki.timestampAuthority(CLOCK)));
        int reserved = SignatureRequest.estimateContentsBytes(
                pki.signerKey().certificateChain(), pki.tsaKey().certificateChain());
        PadesPreparation preparation = new PadesPreparer(PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES)
                .prepare(
                        TestPdfs.onePage("Licence for the long term"),
                        new SignatureRequest(
                                "Test Bureau", "Licence issued", "Beijing", NOW, Optional.empty(), reserved));
        return preparation.complete(signer.sign(preparation.digest(), pki.signerKey()));
    }

    /** The CAs' CRLs by issuer name, as a CA's distribution points would serve them; counts the calls. */
    static final class CrlsByIssuer implements RevocationSource {
        final Map<X500Principal, X509CRL> crls;
        final List<X509Certificate> asked = new ArrayList<>();

        CrlsByIssuer(X509CRL... crls) {
            this.crls = Arrays.stream(crls)
                    .collect(java.util.stream.Collectors.toMap(X509CRL::getIssuerX500Principal, c -> c));
        }

        @Override
        public Optional<byte[]> crl(X509Certificate issued) {
            asked.add(issued);
            return Optional.ofNullable(crls.get(issued.getIssuerX500Principal()))
                    .map(c -> {
                        try {
                            return c.getEncoded();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
        }
    }

    /** The network is stubbed out: any call fails the test. */
    static final RevocationSource NO_NETWORK =
            issued -> fail("the verifier asked the network for the CRL of " + issued.getSubjectX500Principal());

    static PdfSignatureVerifier offlineVerifier(Clock clock) {
        return new PdfSignatureVerifier(
                Set.of(pki.root()),
                List.of(),
                Optional.of(NO_NETWORK),
                RevocationPolicy.REQUIRE,
                clock,
                PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES);
    }

    static byte[] extend(byte[] pdf, X509CRL issuingCaCrl) {
        LtvMaterial material = new LtvCollector(new CrlsByIssuer(issuingCaCrl, pki.rootCrl())).collect(pdf);
        return new PadesLtvExtender().addDss(pdf, material);
    }

    @Test
    void collectorGathersSignerAndTsaChainsAndOneCrlPerIssuingCa() {
        CrlsByIssuer source = new CrlsByIssuer(pki.issuingCaCrl(Map.of()), pki.rootCrl());

        LtvMaterial material = new LtvCollector(source).collect(signedPdf);

        // signer, issuing CA, TSA: the signature and its token carry their chains without the root (the verifier's
        // trust
        // anchor, never taken from the document), so the DSS holds each of them once and no root
        assertThat(material.certificates()).hasSize(3);
        assertThat(material.crls()).hasSize(2);
        assertThat(material.ocspResponses()).isEmpty();
        assertThat(source.asked)
                .extracting(X509Certificate::getSubjectX500Principal)
                .doesNotContain(pki.root().getSubjectX500Principal());
    }

    @Test
    void dssIsAnIncrementalUpdateKeepingTheSignedFileAsPrefixWithVriOfTheSignature() throws Exception {
        byte[] extended = extend(signedPdf, pki.issuingCaCrl(Map.of()));

        assertThat(Arrays.copyOf(extended, signedPdf.length)).isEqualTo(signedPdf);
        try (PDDocument document = Loader.loadPDF(extended)) {
            COSDictionary dss =
                    document.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("DSS"));
            assertThat(dss).isNotNull();
            assertThat(((COSArray) dss.getDictionaryObject(COSName.getPDFName("Certs"))).size())
                    .isEqualTo(3);
            assertThat(((COSArray) dss.getDictionaryObject(COSName.getPDFName("CRLs"))).size())
                    .isEqualTo(2);
            byte[] contents = document.getSignatureDictionaries().get(0).getContents();
            String key = HexFormat.of()
                    .withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(contents));
            COSDictionary vri = dss.getCOSDictionary(COSName.getPDFName("VRI"));
            assertThat(vri.getCOSDictionary(COSName.getPDFName(key))).isNotNull();
            assertThat(EmbeddedValidationData.from(document).hasVriFor(contents))
                    .isTrue();
        }
        String update =
                new String(extended, signedPdf.length, extended.length - signedPdf.length, StandardCharsets.ISO_8859_1);
        assertThat(update).contains("/DSS").doesNotContain("/Type /Page ").doesNotContain("/ByteRange");
    }

    @Test
    void bLtFileVerifiesOfflineYearsLaterWithOnlyTheRootAndEmbeddedCrls() {
        byte[] extended = extend(signedPdf, pki.issuingCaCrl(Map.of()));

        for (Clock clock : List.of(CLOCK, YEARS_LATER)) {
            DocumentVerificationReport report = offlineVerifier(clock).verify(extended);

            assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_PASSED);
            SignatureReport signature = report.signatures().get(0);
            assertThat(signature.coversWholeDocument()).isTrue();
            assertThat(signature.check(PdfSignatureVerifier.REVOCATION))
                    .map(CheckResult::outcome)
                    .contains(Outcome.PASSED);
            assertThat(signature.check(PdfSignatureVerifier.REVOCATION_EMBEDDED))
                    .map(CheckResult::outcome)
                    .contains(Outcome.PASSED);
            assertThat(signature.check(TimestampVerifier.REVOCATION))
                    .map(CheckResult::outcome)
                    .contains(Outcome.PASSED);
            assertThat(report.documentChecks())
                    .filteredOn(c -> c.id().equals(PdfSignatureVerifier.LTV_DSS_PRESENT))
                    .extracting(CheckResult::outcome)
                    .containsExactly(Outcome.PASSED);
            assertThat(report.documentChecks()).extracting(CheckResult::outcome).containsOnly(Outcome.PASSED);
        }
    }

    @Test
    void withoutDssTheSameOfflineVerifierCannotDecideRevocation() {
        DocumentVerificationReport report = offlineVerifierWithoutNetwork().verify(signedPdf);

        assertThat(report.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(report.subIndication()).isEqualTo(SubIndication.TRY_LATER);
        assertThat(report.documentChecks())
                .filteredOn(c -> c.id().equals(PdfSignatureVerifier.LTV_DSS_PRESENT))
                .extracting(CheckResult::outcome)
                .containsExactly(Outcome.NOT_CHECKED);
    }

    static PdfSignatureVerifier offlineVerifierWithoutNetwork() {
        return new PdfSignatureVerifier(
                Set.of(pki.root()),
                List.of(),
                Optional.empty(),
                RevocationPolicy.REQUIRE,
                CLOCK,
                PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES);
    }

    @Test
    void withoutDssTheLiveSourceIsTheFallback() {
        CrlsByIssuer live = new CrlsByIssuer(pki.issuingCaCrl(Map.of()), pki.rootCrl());
        DocumentVerificationReport report = new PdfSignatureVerifier(
                        Set.of(pki.root()),
                        List.of(),
                        Optional.of(live),
                        RevocationPolicy.REQUIRE,
                        CLOCK,
                        PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES)
                .verify(signedPdf);

        SignatureReport signature = report.signatures().get(0);
        assertThat(signature.check(PdfSignatureVerifier.REVOCATION))
                .map(CheckResult::outcome)
                .contains(Outcome.PASSED);
        assertThat(signature.check(PdfSignatureVerifier.REVOCATION_EMBEDDED)).hasValueSatisfying(c -> {
            assertThat(c.outcome()).isEqualTo(Outcome.NOT_CHECKED);
            assertThat(c.message()).contains("fetched live");
        });
        assertThat(live.asked).isNotEmpty();
    }

    @Test
    void signerRevokedBeforeTheTimestampOnTheEmbeddedCrlIsRevoked() {
        X509CRL revoking =
                pki.issuingCaCrl(Map.of(pki.signerCertificate().getSerialNumber(), NOW.minus(Duration.ofHours(1))));
        byte[] extended = extend(signedPdf, revoking);

        DocumentVerificationReport report = offlineVerifier(YEARS_LATER).verify(extended);

        assertThat(report.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(report.subIndication()).isEqualTo(SubIndication.REVOKED);
    }

    @Test
    void embeddedCrlNotSignedByTheIssuerIsNotEvidence() {
        TestPki impostor = TestPki.create(NOW); // same names, other keys
        byte[] extended = new PadesLtvExtender()
                .addDss(
                        signedPdf,
                        new LtvMaterial(
                                List.of(),
                                List.of(encoded(impostor.issuingCaCrl(Map.of())), encoded(impostor.rootCrl())),
                                List.of()));

        DocumentVerificationReport report = offlineVerifierWithoutNetwork().verify(extended);

        assertThat(report.subIndication()).isEqualTo(SubIndication.TRY_LATER);
        assertThat(report.signatures().get(0).check(PdfSignatureVerifier.REVOCATION))
                .map(CheckResult::outcome)
                .contains(Outcome.NOT_CHECKED);
    }

    @Test
    void anUpdateThatAddsTheDssAndAlsoChangesThePageIsUnsignedChanges() throws Exception {
        byte[] extended = extend(signedPdf, pki.issuingCaCrl(Map.of()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument document = Loader.loadPDF(extended)) {
            PDPage page = document.getPage(0);
            page.setRotation(90);
            document.saveIncremental(out, Set.of(page.getCOSObject()));
        }

        DocumentVerificationReport report = offlineVerifier(CLOCK).verify(out.toByteArray());

        assertThat(report.isPassed()).isFalse();
        // caught twice: the DSS-only rule (UNSIGNED_CHANGES) and the revision analysis (DISALLOWED_CHANGES)
        assertThat(report.subIndication()).isIn(SubIndication.UNSIGNED_CHANGES, SubIndication.DISALLOWED_CHANGES);
        assertThat(report.signatures().get(0).coversWholeDocument()).isFalse();
    }

    @Test
    void anUpdateThatChangesAnotherCatalogueEntryIsUnsignedChanges() throws Exception {
        byte[] extended = extend(signedPdf, pki.issuingCaCrl(Map.of()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument document = Loader.loadPDF(extended)) {
            COSDictionary catalogue = document.getDocumentCatalog().getCOSObject();
            catalogue.setName(COSName.getPDFName("PageMode"), "FullScreen");
            document.saveIncremental(out, Set.of(catalogue));
        }

        DocumentVerificationReport report = offlineVerifier(CLOCK).verify(out.toByteArray());

        assertThat(report.isPassed()).isFalse();
        assertThat(report.subIndication()).isIn(SubIndication.UNSIGNED_CHANGES, SubIndication.DISALLOWED_CHANGES);
    }

    @Test
    void popplerPdfsigStillAcceptsTheSignature(@TempDir Path dir) throws Exception {
        Path pdfsig = Path.of("/usr/bin/pdfsig");
        Assumptions.assumeTrue(Files.isExecutable(pdfsig), "pdfsig (poppler-utils) not installed");
        Path file = dir.resolve("b-lt.pdf");
        Files.write(file, extend(signedPdf, pki.issuingCaCrl(Map.of())));
        Process process = new ProcessBuilder(pdfsig.toString(), file.toString())
                .redirectErrorStream(true)
                .start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Signature is Valid");
    }

    static byte[] encoded(X509CRL crl) {
        try {
            return crl.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static BigInteger serial(X509Certificate cert) {
        return cert.getSerialNumber();
    }
}
