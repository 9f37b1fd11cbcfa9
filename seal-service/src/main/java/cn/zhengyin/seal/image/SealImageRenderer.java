package cn.zhengyin.seal.image;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Draws a standard round organisational seal (国发〔1999〕25号 and common engraving practice, STANDARDS.md §4): red,
 * round, a five-pointed star in the centre, the organisation name from left to right along the upper arc, and for a
 * special-purpose seal (专用章) the purpose text horizontally in the lower half; optionally the seal number along the
 * lower edge. Output is a PNG with a transparent background at the requested resolution.
 *
 * <p>Thread-safe: the font is derived per call; the base font is immutable.
 */
public final class SealImageRenderer {
    /** Seal red close to the ink of real seals. */
    public static final Color SEAL_RED = new Color(0xE6, 0x00, 0x12);
    private final Font baseFont;

    /** @param trueTypeFont bytes of a TrueType CJK Song face used for all text on the seal */
    public SealImageRenderer(byte[] trueTypeFont) {
        try {
            this.baseFont = Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(trueTypeFont));
        } catch (FontFormatException | IOException e) {
            throw new IllegalStateException("the seal font cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** Renders {@code design} as PNG bytes at {@code dpi} dots per inch. */
    public byte[] renderPng(SealDesign design, int dpi) {
        if (dpi < 72 || dpi > 1200) {
            throw new IllegalArgumentException("dpi " + dpi + " is outside 72..1200");
        }
        BufferedImage image = render(design, dpi);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    BufferedImage render(SealDesign design, int dpi) {
        double pxPerMm = dpi / 25.4;
        int size = (int) Math.ceil(design.diameterMm() * pxPerMm) + 2;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(SEAL_RED);
            double c = size / 2.0;
            double radius = design.diameterMm() / 2 * pxPerMm;
            double rim = design.rimMm() * pxPerMm;
            g.setStroke(new BasicStroke((float) rim));
            g.draw(new Ellipse2D.Double(c - radius + rim / 2, c - radius + rim / 2, 2 * radius - rim, 2 * radius - rim));

            double starRadius = design.starDiameterMm() / 2 * pxPerMm;
            double starCentreY = design.purpose().isEmpty() ? c : c - radius * 0.06;
            g.fill(star(c, starCentreY, starRadius));

            double textHeight = design.nameCharHeightMm() * pxPerMm;
            double arcRadius = radius - rim - textHeight * 0.15;
            drawArcText(g, design.organisationName(), c, c, arcRadius, textHeight, design.nameArcDegrees());

            if (!design.purpose().isEmpty()) {
                double purposeHeight = design.purposeCharHeightMm() * pxPerMm;
                drawHorizontalText(g, design.purpose(), c, c + radius * 0.52, purposeHeight, radius * 1.2);
            }
            if (!design.sealNumber().isEmpty()) {
                double numberHeight = 2.2 * pxPerMm;
                drawLowerArcText(g, design.sealNumber(), c, c, radius - rim - numberHeight * 0.9, numberHeight);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static Path2D star(double cx, double cy, double outer) {
        double inner = outer * 0.382;
        Path2D path = new Path2D.Double();
        for (int i = 0; i < 10; i++) {
            double r = i % 2 == 0 ? outer : inner;
            double a = -Math.PI / 2 + i * Math.PI / 5;
            double x = cx + r * Math.cos(a);
            double y = cy + r * Math.sin(a);
            if (i == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        path.closePath();
        return path;
    }

    /** Characters upright toward the centre, read left to right over the top of the circle. */
    private void drawArcText(Graphics2D g, String text, double cx, double cy, double radius, double height, double maxArcDegrees) {
        int n = text.codePointCount(0, text.length());
        if (n == 0) {
            return;
        }
        Font font = baseFont.deriveFont((float) height);
        // Narrow the characters (a common seal style) when the name is long.
        double span = Math.toRadians(Math.min(maxArcDegrees, Math.max(90, n * 20.0)));
        double step = n == 1 ? 0 : span / (n - 1);
        double charWidthAllowed = radius * step * 0.98;
        double scaleX = Math.min(1.0, n == 1 ? 1.0 : charWidthAllowed / height);
        double start = -Math.PI / 2 - span / 2;
        FontRenderContext frc = g.getFontRenderContext();
        int[] cps = text.codePoints().toArray();
        for (int i = 0; i < n; i++) {
            double angle = start + i * step;
            GlyphVector gv = font.createGlyphVector(frc, new String(Character.toChars(cps[i])));
            Rectangle2D b = gv.getVisualBounds();
            AffineTransform t = new AffineTransform();
            t.translate(cx + radius * Math.cos(angle), cy + radius * Math.sin(angle));
            t.rotate(angle + Math.PI / 2);
            t.scale(scaleX, 1.0);
            t.translate(-b.getCenterX(), -b.getMinY());
            g.fill(t.createTransformedShape(gv.getOutline()));
        }
    }

    /** Small text along the bottom edge, read left to right, characters upright. */
    private void drawLowerArcText(Graphics2D g, String text, double cx, double cy, double radius, double height) {
        Font font = baseFont.deriveFont((float) height);
        int n = text.length();
        double step = Math.toRadians(5.5);
        double start = Math.PI / 2 + step * (n - 1) / 2;
        FontRenderContext frc = g.getFontRenderContext();
        for (int i = 0; i < n; i++) {
            double angle = start - i * step;
            GlyphVector gv = font.createGlyphVector(frc, String.valueOf(text.charAt(i)));
            Rectangle2D b = gv.getVisualBounds();
            AffineTransform t = new AffineTransform();
            t.translate(cx + radius * Math.cos(angle), cy + radius * Math.sin(angle));
            t.rotate(angle - Math.PI / 2);
            t.translate(-b.getCenterX(), -b.getMaxY());
            g.fill(t.createTransformedShape(gv.getOutline()));
        }
    }

    private void drawHorizontalText(Graphics2D g, String text, double cx, double baselineY, double height, double maxWidth) {
        Font font = baseFont.deriveFont((float) height);
        GlyphVector gv = font.createGlyphVector(g.getFontRenderContext(), text);
        Rectangle2D b = gv.getVisualBounds();
        double scaleX = Math.min(1.0, maxWidth / b.getWidth());
        AffineTransform t = new AffineTransform();
        t.translate(cx, baselineY);
        t.scale(scaleX, 1.0);
        t.translate(-b.getCenterX(), -b.getMaxY());
        g.fill(t.createTransformedShape(gv.getOutline()));
    }
}
