package cn.zhengyin.trust.seal;

import cn.zhengyin.trust.crypto.Digests;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Path2D;
import java.awt.geom.PathIterator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A seal impression as vectors: filled shapes (glyph outlines, rim, star) in one colour on a {@code widthMm ×
 * heightMm} canvas, millimetres, origin top-left, y down — the seal service's shape model, reduced to what a document
 * needs to draw it. A part may also be stroked with a round-joined line (the seal artwork emboldens the light Song
 * glyphs that way). Drawn as PDF paths ({@link #pdfContent}) for the visible signature, and carried as a vector OFD
 * picture in the GB/T 38540 SESeal ({@code cn.zhengyin.trust.ofd.OfdStampPicture}), so neither needs an image.
 *
 * <p>Coordinates are kept to 0.02 mm (a pixel at 300 dpi is 0.085 mm). Immutable and thread-safe.
 */
public final class SealImpression {

    /**
     * Coordinate units per millimetre: every point is kept to 0.02 mm (a quarter of a pixel at 300 dpi), and the PDF
     * content draws in integers of that unit.
     */
    static final int UNITS_PER_MM = 50;

    /**
     * One filled shape, stroked as well when {@code strokeMm > 0}.
     *
     * @param shape    the outline, millimetres, y down; its winding rule (non-zero or even-odd) is the fill rule
     * @param strokeMm width of the round-joined stroke drawn over the fill; 0 for none
     */
    public record Part(Shape shape, double strokeMm) {
        public Part {
            Objects.requireNonNull(shape, "shape");
            if (!(strokeMm >= 0) || strokeMm > 10) {
                throw new IllegalArgumentException("stroke width " + strokeMm + " mm is outside 0..10 mm");
            }
            // An even-odd shape (a rim drawn as two circles) becomes the same region outlined for the non-zero rule:
            // some OFD readers ignore the fill rule (ofdrw's renderer fills every path non-zero, which turned the
            // rim into a solid disc), and non-zero outlines fill the same under either rule.
            if (shape.getPathIterator(null).getWindingRule() == PathIterator.WIND_EVEN_ODD) {
                shape = new Area(shape);
            }
            shape = quantised(shape); // a private copy, kept to 0.02 mm: the PDF and the OFD draw the same points
        }

        private static Path2D.Double quantised(Shape shape) {
            PathIterator it = shape.getPathIterator(null);
            Path2D.Double path = new Path2D.Double(it.getWindingRule());
            double[] c = new double[6];
            while (!it.isDone()) {
                int type = it.currentSegment(c);
                for (int i = 0; i < c.length; i++) {
                    c[i] = Math.round(c[i] * UNITS_PER_MM) / (double) UNITS_PER_MM;
                }
                switch (type) {
                    case PathIterator.SEG_MOVETO -> path.moveTo(c[0], c[1]);
                    case PathIterator.SEG_LINETO -> path.lineTo(c[0], c[1]);
                    case PathIterator.SEG_QUADTO -> path.quadTo(c[0], c[1], c[2], c[3]);
                    case PathIterator.SEG_CUBICTO -> path.curveTo(c[0], c[1], c[2], c[3], c[4], c[5]);
                    case PathIterator.SEG_CLOSE -> path.closePath();
                    default -> throw new IllegalArgumentException("unknown path segment " + type);
                }
                it.next();
            }
            return path;
        }

        /** @return whether the fill uses the even-odd rule (else non-zero) */
        public boolean evenOdd() {
            return shape.getPathIterator(null).getWindingRule() == PathIterator.WIND_EVEN_ODD;
        }

        @Override
        public Shape shape() {
            return new Path2D.Double(shape);
        }
    }

    private final double widthMm;
    private final double heightMm;
    private final int rgb;
    private final List<Part> parts;
    private final String fingerprint;

    /**
     * @param widthMm  canvas width, mm (0 < width ≤ 200)
     * @param heightMm canvas height, mm
     * @param rgb      the ink colour, 0xRRGGBB
     * @param parts    the shapes, drawn in order
     */
    public SealImpression(double widthMm, double heightMm, int rgb, List<Part> parts) {
        if (!(widthMm > 0 && widthMm <= 200 && heightMm > 0 && heightMm <= 200)) {
            throw new IllegalArgumentException(
                    "a seal impression is 0..200 mm wide and high, not " + widthMm + " x " + heightMm + " mm");
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a seal impression needs at least one shape");
        }
        this.widthMm = widthMm;
        this.heightMm = heightMm;
        this.rgb = rgb & 0xFFFFFF;
        this.parts = List.copyOf(parts);
        this.fingerprint = Digests.sha256Hex(pdfContent(widthMm, heightMm));
    }

    public double widthMm() {
        return widthMm;
    }

    public double heightMm() {
        return heightMm;
    }

    /** @return the ink colour, 0xRRGGBB */
    public int rgb() {
        return rgb;
    }

    public List<Part> parts() {
        return parts;
    }

    /** @return SHA-256 (hex) of the drawing: equal impressions have equal fingerprints */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * The impression as PDF content-stream operators drawing into a box of {@code widthPt × heightPt} whose origin is
     * its lower-left corner (a form XObject's BBox {@code [0 0 widthPt heightPt]}): one transformation to 0.02 mm
     * units with y down, the colour, then each part as a path filled ({@code f}/{@code f*}) or filled and stroked
     * ({@code B}/{@code B*}) with round joins and caps. Quadratic segments (TrueType glyphs) become cubic ones.
     */
    public byte[] pdfContent(double widthPt, double heightPt) {
        StringBuilder pdf = new StringBuilder(32 * 1024);
        double sx = widthPt / (widthMm * UNITS_PER_MM);
        double sy = heightPt / (heightMm * UNITS_PER_MM);
        String colour = colour(rgb >> 16) + ' ' + colour(rgb >> 8) + ' ' + colour(rgb);
        pdf.append("q\n")
                .append(decimal(sx))
                .append(" 0 0 ")
                .append(decimal(-sy))
                .append(" 0 ")
                .append(decimal(heightPt))
                .append(" cm\n")
                .append(colour)
                .append(" rg ")
                .append(colour)
                .append(" RG 1 J 1 j\n");
        AffineTransform toUnits = AffineTransform.getScaleInstance(UNITS_PER_MM, UNITS_PER_MM);
        long lineWidth = -1;
        for (Part part : parts) {
            boolean stroked = part.strokeMm() > 0;
            if (stroked) {
                long width = Math.max(1, Math.round(part.strokeMm() * UNITS_PER_MM));
                if (width != lineWidth) {
                    pdf.append(width).append(" w\n");
                    lineWidth = width;
                }
            }
            appendPath(pdf, part.shape.getPathIterator(toUnits));
            pdf.append(stroked ? "B" : "f").append(part.evenOdd() ? "*\n" : "\n");
        }
        pdf.append("Q\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void appendPath(StringBuilder pdf, PathIterator it) {
        double[] c = new double[6];
        double x = 0;
        double y = 0;
        while (!it.isDone()) {
            switch (it.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> {
                    point(pdf, c[0], c[1]).append("m\n");
                    x = c[0];
                    y = c[1];
                }
                case PathIterator.SEG_LINETO -> {
                    point(pdf, c[0], c[1]).append("l\n");
                    x = c[0];
                    y = c[1];
                }
                case PathIterator.SEG_QUADTO -> {
                    // the cubic Bézier of a quadratic one: control points 2/3 of the way to the quadratic control
                    point(pdf, x + 2 * (c[0] - x) / 3, y + 2 * (c[1] - y) / 3);
                    point(pdf, c[2] + 2 * (c[0] - c[2]) / 3, c[3] + 2 * (c[1] - c[3]) / 3);
                    point(pdf, c[2], c[3]).append("c\n");
                    x = c[2];
                    y = c[3];
                }
                case PathIterator.SEG_CUBICTO -> {
                    point(pdf, c[0], c[1]);
                    point(pdf, c[2], c[3]);
                    point(pdf, c[4], c[5]).append("c\n");
                    x = c[4];
                    y = c[5];
                }
                case PathIterator.SEG_CLOSE -> pdf.append("h\n");
                default -> throw new IllegalStateException("unknown path segment");
            }
            it.next();
        }
    }

    private static StringBuilder point(StringBuilder pdf, double x, double y) {
        return pdf.append(Math.round(x)).append(' ').append(Math.round(y)).append(' ');
    }

    private static String colour(int component) {
        return decimal((component & 0xFF) / 255.0);
    }

    /** A decimal with at most 6 fraction digits, no exponent, no trailing zeros. */
    static String decimal(double v) {
        String s = java.math.BigDecimal.valueOf(Math.round(v * 1_000_000) / 1_000_000.0)
                .stripTrailingZeros()
                .toPlainString();
        return s.equals("-0") ? "0" : s;
    }
}
