package cn.zhengyin.trust.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.cms.CadesDigestSigner;
import cn.zhengyin.trust.testing.TestPdfs;
import cn.zhengyin.trust.testing.TestPki;
import cn.zhengyin.trust.timestamp.InProcessTimestampSource;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.validation.Outcome;
import cn.zhengyin.trust.validation.SignatureReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The checked-in corpus under {@code samples/pdf/{valid,invalid}/}. Its signer PKI is not kept, so only the checks
 * that do not depend on trust are asserted: every valid file passes {@code byte-range}, the revision checks,
 * {@code message-digest} and {@code signature-value}; every invalid file fails the check named here. Regenerate
 * with {@code -Dzhengyin.samples.write=<dir>} (writes {@code <dir>/valid} and {@code <dir>/invalid}).
 */
class PdfSampleFilesTest {

    static final List<String> VALID = List.of("signed-one-page.pdf", "signed-twice.pdf", "signed-then-dss.pdf");
    /** File name → the check that rejects it. */
    static final Map<String, String> INVALID = Map.of(
            "incremental-saving.pdf", PdfSignatureVerifier.CHANGES_AFTER_SIGNATURE,
            "shadow-hide.pdf", PdfSignatureVerifier.CHANGES_AFTER_SIGNATURE,
            "shadow-replace-font.pdf", PdfSignatureVerifier.CHANGES_AFTER_SIGNATURE,
            "shadow-hide-and-replace.pdf", PdfSignatureVerifier.CHANGES_AFTER_SIGNATURE,
            "signature-wrapping.pdf", PdfSignatureVerifier.BYTE_RANGE,
            "usf-byte-range-zeros.pdf", PdfSignatureVerifier.BYTE_RANGE,
            "usf-contents-zeroed.pdf", PdfSignatureVerifier.CMS_STRUCTURE,
            "certification-not-first.pdf", PdfSignatureVerifier.CERTIFICATION);

    static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    final PdfSignatureVerifier verifier =
            new PdfSignatureVerifier(Set.of(), List.of(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void validSamplesPassEveryTrustIndependentCheck() throws IOException {
        for (String name : VALID) {
            DocumentVerificationReport report = verifier.verify(sample("valid/" + name));
            assertThat(report.signatures()).as(name).isNotEmpty();
            for (SignatureReport signature : report.signatures()) {
                for (String id : List.of(
                        PdfSignatureVerifier.BYTE_RANGE,
                        PdfSignatureVerifier.CERTIFICATION,
                        PdfSignatureVerifier.CHANGES_AFTER_SIGNATURE,
                        PdfSignatureVerifier.MESSAGE_DIGEST,
                        PdfSignatureVerifier.SIGNATURE_VALUE)) {
                    assertThat(signature.check(id).orElseThrow().outcome())
                            .as(name + " " + id)
                            .isEqualTo(Outcome.PASSED);
                }
            }
        }
    }

    @Test
    void invalidSamplesFailTheirCheck() throws IOException {
        for (Map.Entry<String, String> e : INVALID.entrySet()) {
            DocumentVerificationReport report = verifier.verify(sample("invalid/" + e.getKey()));
            assertThat(report.isPassed()).isFalse();
            assertThat(report.signatures())
                    .as(e.getKey())
                    .anySatisfy(
                            s -> assertThat(s.check(e.getValue()).orElseThrow().outcome())
                                    .isEqualTo(Outcome.FAILED));
        }
    }

    /** A corpus writer, not a check: runs (and counts) only with {@code -Dzhengyin.samples.write=DIR}, else skipped. */
    @Test
    @EnabledIfSystemProperty(named = "zhengyin.samples.write", matches = ".+")
    void writesTheCorpusWhenAsked() throws Exception {
        String target = System.getProperty("zhengyin.samples.write");
        TestPki pki = TestPki.create(NOW);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        PdfAttackCorpus corpus = new PdfAttackCorpus(
                new CadesDigestSigner(new InProcessTimestampSource(pki.timestampAuthority(clock))),
                pki.signerKey(),
                SignatureRequest.estimateContentsBytes(
                        pki.signerKey().certificateChain(), pki.tsaKey().certificateChain()),
                NOW);
        byte[] signed = corpus.signedOnePage();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("valid/signed-one-page.pdf", signed);
        files.put("valid/signed-twice.pdf", corpus.sign(signed));
        files.put(
                "valid/signed-then-dss.pdf",
                PdfAttackCorpus.dssAdded(signed, pki.signerCertificate().getEncoded()));
        files.put("invalid/incremental-saving.pdf", PdfAttackCorpus.incrementalSavingAttack(signed));
        files.put("invalid/shadow-hide.pdf", PdfAttackCorpus.shadowHide(signed));
        files.put("invalid/shadow-replace-font.pdf", PdfAttackCorpus.shadowReplaceFont(signed));
        files.put("invalid/shadow-hide-and-replace.pdf", PdfAttackCorpus.shadowHideAndReplace(signed));
        files.put("invalid/signature-wrapping.pdf", PdfAttackCorpus.signatureWrapping(signed));
        files.put("invalid/usf-byte-range-zeros.pdf", PdfAttackCorpus.withByteRange(signed, "[0 0 0 0]"));
        files.put("invalid/usf-contents-zeroed.pdf", PdfAttackCorpus.withContentsHex(signed, i -> '0'));
        files.put(
                "invalid/certification-not-first.pdf",
                corpus.certify(corpus.sign(TestPdfs.onePage(PdfAttackCorpus.SIGNED_TEXT)), 2));
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path path = Path.of(target, e.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, e.getValue());
        }
    }

    static byte[] sample(String name) throws IOException {
        try (InputStream in = PdfSampleFilesTest.class.getResourceAsStream("/samples/pdf/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
