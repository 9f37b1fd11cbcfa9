package cn.zhengyin.trust.ses;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.fuzz.Bounded;
import cn.zhengyin.trust.fuzz.ReplaysCommittedCorpus;
import cn.zhengyin.trust.validation.RevocationPolicy;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Hostile-input fuzzing of the GB/T 38540 decoder and verifier: any byte string either decodes or is rejected with
 * {@link SesFormatException}; the verifier always answers with a report; all in bounded time. A normal test run
 * replays src/test/resources/cn/zhengyin/trust/ses/SesFuzzTestInputs; {@code JAZZER_FUZZ=1} fuzzes
 * (docs/fuzzing.md).
 */
class SesFuzzTest implements ReplaysCommittedCorpus {
    private static final Instant AT = Instant.parse("2026-11-21T08:00:00Z");
    private static final byte[] ORIGINAL = "<ofd:Signature>示范</ofd:Signature>".getBytes(StandardCharsets.UTF_8);
    private static final SesVerifier VERIFIER =
            new SesVerifier(Set.of(), List.of(), List.of(), RevocationPolicy.CHECK_IF_AVAILABLE);

    @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = ".+")
    @FuzzTest(maxDuration = "60s")
    void decodingArbitraryBytesAsASealYieldsASealOrAFormatException(@NotNull @WithLength(max = 16 * 1024) byte[] der) {
        Bounded.run(() -> {
            try {
                assertThat(SesCodec.decodeSeal(der).sealInfo()).isNotNull();
            } catch (SesFormatException rejected) {
                assertThat(rejected.getMessage()).isNotBlank();
            }
        });
    }

    @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = ".+")
    @FuzzTest(maxDuration = "60s")
    void decodingArbitraryBytesAsASignatureYieldsASignatureOrAFormatException(
            @NotNull @WithLength(max = 16 * 1024) byte[] der) {
        Bounded.run(() -> {
            try {
                assertThat(SesCodec.decodeSignature(der).toSign()).isNotNull();
            } catch (SesFormatException rejected) {
                assertThat(rejected.getMessage()).isNotBlank();
            }
        });
    }

    @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = ".+")
    @FuzzTest(maxDuration = "60s")
    void verifyingArbitraryBytesAsASignatureAlwaysYieldsAReport(@NotNull @WithLength(max = 16 * 1024) byte[] der) {
        Bounded.run(() -> assertThat(VERIFIER.verifySignature(der, ORIGINAL, AT).indication())
                .isNotNull());
    }
}
