package cn.zhengyin.catools;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.cms.CadesDigestSigner;
import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.pdf.PadesPreparation;
import cn.zhengyin.trust.pdf.PadesPreparer;
import cn.zhengyin.trust.pdf.SignatureRequest;
import cn.zhengyin.trust.pki.Pem;
import cn.zhengyin.trust.testing.TestPdfs;
import cn.zhengyin.trust.testing.TestPki;
import cn.zhengyin.trust.timestamp.InProcessTimestampSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ca-tools verify FILE}: offline verification, exit 0 only when TOTAL_PASSED. */
class VerifyCommandTest {
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    private static TestPki pki;
    private static byte[] signed;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void signAPdf() {
        Providers.bouncyCastle();
        pki = TestPki.create(NOW);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        PadesPreparation preparation = new PadesPreparer(16 << 20)
                .prepare(
                        TestPdfs.onePage("Licence 42"),
                        new SignatureRequest(
                                "Test Bureau",
                                "Licence issued",
                                "",
                                NOW,
                                Optional.empty(),
                                SignatureRequest.estimateContentsBytes(
                                        pki.signerKey().certificateChain(), List.of(pki.tsaCertificate()))));
        byte[] cms = new CadesDigestSigner(new InProcessTimestampSource(pki.timestampAuthority(clock)))
                .sign(preparation.digest(), pki.signerKey());
        signed = preparation.complete(cms);
    }

    private int run(String... args) {
        return CaTools.run(
                Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC), new PrintWriter(out), new PrintWriter(err), args);
    }

    private Path anchors(Path dir) throws Exception {
        Path pem = dir.resolve("anchors.pem");
        Files.writeString(pem, Pem.certificates(List.of(pki.root())), StandardCharsets.US_ASCII);
        return pem;
    }

    @Test
    void aGenuineSignedPdfPassesOfflineWithExitCode0(@TempDir Path dir) throws Exception {
        Path pdf = dir.resolve("licence.pdf");
        Files.write(pdf, signed);
        assertThat(run("verify", pdf.toString(), "--trust-anchors", anchors(dir).toString()))
                .as(err.toString())
                .isZero();
        assertThat(out.toString()).startsWith("TOTAL_PASSED").contains("ok   message-digest");
    }

    @Test
    void aChangedByteIsReportedAndExitsNonZero(@TempDir Path dir) throws Exception {
        byte[] tampered = signed.clone();
        tampered[200] ^= 0x01;
        Path pdf = dir.resolve("tampered.pdf");
        Files.write(pdf, tampered);
        assertThat(run("verify", pdf.toString(), "--trust-anchors", anchors(dir).toString()))
                .isEqualTo(1);
        assertThat(out.toString()).doesNotStartWith("TOTAL_PASSED").contains("FAIL");
    }

    @Test
    void anUntrustedAnchorIsIndeterminateAndTheJsonReportSaysSo(@TempDir Path dir) throws Exception {
        Path pdf = dir.resolve("licence.pdf");
        Files.write(pdf, signed);
        Path other = dir.resolve("other.pem");
        Files.writeString(
                other, Pem.certificates(List.of(TestPki.create(NOW, "Other").root())));
        assertThat(run("verify", pdf.toString(), "--trust-anchors", other.toString(), "--json"))
                .isEqualTo(1);
        assertThat(out.toString()).contains("\"indication\" : \"INDETERMINATE\"");
    }

    @Test
    void randomBytesGiveACleanReportNotAStackTrace(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.pdf");
        Files.write(junk, "%PDF-1.7\nnot really".getBytes(StandardCharsets.US_ASCII));
        assertThat(run(
                        "verify",
                        junk.toString(),
                        "--trust-anchors",
                        anchors(dir).toString()))
                .isEqualTo(1);
        assertThat(out.toString() + err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aMissingFileIsAOneLineError(@TempDir Path dir) throws Exception {
        assertThat(run(
                        "verify",
                        dir.resolve("nope.pdf").toString(),
                        "--trust-anchors",
                        anchors(dir).toString()))
                .isEqualTo(1);
        assertThat(err.toString()).startsWith("ca-tools: error: no such file");
    }
}
