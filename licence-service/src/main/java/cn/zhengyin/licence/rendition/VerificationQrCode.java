package cn.zhengyin.licence.rendition;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The QR code printed on a licence: its verification URL encoded once (error correction M, UTF-8, a one-module quiet
 * zone), so that the PDF and the OFD of one licence draw the same modules without encoding the URL twice (choosing the
 * mask is most of zxing's work). Immutable; equal when the content is equal, since encoding is deterministic.
 */
public final class VerificationQrCode {
    private final String content;
    private final int width;
    private final int height;
    private final boolean[] dark;

    private VerificationQrCode(String content, BitMatrix matrix) {
        this.content = content;
        this.width = matrix.getWidth();
        this.height = matrix.getHeight();
        this.dark = new boolean[width * height];
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                dark[row * width + col] = matrix.get(col, row);
            }
        }
    }

    /**
     * @throws LicenceRenderingException if the content cannot be encoded (too long for a QR code)
     */
    public static VerificationQrCode encode(String content) {
        try {
            return new VerificationQrCode(
                    content,
                    new QRCodeWriter()
                            .encode(
                                    content,
                                    BarcodeFormat.QR_CODE,
                                    0,
                                    0,
                                    Map.of(
                                            EncodeHintType.ERROR_CORRECTION,
                                            ErrorCorrectionLevel.M,
                                            EncodeHintType.CHARACTER_SET,
                                            StandardCharsets.UTF_8.name(),
                                            EncodeHintType.MARGIN,
                                            1)));
        } catch (WriterException | IllegalArgumentException e) {
            throw new LicenceRenderingException("cannot encode verification URL as a QR code: " + e.getMessage(), e);
        }
    }

    public String content() {
        return content;
    }

    /** Modules per side, quiet zone included. */
    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Whether the module at this column and row (0,0 top left) is dark. */
    public boolean dark(int column, int row) {
        return dark[row * width + column];
    }

    /** What draws a QR code: one call per horizontal run of dark modules, rows from the top. */
    @FunctionalInterface
    public interface RunConsumer<E extends Exception> {
        void run(int row, int startColumn, int length) throws E;
    }

    /** Calls {@code consumer} for each horizontal run of dark modules, row by row from the top, left to right. */
    public <E extends Exception> void forEachRun(RunConsumer<E> consumer) throws E {
        for (int row = 0; row < height; row++) {
            int col = 0;
            while (col < width) {
                if (!dark(col, row)) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < width && dark(col, row)) {
                    col++;
                }
                consumer.run(row, start, col - start);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerificationQrCode other && other.content.equals(content);
    }

    @Override
    public int hashCode() {
        return content.hashCode();
    }

    @Override
    public String toString() {
        return "VerificationQrCode[" + width + "x" + height + ", " + content + "]";
    }
}
