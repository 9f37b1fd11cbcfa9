package cn.zhengyin.seal.image;

import cn.zhengyin.seal.image.ImageRejectedException.Reason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decides whether an uploaded file may become a seal image, by its content alone (the declared content type is not
 * trusted): PNG or SVG, at most {@value #MAX_BYTES} bytes; a PNG between {@value #MIN_PX} and {@value #MAX_PX} pixels
 * on each side, checked in the IHDR header before anything is decompressed (so a "decompression bomb" claiming
 * 100000×100000 pixels is refused without allocating it) and then fully decoded; an SVG passed through the
 * {@link SvgSanitiser}. A file name, when given, must end in the extension of the detected format.
 */
public final class ImageUploadPolicy {
    public static final int MAX_BYTES = 2 * 1024 * 1024;
    public static final int MIN_PX = 64;
    public static final int MAX_PX = 4096;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final SvgSanitiser sanitiser = new SvgSanitiser();

    /** An accepted upload: the bytes to store (an SVG is re-serialised) and its size in {@link ImageFormat#unit()}. */
    public record AcceptedImage(ImageFormat format, byte[] content, double width, double height) {}

    /** @throws ImageRejectedException with the broken rule and an explanation for the uploader */
    public AcceptedImage inspect(byte[] bytes, Optional<String> fileName) {
        if (bytes.length > MAX_BYTES) {
            throw new ImageRejectedException(
                    Reason.TOO_LARGE,
                    "the file has " + bytes.length + " bytes; a seal image " + "may have at most " + MAX_BYTES
                            + " bytes (2 MiB)");
        }
        if (bytes.length == 0) {
            throw new ImageRejectedException(Reason.INVALID_IMAGE, "the file is empty");
        }
        ImageFormat format = detect(bytes);
        fileName.map(String::strip).filter(n -> n.contains(".")).ifPresent(name -> {
            String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            if (!extension.equals(format.extension())) {
                throw new ImageRejectedException(
                        Reason.UNSUPPORTED_TYPE,
                        "the file is named '" + name + "' but its content is " + format
                                + "; name PNG files *.png and SVG files *.svg");
            }
        });
        return switch (format) {
            case PNG -> png(bytes);
            case SVG -> {
                SvgSanitiser.SanitisedSvg svg = sanitiser.sanitise(bytes);
                yield new AcceptedImage(ImageFormat.SVG, svg.content(), svg.widthMm(), svg.heightMm());
            }
        };
    }

    static ImageFormat detect(byte[] b) {
        if (startsWith(b, PNG_SIGNATURE)) {
            return ImageFormat.PNG;
        }
        int i = startsWith(b, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}) ? 3 : 0;
        while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        if (i < b.length && b[i] == '<') {
            return ImageFormat.SVG; // the sanitiser checks that it is XML with an <svg> root
        }
        String what;
        if (startsWith(b, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            what = "JPEG";
        } else if (startsWith(b, "GIF8".getBytes(StandardCharsets.US_ASCII))) {
            what = "GIF";
        } else if (startsWith(b, "%PDF".getBytes(StandardCharsets.US_ASCII))) {
            what = "PDF";
        } else if (startsWith(b, "RIFF".getBytes(StandardCharsets.US_ASCII))
                && b.length > 12
                && new String(b, 8, 4, StandardCharsets.US_ASCII).equals("WEBP")) {
            what = "WebP";
        } else if (startsWith(b, "BM".getBytes(StandardCharsets.US_ASCII))) {
            what = "BMP";
        } else if (startsWith(b, "PK".getBytes(StandardCharsets.US_ASCII))) {
            what = "a ZIP archive";
        } else {
            what = "not a recognised image";
        }
        throw new ImageRejectedException(
                Reason.UNSUPPORTED_TYPE,
                "the file's content is " + what
                        + " (judged by its first bytes, whatever its name or declared type); only PNG and SVG are accepted");
    }

    private static AcceptedImage png(byte[] b) {
        // IHDR must be the first chunk: length 13, "IHDR", width, height (big-endian, unsigned)
        if (b.length < 33 || readInt(b, 8) != 13 || !new String(b, 12, 4, StandardCharsets.US_ASCII).equals("IHDR")) {
            throw new ImageRejectedException(Reason.INVALID_IMAGE, "the PNG has no valid IHDR header chunk");
        }
        long width = readInt(b, 16);
        long height = readInt(b, 20);
        if (width > MAX_PX || height > MAX_PX || width < MIN_PX || height < MIN_PX) {
            throw new ImageRejectedException(
                    Reason.INVALID_IMAGE,
                    "the PNG header declares " + width + "×" + height + " pixels; a seal image must be between "
                            + MIN_PX + "×" + MIN_PX + " and " + MAX_PX + "×" + MAX_PX);
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(b))) {
            reader.setInput(in, true, true);
            if (reader.getWidth(0) != width || reader.getHeight(0) != height) {
                throw new ImageRejectedException(
                        Reason.INVALID_IMAGE,
                        "the PNG decoder sees a size different from " + "the header's " + width + "×" + height);
            }
            BufferedImage image = reader.read(0);
            if (image.getWidth() != width || image.getHeight() != height) {
                throw new ImageRejectedException(
                        Reason.INVALID_IMAGE, "the PNG decodes to a size different from " + "its header");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageRejectedException rejected) {
                throw rejected;
            }
            throw new ImageRejectedException(
                    Reason.INVALID_IMAGE,
                    "the PNG cannot be decoded (" + e.getMessage() + "); upload an intact PNG file");
        } finally {
            reader.dispose();
        }
        return new AcceptedImage(ImageFormat.PNG, b, width, height);
    }

    private static long readInt(byte[] b, int offset) {
        return ((b[offset] & 0xFFL) << 24)
                | ((b[offset + 1] & 0xFFL) << 16)
                | ((b[offset + 2] & 0xFFL) << 8)
                | (b[offset + 3] & 0xFFL);
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
