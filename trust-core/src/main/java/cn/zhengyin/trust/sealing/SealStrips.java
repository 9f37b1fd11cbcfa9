package cn.zhengyin.trust.sealing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Cuts a seal impression into equal vertical strips for a cross-page seal (骑缝章). */
final class SealStrips {
    private SealStrips() {}

    /** @return {@code n} PNGs, left to right; their widths differ by at most one pixel and add up to the image's */
    static List<byte[]> cut(byte[] png, int n) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            if (image == null) {
                throw new IllegalArgumentException("the seal impression is not an image ImageIO can read");
            }
            if (image.getWidth() < n) {
                throw new IllegalArgumentException(
                        "the seal impression is " + image.getWidth() + " pixels wide: too narrow for " + n + " strips");
            }
            List<byte[]> strips = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int from = (int) ((long) image.getWidth() * i / n);
                int to = (int) ((long) image.getWidth() * (i + 1) / n);
                BufferedImage strip = new BufferedImage(to - from, image.getHeight(), BufferedImage.TYPE_INT_ARGB);
                strip.getGraphics().drawImage(image.getSubimage(from, 0, to - from, image.getHeight()), 0, 0, null);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ImageIO.write(strip, "png", out);
                strips.add(out.toByteArray());
            }
            return strips;
        } catch (IOException e) {
            throw new IllegalArgumentException("the seal impression cannot be cut: " + e.getMessage(), e);
        }
    }
}
