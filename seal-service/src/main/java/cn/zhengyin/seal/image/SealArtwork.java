package cn.zhengyin.seal.image;

import cn.zhengyin.trust.seal.PathData;
import cn.zhengyin.trust.seal.SealImpression;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.PathIterator;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The vector model of a seal impression: filled shapes in millimetre coordinates (origin top-left, y down) on a
 * {@code widthMm × heightMm} canvas, all in one colour. Text is already converted to glyph outlines; a part may also
 * be outlined with a round-joined stroke, which emboldens thin glyphs the way engraved seals look. Both renditions,
 * {@link #toSvg(String)} and {@link #toPng(int)}, are produced from these same parts, so they are geometrically
 * identical; each shape keeps its own winding rule (SVG {@code fill-rule}).
 */
public record SealArtwork(double widthMm, double heightMm, Color colour, List<Part> parts) {

    /**
     * A filled shape, additionally stroked with a round-joined line of {@code strokeMm} when that is positive; a
     * character's shape also names the glyph it is the outline of (documents may draw it as text).
     */
    public record Part(Shape shape, double strokeMm, Optional<SealImpression.Glyph> glyph) {
        /** A shape that is not a character (or whose character is not known). */
        public Part(Shape shape, double strokeMm) {
            this(shape, strokeMm, Optional.empty());
        }

        public static Part filled(Shape shape) {
            return new Part(shape, 0);
        }
    }

    public static final int MIN_DPI = 72;
    public static final int MAX_DPI = 1200;

    public SealArtwork {
        parts = List.copyOf(parts);
    }

    /** Pixel size of {@code mm} at {@code dpi}: {@code round(mm × dpi / 25.4)}. */
    public static int pixels(double mm, int dpi) {
        return (int) Math.round(mm * dpi / 25.4);
    }

    /**
     * A standalone SVG 1.1 document, {@code width="…mm"}, {@code viewBox} in millimetres, no fonts, no external
     * references; coordinates rounded to 1 µm.
     */
    public String toSvg(String title) {
        StringBuilder svg = new StringBuilder(64 * 1024);
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"")
                .append(num(widthMm))
                .append("mm\" height=\"")
                .append(num(heightMm))
                .append("mm\" viewBox=\"0 0 ")
                .append(num(widthMm))
                .append(' ')
                .append(num(heightMm))
                .append("\">\n");
        svg.append("<title>").append(escape(title)).append("</title>\n");
        String hex = String.format(Locale.ROOT, "#%02X%02X%02X", colour.getRed(), colour.getGreen(), colour.getBlue());
        svg.append("<g fill=\"").append(hex).append("\" stroke=\"none\">\n");
        for (Part part : parts) {
            PathIterator it = part.shape().getPathIterator(null);
            svg.append("<path");
            if (it.getWindingRule() == PathIterator.WIND_EVEN_ODD) {
                svg.append(" fill-rule=\"evenodd\"");
            }
            if (part.strokeMm() > 0) {
                svg.append(" stroke=\"")
                        .append(hex)
                        .append("\" stroke-width=\"")
                        .append(num(part.strokeMm()))
                        .append("\" stroke-linejoin=\"round\" stroke-linecap=\"round\"");
            }
            svg.append(" d=\"");
            PathData.append(svg, part.shape(), SVG_PATH);
            svg.append("\"/>\n");
        }
        svg.append("</g>\n</svg>\n");
        return svg.toString();
    }

    /**
     * The same parts as a vector impression for documents (PDF paths, the SESeal's OFD picture): nothing is
     * rasterised, so the drawing stays geometrically identical to the SVG and the PNG.
     */
    public SealImpression toImpression() {
        return new SealImpression(
                widthMm,
                heightMm,
                colour.getRGB() & 0xFFFFFF,
                parts.stream()
                        .map(p -> new SealImpression.Part(p.shape(), p.strokeMm(), p.glyph()))
                        .toList());
    }

    /** {@link #toSvg(String)} as UTF-8 bytes. */
    public byte[] toSvgBytes(String title) {
        return toSvg(title).getBytes(StandardCharsets.UTF_8);
    }

    /** The artwork at {@code dpi}, transparent background, {@link #pixels} wide and high. */
    public BufferedImage toImage(int dpi) {
        if (dpi < MIN_DPI || dpi > MAX_DPI) {
            throw new InvalidSealDesignException(List.of("dpi: " + dpi + " is outside " + MIN_DPI + ".." + MAX_DPI));
        }
        int w = pixels(widthMm, dpi);
        int h = pixels(heightMm, dpi);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.scale(w / widthMm, h / heightMm);
            g.setColor(colour);
            for (Part part : parts) {
                g.fill(part.shape());
                if (part.strokeMm() > 0) {
                    g.setStroke(
                            new BasicStroke((float) part.strokeMm(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                    g.draw(part.shape());
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** {@link #toImage(int)} encoded as PNG. */
    public byte[] toPng(int dpi) {
        BufferedImage image = toImage(dpi);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SVG path data: operators without a space, coordinates to 1 µm. */
    private static final PathData.Dialect SVG_PATH = new PathData.Dialect("M", "L", "Q", "C", "Z", SealArtwork::num);

    static String num(double v) {
        long micro = Math.round(v * 1000);
        if (micro == 0) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.3f", micro / 1000.0);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
