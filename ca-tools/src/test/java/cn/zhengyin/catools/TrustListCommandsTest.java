package cn.zhengyin.catools;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.identifier.UnifiedSocialCreditCode;
import cn.zhengyin.trust.pki.Pem;
import cn.zhengyin.trust.pki.Pkcs12;
import cn.zhengyin.trust.trustlist.AuthorityStatus;
import cn.zhengyin.trust.trustlist.ListedAuthority;
import cn.zhengyin.trust.trustlist.SchemeInformation;
import cn.zhengyin.trust.trustlist.StatusChange;
import cn.zhengyin.trust.trustlist.TrustList;
import cn.zhengyin.trust.trustlist.TrustListXml;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustListCommandsTest {
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    private static final String BUSINESS_LICENCE = "11100000XF0000001X001";

    @TempDir
    Path dir;

    private Path keys;
    private Path other;
    private StringWriter out;
    private StringWriter err;

    private int run(Instant now, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return CaTools.run(Clock.fixed(now, ZoneOffset.UTC), new PrintWriter(out), new PrintWriter(err), args);
    }

    private int run(String... args) {
        return run(NOW, args);
    }

    @BeforeEach
    void twoIndependentDevPkis() {
        keys = dir.resolve("keys-dev");
        other = keys.resolve("other-province");
        assertThat(run("dev-pki", "generate", "--out", keys.toString())).isZero();
        assertThat(run(
                        "dev-pki",
                        "generate",
                        "--profile",
                        "other-province",
                        "--out",
                        other.toString(),
                        "--crl-base-url",
                        "http://pki.other-province.example/crl"))
                .as(err.toString())
                .isZero();
    }

    @Test
    void theOtherProvinceIsASecondIndependentPkiWithItsOwnRootsSealsTsaAndCrls() throws IOException {
        assertThat(out.toString()).contains("Wrote 20 files of the DEVELOPMENT PKI (7 entities)");
        var seal = Pkcs12.read(other.resolve("market-seal.p12"), "zhengyin-dev".toCharArray());
        assertThat(seal.certificate().getSubjectX500Principal().getName())
                .contains("2.5.4.97=#0c12313139383031303030303030303030313942", "O=邻省示范市市场监督管理局");
        assertThat(seal.chain()).hasSize(3);
        var anchors = Pem.parseCertificates(Files.readAllBytes(other.resolve("trust-anchors.pem")));
        var ownAnchors = Pem.parseCertificates(Files.readAllBytes(keys.resolve("trust-anchors.pem")));
        assertThat(anchors).hasSize(2).doesNotContainAnyElementsOf(ownAnchors);
        assertThat(seal.chain().getLast()).isEqualTo(anchors.getFirst());
        for (String file : List.of("seal-ca.crl", "root-ca.crl", "sm2-seal-ca.crl", "tsa.p12", "sm2-market-seal.p12")) {
            assertThat(other.resolve(file)).exists();
        }
        assertThat(Files.readString(other.resolve("market-seal.crt.pem"))).isNotEmpty();
        assertThat(run(
                        "dev-pki",
                        "generate",
                        "--profile",
                        "elsewhere",
                        "--out",
                        dir.resolve("x").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("'elsewhere' is not a profile");
        assertThat(run(
                        "dev-pki",
                        "generate",
                        "--profile",
                        "other-province",
                        "--declaration",
                        keys.resolve("dev-pki.properties").toString(),
                        "--out",
                        dir.resolve("y").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("either --declaration or --profile");
    }

    @Test
    void signVerifyShowAndTheFailuresWithTheirExitCodes() throws IOException {
        Path unsigned = dir.resolve("trust-list.unsigned.xml");
        Files.write(unsigned, TrustListXml.toBytes(list(1, NOW.plus(Duration.ofDays(30)))));
        Path signed = dir.resolve("trust-list.xml");
        String signerP12 = keys.resolve("trust-list-signer.p12").toString();
        String signerCert = keys.resolve("trust-list-signer.crt.pem").toString();

        assertThat(run("trust-list", "sign", unsigned.toString(), "--signer", signerP12, "--out", signed.toString()))
                .as(err.toString())
                .isZero();
        assertThat(out.toString()).contains("Signed trust list sequence 1 (1 authority");

        assertThat(run("trust-list", "verify", signed.toString(), "--signer-cert", signerCert))
                .as(err.toString())
                .isZero();
        assertThat(out.toString())
                .contains("VALID trust list", "sequence:    1", "Zhengyin Dev Trust List Signer (ECDSA)");
        assertThat(run(
                        "trust-list",
                        "verify",
                        signed.toString(),
                        "--signer-anchors",
                        keys.resolve("trust-anchors.pem").toString()))
                .as(err.toString())
                .isZero();

        assertThat(run("trust-list", "show", signed.toString())).isZero();
        assertThat(out.toString())
                .contains("邻省示范市市场监督管理局", "示范邻省", "11980100000000019B", "granted", BUSINESS_LICENCE)
                .contains("recognised", "Other Province Dev Seal CA (ECDSA)", "Other Province Dev Seal CA (SM2)");

        // stale: after nextUpdate -> 1
        assertThat(run(
                        NOW.plus(Duration.ofDays(31)),
                        "trust-list",
                        "verify",
                        signed.toString(),
                        "--signer-cert",
                        signerCert))
                .isEqualTo(1);
        assertThat(err.toString()).contains("INVALID: STALE", "stale");
        // rollback -> 1
        assertThat(run("trust-list", "verify", signed.toString(), "--signer-cert", signerCert, "--min-sequence", "2"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("INVALID: ROLLBACK");
        // wrong signer -> 1
        assertThat(run(
                        "trust-list",
                        "verify",
                        signed.toString(),
                        "--signer-cert",
                        keys.resolve("dev-seal.crt.pem").toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("INVALID: SIGNER_NOT_TRUSTED");
        // changed after signing -> 1
        Path changed = dir.resolve("changed.xml");
        Files.writeString(
                changed,
                Files.readString(signed).replace("<TSLSequenceNumber>1<", "<TSLSequenceNumber>9<"),
                StandardCharsets.UTF_8);
        assertThat(run("trust-list", "verify", changed.toString(), "--signer-cert", signerCert))
                .isEqualTo(1);
        assertThat(err.toString()).contains("INVALID: SIGNATURE_INVALID");
        // unsigned -> 1
        assertThat(run("trust-list", "verify", unsigned.toString(), "--signer-cert", signerCert))
                .isEqualTo(1);
        assertThat(err.toString()).contains("INVALID: UNSIGNED");
    }

    @Test
    void badInputExitsTwoWithOneLine() throws IOException {
        String signerCert = keys.resolve("trust-list-signer.crt.pem").toString();
        assertThat(run("trust-list", "verify", dir.resolve("none.xml").toString(), "--signer-cert", signerCert))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("ca-tools: no such file:");
        Path notXml = dir.resolve("not.xml");
        Files.writeString(notXml, "not a list");
        assertThat(run("trust-list", "verify", notXml.toString(), "--signer-cert", signerCert))
                .isEqualTo(2);
        assertThat(err.toString()).contains("not acceptable XML");
        assertThat(run("trust-list", "show", notXml.toString())).isEqualTo(2);
        assertThat(run("trust-list", "verify", notXml.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required argument");
        assertThat(run(
                        "trust-list",
                        "verify",
                        notXml.toString(),
                        "--signer-cert",
                        signerCert,
                        "--signer-anchors",
                        signerCert))
                .isEqualTo(2);
        assertThat(run("trust-list", "verify", notXml.toString(), "--signer-cert", notXml.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("cannot be read as certificates");
        assertThat(run(
                        "trust-list",
                        "sign",
                        notXml.toString(),
                        "--signer",
                        keys.resolve("trust-list-signer.p12").toString(),
                        "--out",
                        dir.resolve("o.xml").toString()))
                .isEqualTo(2);
        assertThat(dir.resolve("o.xml")).doesNotExist();
    }

    private TrustList list(long sequence, Instant nextUpdate) throws IOException {
        var ecdsaCa = Pem.parseCertificates(Files.readAllBytes(other.resolve("seal-ca.crt.pem")));
        var sm2Ca = Pem.parseCertificates(Files.readAllBytes(other.resolve("sm2-seal-ca.crt.pem")));
        ListedAuthority market = new ListedAuthority(
                "邻省示范市市场监督管理局",
                UnifiedSocialCreditCode.parse("11980100000000019B"),
                "示范邻省",
                List.of(ecdsaCa.getFirst(), sm2Ca.getFirst()),
                List.of(BUSINESS_LICENCE),
                NOW,
                Optional.empty(),
                List.of(new StatusChange(AuthorityStatus.GRANTED, NOW)));
        return new TrustList(
                new SchemeInformation(sequence, "证印示范市电子证照中心", "证照互认信任列表 (dev)", "CN", NOW, nextUpdate),
                List.of(market));
    }
}
