package cn.zhengyin.trust.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestsTest {

    private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);
    // FIPS 180-2 appendix B.1 and GB/T 32905-2016 appendix A.1: the digests of "abc"
    private static final String SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String SM3_ABC = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0";

    @Test
    void sha256MatchesTheStandardsTestVector() {
        assertThat(Digests.sha256Hex(ABC)).isEqualTo(SHA256_ABC);
        assertThat(Digests.sha256(ABC)).isEqualTo(HexFormat.of().parseHex(SHA256_ABC));
    }

    @Test
    void sm3MatchesTheStandardsTestVector() {
        assertThat(HexFormat.of().formatHex(Digests.sm3(ABC))).isEqualTo(SM3_ABC);
    }

    @Test
    void aNamedDigestIsTheJdksWhereItHasOneAndBouncyCastlesForSm3() throws Exception {
        // the JDK's SHA-2 runs on the processor's SHA instructions, ~10x Bouncy Castle's (docs/performance.md)
        assertThat(Digests.named("SHA-256").getProvider().getName()).isEqualTo("SUN");
        assertThat(HexFormat.of().formatHex(Digests.named("SHA-256").digest(ABC)))
                .isEqualTo(SHA256_ABC);
        assertThat(Digests.named("SM3").getProvider().getName()).isEqualTo("BC");
        assertThat(HexFormat.of().formatHex(Digests.named("SM3").digest(ABC))).isEqualTo(SM3_ABC);
        assertThatThrownBy(() -> Digests.named("NO-SUCH-DIGEST"))
                .isInstanceOf(java.security.NoSuchAlgorithmException.class);
    }

    @Test
    void aFileIsHashedLikeItsBytesAlsoPastOneBuffer(@TempDir Path dir) throws Exception {
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        Path file = Files.write(dir.resolve("data.bin"), big);
        assertThat(Digests.sha256Hex(file)).isEqualTo(Digests.sha256Hex(big));
        assertThat(Digests.sha256Hex(Files.write(dir.resolve("abc"), ABC))).isEqualTo(SHA256_ABC);
    }

    @Test
    void aMissingFileIsAnUncheckedIoErrorNamingIt(@TempDir Path dir) {
        assertThatThrownBy(() -> Digests.sha256Hex(dir.resolve("absent.bin")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("absent.bin");
    }
}
