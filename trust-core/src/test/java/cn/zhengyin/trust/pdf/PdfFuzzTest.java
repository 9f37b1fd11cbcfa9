package cn.zhengyin.trust.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.fuzz.Bounded;
import cn.zhengyin.trust.fuzz.ReplaysCommittedCorpus;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Hostile-input fuzzing of PAdES verification: {@link PdfSignatureVerifier#verify(byte[])} never throws and always
 * answers with a report, in bounded time. A normal test run replays, without Jazzer ({@link
 * ReplaysCommittedCorpus}), src/test/resources/cn/zhengyin/trust/pdf/PdfFuzzTestInputs; {@code JAZZER_FUZZ=1}
 * fuzzes (docs/fuzzing.md).
 */
class PdfFuzzTest implements ReplaysCommittedCorpus {
    private static final PdfSignatureVerifier VERIFIER = new PdfSignatureVerifier(
            Set.of(), List.of(), Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC));

    @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = ".+")
    @FuzzTest(maxDuration = "60s")
    void verifyingArbitraryBytesAsAPdfAlwaysYieldsAReport(@NotNull @WithLength(max = 64 * 1024) byte[] pdf) {
        Bounded.run(() -> assertThat(VERIFIER.verify(pdf).indication()).isNotNull());
    }
}
