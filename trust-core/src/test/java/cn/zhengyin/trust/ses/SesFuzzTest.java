package cn.zhengyin.trust.ses;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.fuzz.Bounded;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;

/**
 * Hostile-input fuzzing of the GB/T 38540 decoder: any byte string either decodes or is rejected with
 * {@link SesFormatException}, in bounded time. Replays src/test/resources/cn/zhengyin/trust/ses/SesFuzzTestInputs
 * in a normal test run; {@code JAZZER_FUZZ=1} fuzzes (see docs/fuzzing.md).
 */
class SesFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void decodingArbitraryBytesAsASealYieldsASealOrAFormatException(@NotNull @WithLength(max = 16 * 1024) byte[] der) {
        Bounded.run(() -> {
            try {
                assertThat(SesCodec.decodeSeal(der)).isNotNull();
            } catch (SesFormatException rejected) {
                assertThat(rejected).hasMessageContaining("SESeal");
            }
        });
    }
}
