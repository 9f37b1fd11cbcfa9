package cn.zhengyin.trust.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.cms.CadesDigestSigner;
import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.pdf.PadesLtaExtender;
import cn.zhengyin.trust.pdf.PdfSignatureVerifier;
import cn.zhengyin.trust.sealing.SealPlacement.AtKeyword;
import cn.zhengyin.trust.sealing.SealPlacement.AtPosition;
import cn.zhengyin.trust.sealing.SealPlacement.CrossPage;
import cn.zhengyin.trust.sealing.SealingRefusedException.Reason;
import cn.zhengyin.trust.testing.TestPdfs;
import cn.zhengyin.trust.testing.TestPki;
import cn.zhengyin.trust.timestamp.InProcessTimestampSource;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.RevocationPolicy;
import cn.zhengyin.trust.validation.RevocationSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sealing an approval system's own three-page PDF: by keyword (the last occurrence of the authority's name), by
 * coordinates, and a cross-page seal (骑缝章) by a second organisation (co-sealing, two signatures in order). Our
 * verifier passes the PAdES-BASELINE-LTA results offline with only the root, poppler's pdfsig reports every seal
 * valid, and every refused input is refused before the key is asked.
 */
class PdfDocumentSealerTest {
    static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static TestPki pki;
    static SigningKey second;
    static TestKeys keys;
    static PdfDocumentSealer sealer;
    static byte[] sample;
    static SealedDocument coSealed;
    static SealedDocument byPosition;

    /** Two seals of the test PKI: "market" (the PKI's signer) and "forestry" (a second key of the same CA). */
    static final class TestKeys implements SealKeyHolder {
        final CadesDigestSigner cades =
                new CadesDigestSigner(new InProcessTimestampSource(pki.timestampAuthority(CLOCK)));
        final List<byte[]> digests = new ArrayList<>();

        SigningKey key(String sealId) {
            return switch (sealId) {
                case "market" -> pki.signerKey();
                case "forestry" -> second;
                default -> throw new IllegalArgumentException(sealId);
            };
        }

        @Override
        public byte[] impressionPng(String sealId) {
            return TestPdfs.sealPng();
        }

        @Override
        public List<X509Certificate> ecdsaChain(String sealId) {
            return key(sealId).certificateChain();
        }

        @Override
        public byte[] signPadesDigest(String sealId, byte[] sha256) {
            digests.add(sha256);
            return cades.sign(sha256, key(sealId));
        }

        @Override
        public byte[] seseal(String sealId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] signSes(String sealId, byte[] sm3DataHash, String propertyInfo) {
            throw new UnsupportedOperationException();
        }
    }

