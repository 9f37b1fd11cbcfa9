package cn.zhengyin.catools;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.ofd.OfdPackage;
import cn.zhengyin.trust.ofd.TestOfds;
import cn.zhengyin.trust.ses.SesFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ca-tools verify FILE.ofd}: an OFD sealed with GB/T 38540 is recognised by content and verified offline. */
class VerifyOfdCommandTest {

    static final Path KEYS = Path.of("..", "keys-dev");
    static SesFixture fixture;
    static Instant at;
    static byte[] sealed;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void seal() {
        fixture = new SesFixture();
        at = fixture.now.plusSeconds(60);
        sealed = TestOfds.seal(fixture, fixture.seal(), TestOfds.unsigned(), at);
    }

    private int run(Path ofd, String policy) {
        return CaTools.run(
                Clock.fixed(at.plusSeconds(3600), ZoneOffset.UTC),
                new PrintWriter(out),
                new PrintWriter(err),
                List.of(
                                "verify",
                                ofd.toString(),
                                "--policy",
                                policy,
                                "--trust-anchors",
                                KEYS.resolve("sm2-root-ca.crt.pem").toString(),
                                "--intermediates",
                                KEYS.resolve("sm2-seal-ca.crt.pem").toString(),
                                "--crl",
                                KEYS.resolve("sm2-seal-ca.crl").toString(),
                                "--crl",
                                KEYS.resolve("sm2-root-ca.crl").toString())
                        .toArray(String[]::new));
    }

    @Test
    void aSealedOfdWithTheIssuersCrlsIsValidOfflineWithExitCode0(@TempDir Path dir) throws Exception {
        Path ofd = dir.resolve("licence.ofd");
        Files.write(ofd, sealed);
        assertThat(run(ofd, "licence")).as(out + "\n" + err).isZero();
        assertThat(out.toString())
                .startsWith("VALID  TOTAL_PASSED  policy licence")
                .contains("ok   ofd.references.digests", "ok   ofd.references.coverage", "ok   ses.signature.value");
    }

    @Test
    void aChangedPageFailsWithExitCode1(@TempDir Path dir) throws Exception {
        OfdPackage pkg = OfdPackage.read(sealed);
        byte[] page = pkg.part("Doc_0/Pages/Page_0/Content.xml").orElseThrow();
        page[page.length / 2] ^= 1;
        Path ofd = dir.resolve("tampered.ofd");
        Files.write(ofd, pkg.with("Doc_0/Pages/Page_0/Content.xml", page).write());
        assertThat(run(ofd, "licence")).isEqualTo(1);
        assertThat(out.toString())
                .startsWith("FAILED  TOTAL_FAILED / HASH_FAILURE")
                .contains("/Doc_0/Pages/Page_0");
    }
}
