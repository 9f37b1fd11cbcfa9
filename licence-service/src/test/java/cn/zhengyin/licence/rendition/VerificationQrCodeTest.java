package cn.zhengyin.licence.rendition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.licence.licencetype.LicenceType;
import cn.zhengyin.licence.licencetype.LicenceTypeFixture;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The QR code encoded once per licence: zxing's modules, carried by the render context of that URL only. */
class VerificationQrCodeTest {
    private static final LicenceType TYPE = LicenceTypeFixture.businessLicence();
    private static final LicenceIdentifier ID = LicenceIdentifier.first(
            TYPE.typeCode(), TYPE.sample().issuerCode(), TYPE.sample().serial());
    private static final String URL = "https://zhengyin.example.cn/v/" + ID;

    @Test
    void holdsZxingsModulesAndDrawsEveryDarkOneOnce() throws Exception {
        BitMatrix expected = new QRCodeWriter()
                .encode(
                        URL,
                        BarcodeFormat.QR_CODE,
                        0,
                        0,
                        Map.of(
                                EncodeHintType.ERROR_CORRECTION,
                                ErrorCorrectionLevel.M,
                                EncodeHintType.CHARACTER_SET,
                                StandardCharsets.UTF_8.name(),
                                EncodeHintType.MARGIN,
                                1));
        VerificationQrCode qr = VerificationQrCode.encode(URL);

        assertThat(qr.width()).isEqualTo(expected.getWidth());
        assertThat(qr.height()).isEqualTo(expected.getHeight());
        boolean[][] drawn = new boolean[qr.height()][qr.width()];
        qr.forEachRun((row, start, length) -> {
            for (int col = start; col < start + length; col++) {
                assertThat(drawn[row][col])
                        .as("module (%d, %d) drawn twice", col, row)
                        .isFalse();
                drawn[row][col] = true;
            }
        });
        for (int row = 0; row < qr.height(); row++) {
            for (int col = 0; col < qr.width(); col++) {
                assertThat(qr.dark(col, row)).isEqualTo(expected.get(col, row));
                assertThat(drawn[row][col]).isEqualTo(expected.get(col, row));
            }
        }
    }

    @Test
    void aRenderContextEncodesItsOwnUrlAndRefusesAnotherOnesCode() {
        Instant now = Instant.parse("2024-05-20T02:30:00Z");
        RenderContext ctx = new RenderContext(ID, URL, now);
        assertThat(ctx.qrCode().content()).isEqualTo(URL);
        assertThat(ctx).isEqualTo(new RenderContext(ID, URL, now, VerificationQrCode.encode(URL)));

        VerificationQrCode other = VerificationQrCode.encode(URL + "x");
        assertThatThrownBy(() -> new RenderContext(ID, URL, now, other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must encode the verification URL");
        assertThatThrownBy(() -> new RenderContext(ID, " ", now))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("verificationUrl is required");
    }
}
