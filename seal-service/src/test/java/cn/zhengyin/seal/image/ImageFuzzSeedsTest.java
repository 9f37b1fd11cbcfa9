package cn.zhengyin.seal.image;

import cn.zhengyin.trust.fuzz.FuzzSeedsTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Writes the seeds of {@link ImageFuzzTest} (by hand: {@code -Dzhengyin.fuzz.write-seeds=true}); skipped otherwise. */
@EnabledIfSystemProperty(named = "zhengyin.fuzz.write-seeds", matches = "true")
class ImageFuzzSeedsTest {

    @Test
    void seedsAreWritten() throws Exception {
        byte[] svg = ImageFixtures.svg(ImageFixtures.CLEAN_BODY);
        byte[] hostileSvg = ("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 40 40\" onload=\"alert(1)\">"
                        + "<script>alert(2)</script><image href=\"http://example.com/x.png\"/>"
                        + "<rect style=\"fill:url(http://example.com/#a)\" width=\"1\" height=\"1\"/></svg>")
                .getBytes(StandardCharsets.UTF_8);
        FuzzSeedsTest.write(
                ImageFuzzTest.class,
                "inspectingArbitraryUploadsAcceptsAnImageOrRejectsIt",
                Map.of(
                        "seed.png",
                        ImageFixtures.png(64, 64),
                        "seed-bomb-header.png",
                        ImageFixtures.pngBombHeader(100_000, 100_000),
                        "seed.svg",
                        svg,
                        "seed-hostile.svg",
                        hostileSvg));
        FuzzSeedsTest.write(
                ImageFuzzTest.class,
                "sanitisingArbitraryBytesAsSvgYieldsACleanSvgOrARejection",
                Map.of("seed.svg", svg, "seed-hostile.svg", hostileSvg));
    }
}
