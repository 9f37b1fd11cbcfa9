package cn.zhengyin.trust.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.fuzz.Bounded;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * Hostile-input fuzzing of PAdES verification: {@link PdfSignatureVerifier#verify(byte[])} never throws and always
 * answers with a report, in bounded time. A normal test run replays
 * src/test/resources/cn/zhengyin/trust/pdf/PdfFuzzTestInputs; {@code JAZZER_FUZZ=1} fuzzes (docs/fuzzing.md).
 */
class PdfFuzzTest {
    private static final PdfSignatureVerifier VERIFIER = new PdfSignatureVerifier(
            Set.of(), List.of(), Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC));

    @FuzzTest(maxDuration = "60s")
    void verifyingArbitraryBytesAsAPdfAlwaysYieldsAReport(@NotNull @WithLength(max = 64 * 1024) byte[] pdf) {
        Bounded.run(() -> assertThat(VERIFIER.verify(pdf).indication()).isNotNull());
    }
}
