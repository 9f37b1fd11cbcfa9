package cn.zhengyin.catools;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.pki.Pem;
import cn.zhengyin.trust.testing.TestPki;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ca-tools receipt verify FILE}: a receipt signed the way licence-service signs them (ES256 through key custody,
 * x5c) re-checks offline; exit 0 only for a valid receipt of a PASSED report.
 */
class ReceiptVerifyCommandTest {
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    private static final String PASSED = "{\"iss\":\"https://licence.example\",\"iat\":" + NOW.getEpochSecond()
            + ",\"kind\":\"licence-verification\",\"report\":{\"indication\":\"TOTAL_PASSED\",\"subIndication\":\"NONE\","
            + "\"mode\":\"FILE\",\"summaryZh\":\"验证通过：签章有效，文件与证照库登记一致\",\"summaryEn\":\"Passed: the seal is valid\"}}";
    private static TestPki pki;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void pki() {
        Providers.bouncyCastle();
        pki = TestPki.create(NOW);
    }

    static String sign(SigningKey key, String payload) throws Exception {
        List<Base64> x5c = new ArrayList<>();
        for (X509Certificate c : key.certificateChain()) {
            x5c.add(Base64.encode(c.getEncoded()));
        }
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType(ReceiptVerifyCommand.TYPE))
                .x509CertChain(x5c)
                .build();
        String input = header.toBase64URL() + "." + Base64URL.encode(payload.getBytes(StandardCharsets.UTF_8));
        byte[] der = key.sign(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + Base64URL.encode(ECDSA.transcodeSignatureToConcat(der, 64));
    }

    private int run(String... args) {
        return CaTools.run(
                Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC), new PrintWriter(out), new PrintWriter(err), args);
    }

    private Path anchors(Path dir, X509Certificate root) throws Exception {
        Path pem = dir.resolve("anchors-" + root.getSerialNumber() + ".pem");
        Files.writeString(pem, Pem.certificates(List.of(root)), StandardCharsets.US_ASCII);
        return pem;
    }

    @Test
    void aGenuineReceiptOfAPassedReportExitsZeroAndPrintsTheSummary(@TempDir Path dir) throws Exception {
        Path receipt = dir.resolve("receipt.jws");
        Files.writeString(receipt, sign(pki.signerKey(), PASSED));

        assertThat(run(
                        "receipt",
                        "verify",
                        receipt.toString(),
                        "--trust-anchors",
                        anchors(dir, pki.root()).toString()))
                .as(out + " " + err)
                .isZero();
        assertThat(out.toString())
                .startsWith("RECEIPT VALID")
                .contains(
                        "ok   receipt.signature",
                        "ok   receipt.certificate-chain",
                        "report: TOTAL_PASSED / NONE",
                        "验证通过");
    }

    @Test
    void theSavedJsonAnswerWithItsReceiptFieldIsAccepted(@TempDir Path dir) throws Exception {
        Path saved = dir.resolve("answer.json");
        Files.writeString(
                saved, "{\"indication\":\"TOTAL_PASSED\",\"receipt\":\"" + sign(pki.signerKey(), PASSED) + "\"}");

        assertThat(run(
                        "receipt",
                        "verify",
                        saved.toString(),
                        "--trust-anchors",
                        anchors(dir, pki.root()).toString()))
                .isZero();
    }

    @Test
    void oneChangedPayloadByteMakesTheReceiptInvalid(@TempDir Path dir) throws Exception {
        String[] parts = sign(pki.signerKey(), PASSED).split("\\.");
        byte[] payload = Base64URL.from(parts[1]).decode();
        int at = new String(payload, StandardCharsets.ISO_8859_1).indexOf("Passed: the seal");
        payload[at + 5] = 's'; // "Passed" -> "Passes": one byte
        String forged = new String(payload, StandardCharsets.UTF_8);
        Path receipt = dir.resolve("forged.jws");
        Files.writeString(
                receipt, parts[0] + "." + Base64URL.encode(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);

        assertThat(run(
                        "receipt",
                        "verify",
                        receipt.toString(),
                        "--trust-anchors",
                        anchors(dir, pki.root()).toString()))
                .isEqualTo(1);
        assertThat(out.toString()).startsWith("RECEIPT INVALID").contains("FAIL receipt.signature");
    }

    @Test
    void aValidReceiptOfAFailedReportExitsNonZero(@TempDir Path dir) throws Exception {
        Path receipt = dir.resolve("failed.jws");
        Files.writeString(
                receipt,
                sign(
                        pki.signerKey(),
                        PASSED.replace("TOTAL_PASSED", "TOTAL_FAILED").replace("\"NONE\"", "\"HASH_FAILURE\"")));

        assertThat(run(
                        "receipt",
                        "verify",
                        receipt.toString(),
                        "--trust-anchors",
                        anchors(dir, pki.root()).toString()))
                .isEqualTo(1);
        assertThat(out.toString()).startsWith("RECEIPT VALID").contains("report: TOTAL_FAILED / HASH_FAILURE");
    }

    @Test
    void aReceiptWhoseCertificateDoesNotChainToTheAnchorIsInvalid(@TempDir Path dir) throws Exception {
        Path receipt = dir.resolve("receipt.jws");
        Files.writeString(receipt, sign(pki.signerKey(), PASSED));
        X509Certificate otherRoot = TestPki.create(NOW, "Other").root();

        assertThat(run(
                        "receipt",
                        "verify",
                        receipt.toString(),
                        "--trust-anchors",
                        anchors(dir, otherRoot).toString()))
                .isEqualTo(1);
        assertThat(out.toString()).startsWith("RECEIPT INVALID").contains("FAIL receipt.certificate-chain");
    }

    @Test
    void somethingThatIsNotAJwsIsACleanFailure(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.jws");
        Files.writeString(junk, "not a receipt");

        assertThat(run(
                        "receipt",
                        "verify",
                        junk.toString(),
                        "--trust-anchors",
                        anchors(dir, pki.root()).toString()))
                .isEqualTo(1);
        assertThat(out.toString() + err).doesNotContain("\tat ");
    }
}
