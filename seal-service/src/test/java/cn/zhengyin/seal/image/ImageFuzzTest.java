package cn.zhengyin.seal.image;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.fuzz.Bounded;
import cn.zhengyin.trust.fuzz.ReplaysCommittedCorpus;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;
import java.util.Optional;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Hostile-input fuzzing of seal image uploads: {@link ImageUploadPolicy#inspect} and {@link SvgSanitiser#sanitise}
 * accept an image or throw {@link ImageRejectedException}, in bounded time. A normal test run replays, without
 * Jazzer ({@link ReplaysCommittedCorpus}), src/test/resources/cn/zhengyin/seal/image/ImageFuzzTestInputs; {@code
 * JAZZER_FUZZ=1} fuzzes (docs/fuzzing.md).
 */
class ImageFuzzTest implements ReplaysCommittedCorpus {
    private static final ImageUploadPolicy POLICY = new ImageUploadPolicy();
    private static final SvgSanitiser SANITISER = new SvgSanitiser();

    @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = ".+")
    @FuzzTest(maxDuration = "60s")
    void inspectingArbitraryUploadsAcceptsAnImageOrRejectsIt(@NotNull @WithLength(max = 32 * 1024) byte[] upload) {
        Bounded.run(() -> {
            try {
                ImageUploadPolicy.AcceptedImage image = POLICY.inspect(upload, Optional.empty());
                assertThat(image.content()).isNotEmpty();
                assertThat(image.width()).isPositive();
                assertThat(image.height()).isPositive();
            } catch (ImageRejectedException rejected) {
                assertThat(rejected.getMessage()).isNotBlank();
            }
        });
    }

    @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = ".+")
    @FuzzTest(maxDuration = "60s")
    void sanitisingArbitraryBytesAsSvgYieldsACleanSvgOrARejection(@NotNull @WithLength(max = 32 * 1024) byte[] svg) {
        Bounded.run(() -> {
            try {
                SvgSanitiser.SanitisedSvg clean = SANITISER.sanitise(svg);
                assertThat(clean.widthMm()).isPositive();
                assertThat(clean.heightMm()).isPositive();
                // what the sanitiser lets through must itself pass the sanitiser unchanged in meaning
                assertThat(SANITISER.sanitise(clean.content()).widthMm()).isEqualTo(clean.widthMm());
            } catch (ImageRejectedException rejected) {
                assertThat(rejected.getMessage()).isNotBlank();
            }
        });
    }
}
