package cn.zhengyin.catools;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.cms.CadesDigestSigner;
import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.pdf.PadesPreparation;
import cn.zhengyin.trust.pdf.PadesPreparer;
import cn.zhengyin.trust.pdf.PdfCorpus;
import cn.zhengyin.trust.pdf.SignatureRequest;
import cn.zhengyin.trust.pki.Pem;
import cn.zhengyin.trust.testing.OtherProducer;
import cn.zhengyin.trust.testing.TestPdfs;
import cn.zhengyin.trust.testing.TestPki;
import cn.zhengyin.trust.timestamp.InProcessTimestampSource;
import cn.zhengyin.trust.xml.XmlCorpus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ca-tools verify FILE}: offline verification under a policy, exit 0 only for conclusion VALID, 2 for bad input. */
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
                                        pki.signerKey().certificateChain(),
                                        pki.tsaKey().certificateChain())));
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

    /** The issuing CA's CRL as PEM and the root's as DER: both encodings are read. */
    private List<String> crlOptions(Path dir) throws Exception {
        Path issuing = dir.resolve("issuing-ca.crl.pem");
        Files.writeString(issuing, Pem.crl(pki.issuingCaCrl(Map.of())), StandardCharsets.US_ASCII);
        Path root = dir.resolve("root-ca.crl");
        Files.write(root, pki.rootCrl().getEncoded());
        return List.of("--crl", issuing.toString(), "--crl", root.toString());
    }

    private int run(List<String> args) {
        return run(args.toArray(String[]::new));
    }

    @Test
    void aGenuineSignedPdfWithTheIssuersCrlsIsValidOfflineWithExitCode0(@TempDir Path dir) throws Exception {
        Path pdf = dir.resolve("licence.pdf");
        Files.write(pdf, signed);
        List<String> args = new ArrayList<>(List.of(
                "verify", pdf.toString(), "--trust-anchors", anchors(dir).toString()));
        args.addAll(crlOptions(dir));
        assertThat(run(args)).as(err.toString()).isZero();
        assertThat(out.toString())
                .startsWith("VALID  TOTAL_PASSED  policy licence")
                .contains(
                        "conclusion: The signatures are valid under policy 'licence'; no licence registry was consulted")
                .contains("ok   message-digest")
                .contains("ok   revocation: No certificate of the path is on the issuers' CRLs.");
    }

    @Test
    void withoutRevocationDataTheAnswerIsIndeterminateNotValid(@TempDir Path dir) throws Exception {
        Path pdf = dir.resolve("licence.pdf");
        Files.write(pdf, signed);
        assertThat(run("verify", pdf.toString(), "--trust-anchors", anchors(dir).toString()))
                .isEqualTo(1);
        assertThat(out.toString()).startsWith("INDETERMINATE  INDETERMINATE / TRY_LATER  policy licence");
    }

    @Test
    void aRevokedSignerIsFailedWhenTheCrlSaysSoBeforeTheTimestamp(@TempDir Path dir) throws Exception {
        Path pdf = dir.resolve("licence.pdf");
        Files.write(pdf, signed);
        Path crl = dir.resolve("issuing-ca.crl");
        Files.write(
                crl,
                pki.issuingCaCrl(Map.of(pki.signerCertificate().getSerialNumber(), NOW.minusSeconds(60)))
                        .getEncoded());
        Path rootCrl = dir.resolve("root.crl");
        Files.write(rootCrl, pki.rootCrl().getEncoded());
        assertThat(run(
                        "verify",
                        pdf.toString(),
                        "--trust-anchors",
                        anchors(dir).toString(),
                        "--crl",
                        crl.toString(),
                        "--crl",
                        rootCrl.toString()))
                .isEqualTo(1);
        assertThat(out.toString()).startsWith("FAILED  TOTAL_FAILED / REVOKED");
    }

    @Test
    void badInputIsExitCode2WithAClearMessage(@TempDir Path dir) throws Exception {
        Path pdf = dir.resolve("licence.pdf");
        Files.write(pdf, signed);
        String anchors = anchors(dir).toString();
        assertThat(run("verify", pdf.toString(), "--trust-anchors", anchors, "--policy", "lenient"))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains("--policy: Unknown validation policy 'lenient'; known policies: licence, baseline.");
        Path notACrl = dir.resolve("not-a.crl");
        Files.writeString(notACrl, "hello");
        assertThat(run("verify", pdf.toString(), "--trust-anchors", anchors, "--crl", notACrl.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--crl " + notACrl + ": Not a CRL (PEM or DER)");
        assertThat(run(
                        "verify",
                        pdf.toString(),
                        "--trust-anchors",
                        anchors,
                        "--crl",
                        dir.resolve("missing.crl").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("missing.crl cannot be read: no such file");
        assertThat(run("verify", pdf.toString(), "--trust-anchors", notACrl.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--trust-anchors " + notACrl);
    }

    /** Issue 20: other producers' documents pass under baseline with their CA and CRLs; every attack file fails. */
    @Test
    void baselineWithCrlsAndTrustAnchorsPassesThePositiveCorpusAndFailsEveryAttack(@TempDir Path dir) throws Exception {
        TestPki otherCa = TestPki.create(NOW, "Other Producer");
        OtherProducer producer = new OtherProducer(otherCa, NOW);
        Path anchors = dir.resolve("other-anchors.pem");
        Files.writeString(anchors, Pem.certificates(List.of(otherCa.root())), StandardCharsets.US_ASCII);
        Path issuingCrl = dir.resolve("other-issuing.crl");
        Files.write(issuingCrl, otherCa.issuingCaCrl(Map.of()).getEncoded());
        Path rootCrl = dir.resolve("other-root.crl.pem");
        Files.writeString(rootCrl, Pem.crl(otherCa.rootCrl()), StandardCharsets.US_ASCII);
        Map<String, byte[]> positives = new LinkedHashMap<>(PdfCorpus.positives(producer, otherCa));
        positives.putAll(XmlCorpus.positives(otherCa));
        Map<String, byte[]> attacks = new LinkedHashMap<>(PdfCorpus.attacks(producer, otherCa));
        attacks.putAll(XmlCorpus.attacks(otherCa));
        for (var e : positives.entrySet()) {
            Path file = dir.resolve(e.getKey());
            Files.write(file, e.getValue());
            String[] args = {
                "verify",
                file.toString(),
                "--policy",
                "baseline",
                "--crl",
                issuingCrl.toString(),
                "--crl",
                rootCrl.toString(),
                "--trust-anchors",
                anchors.toString()
            };
            out.getBuffer().setLength(0);
            assertThat(run(args)).as(e.getKey() + "\n" + out + err).isZero();
            assertThat(out.toString()).startsWith("VALID  TOTAL_PASSED  policy baseline");
            // the licence policy fails closed for files that are not this store's licences
            args[3] = "licence";
            out.getBuffer().setLength(0);
            assertThat(run(args)).as("licence " + e.getKey() + "\n" + out).isEqualTo(1);
            assertThat(out.toString()).doesNotStartWith("VALID");
        }
        for (var e : attacks.entrySet()) {
            Path file = dir.resolve(e.getKey());
            Files.write(file, e.getValue());
            for (String policy : List.of("baseline", "licence")) {
                out.getBuffer().setLength(0);
                assertThat(run(
                                "verify",
                                file.toString(),
                                "--policy",
                                policy,
                                "--crl",
                                issuingCrl.toString(),
                                "--crl",
                                rootCrl.toString(),
                                "--trust-anchors",
                                anchors.toString()))
                        .as(policy + " " + e.getKey() + "\n" + out + err)
                        .isEqualTo(1);
                // FAILED, or INDETERMINATE / UNSIGNED_CHANGES for an unsigned XML comment outside the root
                boolean unsignedComment =
                        policy.equals("baseline") && e.getKey().equals("xml-comment-outside-root.xml");
                assertThat(out.toString())
                        .startsWith(unsignedComment ? "INDETERMINATE  INDETERMINATE / UNSIGNED_CHANGES" : "FAILED")
                        .doesNotContain("Exception");
            }
        }
    }

    @Test
    void aChangedByteIsReportedAndExitsNonZero(@TempDir Path dir) throws Exception {
        byte[] tampered = signed.clone();
        tampered[200] ^= 0x01;
        Path pdf = dir.resolve("tampered.pdf");
        Files.write(pdf, tampered);
        assertThat(run("verify", pdf.toString(), "--trust-anchors", anchors(dir).toString()))
                .isEqualTo(1);
        assertThat(out.toString())
                .startsWith("FAILED  TOTAL_FAILED / HASH_FAILURE")
                .contains("FAIL");
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
        assertThat(out.toString())
                .contains("\"policy\" : \"licence\"")
                .contains("\"conclusion\" : \"INDETERMINATE\"")
                .contains("\"indication\" : \"INDETERMINATE\"");
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
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("ca-tools: FILE ").contains("nope.pdf cannot be read: no such file");
    }
}