    static RevocationSource crls() {
        Map<javax.security.auth.x500.X500Principal, X509CRL> byIssuer = Map.of(
                pki.issuingCa().getSubjectX500Principal(), pki.issuingCaCrl(Map.of()),
                pki.root().getSubjectX500Principal(), pki.rootCrl());
        return issued -> Optional.ofNullable(byIssuer.get(issued.getIssuerX500Principal()))
                .map(c -> {
                    try {
                        return c.getEncoded();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    @BeforeAll
    static void sealOnce() {
        pki = TestPki.create(NOW.minus(Duration.ofDays(1)));
        second = pki.issueKey(
                "forestry", TestPki.Role.SIGNER, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)));
        keys = new TestKeys();
        sealer = new PdfDocumentSealer(
                SealingLimits.DEFAULT,
                new PadesLtaExtender(crls(), new InProcessTimestampSource(pki.timestampAuthority(CLOCK)), 64L << 20));
        sample = SampleDecisions.pdf();
        coSealed = sealer.seal(
                sealer.plan(
                        sample,
                        List.of(
                                new SealUse(
                                        "market",
                                        "市场监督管理局",
                                        new AtKeyword(SampleDecisions.AUTHORITY, AtKeyword.LAST),
                                        42),
                                new SealUse("forestry", "林业局", new CrossPage(150), 40))),
                keys,
                "用印 Sealed: XF-2026-000123",
                NOW);
        byPosition = sealer.seal(
                sealer.plan(sample, List.of(new SealUse("market", "市场监督管理局", new AtPosition(2, 105, 148.5), 42))),
                keys,
                "用印 Sealed: XF-2026-000124",
                NOW);
    }

    static PdfSignatureVerifier verifier() {
        return new PdfSignatureVerifier(
                Set.of(pki.root()),
                List.of(),
                Optional.empty(),
                RevocationPolicy.REQUIRE,
                CLOCK,
                PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES);
    }

    @Test
    void aKeywordSealAndACrossPageSealOfASecondOrganisationAreTwoSignaturesAndTheFileIsLta() throws Exception {
        PlacedSeal keyword = coSealed.seals().get(0);
        assertThat(keyword.regions()).hasSize(1);
        PlacedSeal.Region r = keyword.regions().get(0);
        // the last occurrence is the signature block on page 3: x 372..540 pt, baseline 676 pt from the bottom
        assertThat(r.page()).isEqualTo(3);
        assertThat(r.xMm() + r.widthMm() / 2).isBetween(157.0, 162.0);
        assertThat(r.yMm() + r.heightMm() / 2).isBetween(55.0, 60.0);
        PlacedSeal cross = coSealed.seals().get(1);
        assertThat(cross.regions()).extracting(PlacedSeal.Region::page).containsExactly(1, 2, 3);
        for (PlacedSeal.Region strip : cross.regions()) {
            assertThat(strip.widthMm()).isCloseTo(40.0 / 3, org.assertj.core.data.Offset.offset(0.001));
            assertThat(strip.xMm() + strip.widthMm()).isCloseTo(210, org.assertj.core.data.Offset.offset(0.1));
        }

        DocumentVerificationReport report = verifier().verify(coSealed.document());
        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(report.signatures()).hasSize(3); // two seals and the document time-stamp
        assertThat(report.signatures().get(0).signerSubject())
                .hasValueSatisfying(s -> assertThat(s)
                        .contains(pki.signerCertificate()
                                .getSubjectX500Principal()
                                .getName()
                                .split(",")[0]));
        assertThat(report.signatures().get(1).signerSubject())
                .hasValueSatisfying(s -> assertThat(s).contains("CN=forestry"));
        try (PDDocument document = Loader.loadPDF(coSealed.document())) {
            List<PDSignature> signatures = document.getSignatureDictionaries();
            assertThat(signatures).hasSize(3);
            assertThat(signatures.get(2).getCOSObject().getCOSName(COSName.TYPE))
                    .isEqualTo(COSName.DOC_TIME_STAMP);
            // the cross-page seal: its widget on page 1, its strips on pages 2 and 3, in the signature's revision
            int secondSealEnd =
                    signatures.get(1).getByteRange()[2] + signatures.get(1).getByteRange()[3];
            for (int p = 1; p < 3; p++) {
                List<PDAnnotation> strips = document.getPage(p).getAnnotations().stream()
                        .filter(a -> a instanceof PDAnnotationWidget w
                                && w.getCOSObject().getCOSDictionary(COSName.PARENT) != null
                                && w.getCOSObject()
                                                .getCOSDictionary(COSName.PARENT)
                                                .getDictionaryObject(COSName.V)
                                        == signatures.get(1).getCOSObject())
                        .toList();
                assertThat(strips)
                        .as("a widget of the cross-page seal's field on page " + (p + 1))
                        .hasSize(1);
                PDRectangle box = strips.get(0).getRectangle();
                assertThat(box.getUpperRightX()).isCloseTo(595.28f, org.assertj.core.data.Offset.offset(0.5f));
            }
            int firstSealEnd =
                    signatures.get(0).getByteRange()[2] + signatures.get(0).getByteRange()[3];
            String revision = new String(
                    coSealed.document(), firstSealEnd, secondSealEnd - firstSealEnd, StandardCharsets.ISO_8859_1);
            assertThat(revision)
                    .as("the strips are in the cross-page seal's own revision")
                    .contains("/Kids [");
        }
        assertThat(keys.digests)
                .as("only digests reach the key")
                .allSatisfy(d -> assertThat(d).hasSize(32));
    }

    @Test
    void aSealAtCoordinatesIsWhereItWasAsked() throws Exception {
        PlacedSeal.Region r = byPosition.seals().get(0).regions().get(0);
        assertThat(r).isEqualTo(new PlacedSeal.Region(2, 84, 127.5, 42, 42));
        DocumentVerificationReport report = verifier().verify(byPosition.document());
        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_PASSED);
        try (PDDocument document = Loader.loadPDF(byPosition.document())) {
            PDAnnotation widget = document.getPage(1).getAnnotations().get(0);
            PDRectangle box = widget.getRectangle();
            float mm = 72f / 25.4f;
            assertThat(box.getLowerLeftX()).isCloseTo(84 * mm, org.assertj.core.data.Offset.offset(0.1f));
            assertThat(box.getUpperRightY())
                    .isCloseTo(841.89f - 127.5f * mm, org.assertj.core.data.Offset.offset(0.1f));
        }
    }

    @Test
    void pdfsigReportsEverySealValid(@TempDir Path dir) throws Exception {
        Path pdfsig = Path.of("/usr/bin/pdfsig");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isExecutable(pdfsig), "pdfsig (poppler-utils) not installed");
        Files.createDirectories(Path.of("target/sealing"));
        Files.write(Path.of("target/sealing/keyword-and-cross-page.pdf"), coSealed.document());
        Files.write(Path.of("target/sealing/coordinates.pdf"), byPosition.document());
        for (SealedDocument sealed : List.of(coSealed, byPosition)) {
            Path file = dir.resolve("sealed.pdf");
            Files.write(file, sealed.document());
            String output = run(pdfsig.toString(), file.toString());
            // poppler lists every widget of a signature field (a cross-page seal's field has one per page)
            java.util.Set<String> validSeals = new java.util.TreeSet<>();
            for (String block : output.split("Signature #")) {
                if (block.contains("ETSI.CAdES.detached")) {
                    assertThat(block).as(output).contains("Signature is Valid");
                    validSeals.add(block.replaceAll("(?s).*Signature Field Name: (\\S+).*", "$1"));
                }
            }
            assertThat(validSeals).as(output).hasSize(sealed.seals().size());
            assertThat(output)
                    .doesNotContain("not signed")
                    .doesNotContain("Invalid")
                    .doesNotContain("Mismatch");
        }
        if (Boolean.getBoolean("zhengyin.docs.regenerate")) {
            SealingImages.write(coSealed.document(), byPosition.document(), dir);
        }
    }

