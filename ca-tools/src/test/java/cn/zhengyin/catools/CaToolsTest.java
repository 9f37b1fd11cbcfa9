package cn.zhengyin.catools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import cn.zhengyin.trust.pki.CertificateProfile;
import cn.zhengyin.trust.pki.Credential;
import cn.zhengyin.trust.pki.Pem;
import cn.zhengyin.trust.pki.Pkcs12;
import cn.zhengyin.trust.pki.devpki.DevPkiDeclaration;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaToolsTest {
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    private static final List<String> ENTITIES = List.of(
            "root-ca",
            "seal-ca",
            "tsa",
            "ocsp",
            "translog",
            "report-signer",
            "field-release",
            "trust-list-signer",
            "dev-seal",
            "sm2-root-ca",
            "sm2-seal-ca",
            "sm2-tsa",
            "sm2-seal-maker",
            "sm2-dev-seal");
    private static final List<String> CAS = List.of("root-ca", "seal-ca", "sm2-root-ca", "sm2-seal-ca");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CaTools.run(Clock.fixed(NOW, ZoneOffset.UTC), new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void devPkiGenerateWritesEveryFileOfTheDeclaredPki(@TempDir Path dir) throws IOException {
        Path keys = dir.resolve("keys-dev");
        assertThat(run("dev-pki", "generate", "--out", keys.toString()))
                .as(err.toString())
                .isZero();

        List<String> expected = Stream.concat(
                        Stream.concat(
                                ENTITIES.stream().flatMap(n -> Stream.of(n + ".p12", n + ".crt.pem")),
                                CAS.stream().map(n -> n + ".crl")),
                        Stream.of("trust-anchors.pem", "dev-pki.properties"))
                .toList();
        try (Stream<Path> files = Files.list(keys)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(expected);
        }
        Credential seal = Pkcs12.read(keys.resolve("dev-seal.p12"), "zhengyin-dev".toCharArray());
        assertThat(seal.name()).isEqualTo("dev-seal");
        assertThat(seal.chain()).hasSize(3);
        assertThat(seal.certificate().getSubjectX500Principal().getName())
                .contains("CN=证印示范市市场监督管理局电子证照专用章", "O=证印示范市市场监督管理局");
        assertThat(Pem.parseCertificates(Files.readAllBytes(keys.resolve("trust-anchors.pem"))))
                .extracting(c -> c.getSubjectX500Principal().getName())
                .containsExactly(
                        "CN=Zhengyin Dev Root CA (ECDSA),O=Zhengyin Development PKI,C=CN",
                        "CN=Zhengyin Dev Root CA (SM2),O=Zhengyin Development PKI,C=CN");
        X509CRL crl = Pem.parseCrl(Files.readAllBytes(keys.resolve("seal-ca.crl")));
        assertThat(crl.getNextUpdate().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(crl.getRevokedCertificates()).isNull();
        assertThat(out.toString()).contains("Wrote 34 files of the DEVELOPMENT PKI (14 entities)");
    }

    @Test
    void devPkiAddIssuesOneDeclaredEntityFromTheStoredIssuerAndLeavesEveryOtherFileUnchanged(@TempDir Path dir)
            throws IOException {
        assertThat(run("dev-pki", "generate", "--out", dir.toString())).isZero();
        Files.delete(dir.resolve("report-signer.p12"));
        Files.delete(dir.resolve("report-signer.crt.pem"));
        java.util.Map<String, byte[]> before = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                before.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }

        assertThat(run("dev-pki", "add", "report-signer", "--out", dir.toString()))
                .as(err.toString())
                .isZero();

        for (var file : before.entrySet()) {
            assertThat(Files.readAllBytes(dir.resolve(file.getKey())))
                    .as(file.getKey())
                    .isEqualTo(file.getValue());
        }
        Credential signer = Pkcs12.read(dir.resolve("report-signer.p12"), "zhengyin-dev".toCharArray());
        Credential sealCa = Pkcs12.read(dir.resolve("seal-ca.p12"), "zhengyin-dev".toCharArray());
        assertThat(signer.chain()).hasSize(3);
        assertThat(signer.certificate().getIssuerX500Principal())
                .isEqualTo(sealCa.certificate().getSubjectX500Principal());
        assertThatCode(() -> signer.certificate().verify(sealCa.certificate().getPublicKey()))
                .doesNotThrowAnyException();
        assertThat(run("dev-pki", "add", "report-signer", "--out", dir.toString()))
                .isEqualTo(1);
        assertThat(run("dev-pki", "add", "seal-ca", "--out", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("refusing to overwrite").contains("is a CA");
    }

    @Test
    void devPkiGenerateRefusesToOverwriteWithoutForce(@TempDir Path dir) throws IOException {
        assertThat(run("dev-pki", "generate", "--out", dir.toString())).isZero();
        byte[] before = Files.readAllBytes(dir.resolve("root-ca.p12"));

        assertThat(run("dev-pki", "generate", "--out", dir.toString())).isEqualTo(1);
        assertThat(err.toString())
                .startsWith("ca-tools: error: ")
                .contains("refusing to overwrite, use --force")
                .doesNotContain("Exception", "\tat ");
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(Files.readAllBytes(dir.resolve("root-ca.p12"))).isEqualTo(before);

        assertThat(run(
                        "dev-pki",
                        "generate",
                        "--out",
                        dir.toString(),
                        "--force",
                        "--crl-base-url",
                        "https://ca.example.test/crl"))
                .isZero();
        assertThat(Files.readAllBytes(dir.resolve("root-ca.p12"))).isNotEqualTo(before);
        assertThat(Pkcs12.read(dir.resolve("dev-seal.p12"), "zhengyin-dev".toCharArray())
                        .certificate()
                        .getExtensionValue("2.5.29.31"))
                .asString(StandardCharsets.ISO_8859_1)
                .contains("https://ca.example.test/crl/seal-ca.crl");
    }

    @Test
    void badArgumentsGiveExitCodeTwoAndOneLineMessage() {
        assertThat(run("dev-pki", "generate")).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("ca-tools: Missing required option: '--out=DIR' (see 'ca-tools dev-pki generate --help')"
                        + System.lineSeparator());

        err.getBuffer().setLength(0);
        assertThat(run("crl", "generate", "--ca", "x.p12", "--out", "y.crl", "--next-update", "soon"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--next-update").doesNotContain("\tat ");

        err.getBuffer().setLength(0);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString()).startsWith("ca-tools: Unmatched argument").hasLineCount(1);

        err.getBuffer().setLength(0);
        assertThat(run("dev-pki")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required subcommand");
    }

    @Test
    void missingFileIsAFailureWithOneLineMessage(@TempDir Path dir) {
        assertThat(run("cert", "show", dir.resolve("nope.pem").toString())).isEqualTo(1);
        assertThat(err.toString())
                .isEqualTo("ca-tools: error: no such file: " + dir.resolve("nope.pem") + System.lineSeparator());
    }

    @Test
    void certShowPrintsSubjectSerialValidityAndUsages(@TempDir Path dir) throws IOException {
        run("dev-pki", "generate", "--out", dir.toString());
        out.getBuffer().setLength(0);
        assertThat(run("cert", "show", dir.resolve("tsa.crt.pem").toString())).isZero();
        String serial = Pem.parseCertificates(Files.readAllBytes(dir.resolve("tsa.crt.pem")))
                .getFirst()
                .getSerialNumber()
                .toString(16)
                .toUpperCase(java.util.Locale.ROOT);
        assertThat(out.toString())
                .contains("Subject:             C=CN,O=Zhengyin Development PKI,CN=Zhengyin Dev TSA (ECDSA)")
                .contains("Issuer:              C=CN,O=Zhengyin Development PKI,CN=Zhengyin Dev Seal CA (ECDSA)")
                .contains("Serial:              " + serial)
                .contains("Not before:          2026-03-01T08:00:00Z", "Not after:           2031-03-01T08:00:00Z")
                .contains("Key usage:           digitalSignature", "Extended key usage:  timeStamping");

        out.getBuffer().setLength(0);
        assertThat(run("cert", "show", dir.resolve("sm2-dev-seal.p12").toString()))
                .isZero();
        assertThat(out.toString())
                .contains(
                        "SM3WITHSM2", "organizationIdentifier=11110100000000019Q", "digitalSignature, nonRepudiation");
    }

    @Test
    void crlGenerateReissuesCrlWithRevokedAndHeldSerials(@TempDir Path dir) throws Exception {
        run("dev-pki", "generate", "--out", dir.toString());
        Credential seal = Pkcs12.read(dir.resolve("dev-seal.p12"), "zhengyin-dev".toCharArray());
        BigInteger held = seal.certificate().getSerialNumber();
        Path crlFile = dir.resolve("seal-ca.pem");

        assertThat(run(
                        "crl",
                        "generate",
                        "--ca",
                        dir.resolve("seal-ca.p12").toString(),
                        "--revoke",
                        held.toString(16) + ":certificateHold",
                        "--revoke",
                        "0x1234:keyCompromise:2026-02-01T00:00:00Z",
                        "--number",
                        "5",
                        "--out",
                        crlFile.toString()))
                .as(err.toString())
                .isZero();

        X509CRL crl = Pem.parseCrl(Files.readAllBytes(crlFile));
        crl.verify(Pkcs12.read(dir.resolve("seal-ca.p12"), "zhengyin-dev".toCharArray())
                .certificate()
                .getPublicKey());
        assertThat(crl.getRevokedCertificate(held).getRevocationReason()).isEqualTo(CRLReason.CERTIFICATE_HOLD);
        assertThat(crl.getRevokedCertificate(held).getRevocationDate().toInstant())
                .isEqualTo(NOW);
        assertThat(crl.getRevokedCertificate(BigInteger.valueOf(0x1234)).getRevocationReason())
                .isEqualTo(CRLReason.KEY_COMPROMISE);
        assertThat(out.toString()).contains("with 2 entries");

        err.getBuffer().setLength(0);
        assertThat(run(
                        "crl",
                        "generate",
                        "--ca",
                        dir.resolve("dev-seal.p12").toString(),
                        "--out",
                        dir.resolve("x.crl").toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("lacks keyUsage cRLSign");
    }

    @Test
    void builtInDeclarationUsesAValidGb32100CodeForTheDemoSeals() throws IOException {
        DevPkiDeclaration declaration;
        try (InputStream in = CaTools.class.getResourceAsStream("dev-pki.properties")) {
            declaration = DevPkiDeclaration.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(declaration.entities())
                .extracting(DevPkiDeclaration.Entity::name)
                .containsExactlyElementsOf(ENTITIES);
        for (String name : List.of("dev-seal", "sm2-dev-seal")) {
            var seal = (CertificateProfile.SealSigning)
                    declaration.entity(name).orElseThrow().profile();
            assertThat(seal.uscc()).hasSize(18);
            assertThat(gb32100CheckCharacter(seal.uscc().substring(0, 17)))
                    .isEqualTo(seal.uscc().charAt(17));
        }
    }

    /** GB 32100-2015 §5: check character over the first 17 characters. */
    private static char gb32100CheckCharacter(String first17) {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += alphabet.indexOf(first17.charAt(i)) * weights[i];
        }
        int check = 31 - sum % 31;
        return alphabet.charAt(check == 31 ? 0 : check);
    }
}
