package cn.zhengyin.seal.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Files for upload tests: real images, disguised ones, hostile ones. */
public final class ImageFixtures {
    private ImageFixtures() {}

    public static byte[] png(int width, int height) {
        return encode(redDisc(width, height, BufferedImage.TYPE_INT_ARGB), "png");
    }

    public static byte[] jpeg() {
        return encode(redDisc(128, 128, BufferedImage.TYPE_INT_RGB), "jpg");
    }

    /** A valid PNG signature and IHDR (with a correct CRC) claiming {@code width × height}, and nothing else. */
    public static byte[] pngBombHeader(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17)
                .put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(width)
                .putInt(height)
                .put((byte) 8)
                .put((byte) 6)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 4 + 17 + 4)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})
                .putInt(13)
                .put(ihdr.array())
                .putInt((int) crc.getValue())
                .array();
    }

    public static byte[] svg(String body) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
                        + "xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"40mm\" height=\"40mm\" viewBox=\"0 0 40 40\">"
                        + body + "</svg>")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static final String CLEAN_BODY =
            "<title>custom seal</title><defs><clipPath id=\"c\"><circle cx=\"20\" cy=\"20\" "
                    + "r=\"19\"/></clipPath></defs><g clip-path=\"url(#c)\" fill=\"#E60012\"><circle cx=\"20\" cy=\"20\" r=\"19\" "
                    + "fill=\"none\" stroke=\"#E60012\" stroke-width=\"1\"/><path d=\"M20 8 L23 17 L32 17 L25 22 L28 31 L20 26 "
                    + "L12 31 L15 22 L8 17 L17 17 Z\"/><use xlink:href=\"#c\"/></g>";

    private static BufferedImage redDisc(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        if (type == BufferedImage.TYPE_INT_RGB) {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
        }
        g.setColor(SealImageRenderer.SEAL_RED);
        g.fillOval(2, 2, width - 4, height - 4);
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