    static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.toString(StandardCharsets.UTF_8);
    }

    static void assertRefused(byte[] pdf, SealPlacement placement, Reason reason, String message) {
        int before = keys.digests.size();
        assertThatThrownBy(() -> sealer.plan(pdf, List.of(new SealUse("market", "m", placement, 42))))
                .isInstanceOfSatisfying(
                        SealingRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(message);
        assertThat(keys.digests).hasSize(before);
    }

    static final SealPlacement CENTRE = new AtPosition(1, 105, 148);

    @Test
    void aMissingKeywordOrOccurrenceIsRefused() {
        assertRefused(sample, new AtKeyword("不存在的机关", 1), Reason.KEYWORD_NOT_FOUND, "occurs 0 time(s)");
        assertRefused(
                sample,
                new AtKeyword(SampleDecisions.AUTHORITY, 4),
                Reason.KEYWORD_NOT_FOUND,
                "occurs 3 time(s) in the PDF's text, not 4");
    }

    @Test
    void aSealOffThePageOrOnAMissingPageIsRefused() {
        assertRefused(sample, new AtPosition(1, 200, 148), Reason.OFF_PAGE, "would not lie wholly on page 1");
        assertRefused(sample, new AtPosition(1, 105, 290), Reason.OFF_PAGE, "would not lie wholly on page 1");
        assertRefused(sample, new AtPosition(4, 105, 148), Reason.OFF_PAGE, "Page 4 does not exist");
        assertRefused(TestPdfs.onePage("one"), new CrossPage(100), Reason.UNSUPPORTED_PLACEMENT, "this PDF has one");
    }

    @Test
    void limitsAreEnforced() {
        PdfDocumentSealer small = new PdfDocumentSealer(new SealingLimits(sample.length - 1, 200), dummyLta());
        assertThatThrownBy(() -> small.plan(sample, List.of(new SealUse("market", "m", CENTRE, 42))))
                .isInstanceOfSatisfying(
                        SealingRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
        PdfDocumentSealer twoPages = new PdfDocumentSealer(new SealingLimits(1 << 20, 2), dummyLta());
        assertThatThrownBy(() -> twoPages.plan(sample, List.of(new SealUse("market", "m", CENTRE, 42))))
                .isInstanceOfSatisfying(
                        SealingRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PAGES))
                .hasMessageContaining("3 pages; at most 2");
    }

    static PadesLtaExtender dummyLta() {
        return new PadesLtaExtender(
                issued -> Optional.empty(),
                imprint -> {
                    throw new AssertionError();
                },
                1 << 20);
    }

    @Test
    void anEncryptedPdfIsRefused() throws Exception {
        for (String userPassword : List.of("", "secret")) {
            byte[] encrypted = modified(sample, d -> {
                StandardProtectionPolicy policy =
                        new StandardProtectionPolicy("owner", userPassword, new AccessPermission());
                policy.setEncryptionKeyLength(128);
                d.protect(policy);
            });
            assertRefused(encrypted, CENTRE, Reason.ENCRYPTED, "encrypted");
        }
    }

    @Test
    void aCertifiedPdfForbiddingChangesIsRefusedButP2IsSealed() throws Exception {
        assertRefused(certified(sample, 1), CENTRE, Reason.NO_CHANGES_ALLOWED, "DocMDP permission P=1");
        assertThat(sealer.plan(certified(sample, 2), List.of(new SealUse("market", "m", CENTRE, 42)))
                        .placed())
                .hasSize(1);
    }

    @Test
    void javaScriptEmbeddedFilesAndXfaAreRefused() throws Exception {
        assertRefused(
                modified(sample, d -> d.getDocumentCatalog().setOpenAction(new PDActionJavaScript("app.alert(1)"))),
                CENTRE,
                Reason.ACTIVE_CONTENT,
                "JavaScript");
        assertRefused(
                modified(sample, d -> {
                    PDEmbeddedFile file = new PDEmbeddedFile(d, new java.io.ByteArrayInputStream(new byte[] {1, 2}));
                    PDComplexFileSpecification spec = new PDComplexFileSpecification();
                    spec.setFile("x.bin");
                    spec.setEmbeddedFile(file);
                    var tree = new org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode();
                    tree.setNames(Map.of("x.bin", spec));
                    var names = new org.apache.pdfbox.pdmodel.PDDocumentNameDictionary(d.getDocumentCatalog());
                    names.setEmbeddedFiles(tree);
                    d.getDocumentCatalog().setNames(names);
                }),
                CENTRE,
                Reason.ACTIVE_CONTENT,
                "embedded files");
        assertRefused(
                modified(sample, d -> {
                    var form = new org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm(d);
                    form.getCOSObject().setItem(COSName.XFA, new COSArray());
                    d.getDocumentCatalog().setAcroForm(form);
                }),
                CENTRE,
                Reason.ACTIVE_CONTENT,
                "XFA");
        assertRefused("not a pdf".getBytes(StandardCharsets.US_ASCII), CENTRE, Reason.NOT_A_DOCUMENT, "cannot be read");
    }

    interface Change {
        void apply(PDDocument document) throws Exception;
    }

    static byte[] modified(byte[] pdf, Change change) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            change.apply(document);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    /** A certification signature's DocMDP declaration with permission {@code p} (the signature itself is not needed). */
    static byte[] certified(byte[] pdf, int p) throws Exception {
        return modified(pdf, d -> {
            COSDictionary params = new COSDictionary();
            params.setName(COSName.TYPE, "TransformParams");
            params.setInt(COSName.P, p);
            params.setName(COSName.V, "1.2");
            COSDictionary reference = new COSDictionary();
            reference.setName(COSName.TYPE, "SigRef");
            reference.setItem(COSName.getPDFName("TransformMethod"), COSName.DOCMDP);
            reference.setItem(COSName.getPDFName("TransformParams"), params);
            COSArray references = new COSArray();
            references.add(reference);
            COSDictionary signature = new COSDictionary();
            signature.setItem(COSName.TYPE, COSName.SIG);
            signature.setItem(COSName.getPDFName("Reference"), references);
            COSDictionary perms = new COSDictionary();
            perms.setItem(COSName.DOCMDP, signature);
            d.getDocumentCatalog().getCOSObject().setItem(COSName.PERMS, perms);
        });
    }
}
