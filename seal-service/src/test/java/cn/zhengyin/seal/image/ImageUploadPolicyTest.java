package cn.zhengyin.seal.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.seal.image.ImageRejectedException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ImageUploadPolicyTest {
    private final ImageUploadPolicy policy = new ImageUploadPolicy();

    @Test
    void acceptsARealPngAndKeepsItsBytes() {
        byte[] png = ImageFixtures.png(300, 200);
        ImageUploadPolicy.AcceptedImage accepted = policy.inspect(png, Optional.of("seal.png"));
        assertThat(accepted.format()).isEqualTo(ImageFormat.PNG);
        assertThat(accepted.width()).isEqualTo(300);
        assertThat(accepted.height()).isEqualTo(200);
        assertThat(accepted.content()).isEqualTo(png);
    }

    @Test
    void acceptsACleanSvgAndMeasuresItInMillimetres() {
        ImageUploadPolicy.AcceptedImage accepted =
                policy.inspect(ImageFixtures.svg(ImageFixtures.CLEAN_BODY), Optional.of("seal.svg"));
        assertThat(accepted.format()).isEqualTo(ImageFormat.SVG);
        assertThat(accepted.width()).isEqualTo(40);
        String stored = new String(accepted.content(), StandardCharsets.UTF_8);
        assertThat(stored).contains("<path").contains("clip-path=\"url(#c)\"").contains("xlink:href=\"#c\"");
    }

    @Test
    void rejectsAJpeg() {
        rejected(
                () -> policy.inspect(ImageFixtures.jpeg(), Optional.of("seal.jpg")),
                Reason.UNSUPPORTED_TYPE,
                "content is JPEG");
    }

    @Test
    void rejectsAJpegRenamedToPng() {
        rejected(
                () -> policy.inspect(ImageFixtures.jpeg(), Optional.of("seal.png")),
                Reason.UNSUPPORTED_TYPE,
                "content is JPEG");
    }

    @Test
    void rejectsATextFileRenamedToPng() {
        rejected(
                () -> policy.inspect("hello, not an image".getBytes(), Optional.of("seal.png")),
                Reason.UNSUPPORTED_TYPE,
                "not a recognised image");
    }

    @Test
    void rejectsAPngNamedSvg() {
        rejected(
                () -> policy.inspect(ImageFixtures.png(100, 100), Optional.of("seal.svg")),
                Reason.UNSUPPORTED_TYPE,
                "named 'seal.svg' but its content is PNG");
    }

    @Test
    void rejectsAPngBombByItsHeaderBeforeDecoding() {
        rejected(
                () -> policy.inspect(ImageFixtures.pngBombHeader(100_000, 100_000), Optional.empty()),
                Reason.INVALID_IMAGE,
                "declares 100000×100000 pixels");
    }

    @Test
    void rejectsPngsSmallerThan64Pixels() {
        rejected(
                () -> policy.inspect(ImageFixtures.png(32, 100), Optional.empty()),
                Reason.INVALID_IMAGE,
                "between 64×64 and 4096×4096");
    }

    @Test
    void rejectsATruncatedPng() {
        byte[] png = ImageFixtures.png(200, 200);
        rejected(
                () -> policy.inspect(Arrays.copyOf(png, 60), Optional.empty()),
                Reason.INVALID_IMAGE,
                "cannot be decoded");
    }

    @Test
    void rejectsAFileOverTwoMebibytes() {
        byte[] big = Arrays.copyOf(ImageFixtures.png(100, 100), ImageUploadPolicy.MAX_BYTES + 1);
        rejected(() -> policy.inspect(big, Optional.empty()), Reason.TOO_LARGE, "at most 2097152 bytes");
    }

    @Test
    void rejectsXmlThatIsNotSvg() {
        rejected(
                () -> policy.inspect("<html><body/></html>".getBytes(), Optional.empty()),
                Reason.UNSUPPORTED_TYPE,
                "root element is <html>");
    }

    private static void rejected(ThrowingCallable call, Reason reason, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        ImageRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(message);
    }
}
