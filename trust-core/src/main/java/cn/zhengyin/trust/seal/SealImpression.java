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
import java.util.Optional;
import java.util.function.Function;

/**
 * A seal impression as vectors: filled shapes (glyph outlines, rim, star) in one colour on a {@code widthMm ×
 * heightMm} canvas, millimetres, origin top-left, y down — the seal service's shape model, reduced to what a document
 * needs to draw it. A part may also be stroked with a round-joined line (the seal artwork emboldens the light Song
 * glyphs that way). A part that is a character also names its glyph ({@link Glyph}: character, face, placement), so a
 * document that embeds the same face can draw it as text. Drawn as PDF paths ({@link #pdfContent}) or paths and text
 * for the visible signature, and carried as a vector OFD picture in the GB/T 38540 SESeal ({@code
 * cn.zhengyin.trust.ofd.OfdStampPicture}), so neither needs an image.
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
     * The identity of a character drawn as a part: the character, the font it is taken from and where its glyph goes.
     * The part's shape is that glyph's outline placed by {@code emToMm}; a document that embeds the same font may show
     * the character as text instead (a few bytes where the outline is hundreds).
     *
     * @param codePoint the character
     * @param fontName  the PostScript name of the TrueType face the glyph is taken from (e.g. {@code
     *                  BousungEG-Light-GB}); a document draws the glyph as text only from a font of that name
     * @param emToMm    glyph space in em (1 = the em square, y up, origin on the baseline at the glyph's origin) to the
     *                  impression's millimetres (y down); kept to 1/10,000 mm per em and 0.001 mm
     */
    public record Glyph(int codePoint, String fontName, AffineTransform emToMm) {
        public Glyph {
            if (!Character.isValidCodePoint(codePoint)) {
                throw new IllegalArgumentException("not a character: " + codePoint);
            }
            Objects.requireNonNull(fontName, "fontName");
            if (fontName.isBlank() || fontName.length() > 64) {
                throw new IllegalArgumentException("a glyph's font name is 1..64 characters");
            }
            double[] m = new double[6];
            emToMm.getMatrix(m);
            for (int i = 0; i < 6; i++) {
                if (!Double.isFinite(m[i]) || Math.abs(m[i]) > 1000) {
                    throw new IllegalArgumentException("a glyph's transformation is out of range: " + emToMm);
                }
                m[i] = i < 4 ? Math.round(m[i] * 10_000) / 10_000.0 : Math.round(m[i] * 1_000) / 1_000.0;
            }
            if (Math.abs(m[0] * m[3] - m[1] * m[2]) < 1e-6) {
                throw new IllegalArgumentException("a glyph's transformation is degenerate: " + emToMm);
            }
            emToMm = new AffineTransform(m);
        }

        @Override
        public AffineTransform emToMm() {
            return new AffineTransform(emToMm);
        }

        /** Deterministic description: character, font and the six numbers of the transformation. */
        String describe() {
            double[] m = new double[6];
            emToMm.getMatrix(m);
            StringBuilder s = new StringBuilder()
                    .append("U+")
                    .append(Integer.toHexString(codePoint))
                    .append(' ')
                    .append(fontName);
            for (double v : m) {
                s.append(' ').append(decimal(v));
            }
            return s.toString();
        }
    }

    /**
     * One filled shape, stroked as well when {@code strokeMm > 0}.
     *
     * @param shape    the outline, millimetres, y down; its winding rule (non-zero or even-odd) is the fill rule
     * @param strokeMm width of the round-joined stroke drawn over the fill; 0 for none
     * @param glyph    when the shape is one character of a font: which one and where, so that a document can draw it
     *                 as text in a font it already embeds instead of as an outline
     */
    public record Part(Shape shape, double strokeMm, Optional<Glyph> glyph) {

        /** A part that is only an outline (rim, star, or a character whose identity is not known). */
        public Part(Shape shape, double strokeMm) {
            this(shape, strokeMm, Optional.empty());
        }

        public Part {
            Objects.requireNonNull(shape, "shape");
            Objects.requireNonNull(glyph, "glyph");
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
        // a character is identified by its glyph, not by its outline (which differs a little between the face the seal
        // was laid out with and the subset a picture embeds): equal drawings have equal fingerprints either way
        this.fingerprint =
                Digests.sha256Hex(draw(widthMm, heightMm, part -> part.glyph().map(Glyph::describe))
                        .getBytes(StandardCharsets.UTF_8));
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
     * A character drawn as text by {@link #pdfContent(double, double, Function)}: the font's name in the content's
     * resources and the character's code in that font (for a composite font with {@code Identity-H}, its CID).
     */
    public record TextGlyph(String fontResource, int code) {
        public TextGlyph {
            if (!fontResource.matches("[A-Za-z0-9_]{1,32}") || code < 0 || code > 0xFFFF) {
                throw new IllegalArgumentException("a text glyph needs a plain resource name and a two-byte code");
            }
        }
    }

    /**
     * The impression as PDF content-stream operators drawing into a box of {@code widthPt × heightPt} whose origin is
     * its lower-left corner (a form XObject's BBox {@code [0 0 widthPt heightPt]}): one transformation to 0.02 mm
     * units with y down, the colour, then each part as a path filled ({@code f}/{@code f*}) or filled and stroked
     * ({@code B}/{@code B*}) with round joins and caps. Quadratic segments (TrueType glyphs) become cubic ones.
     */
    public byte[] pdfContent(double widthPt, double heightPt) {
        return pdfContent(widthPt, heightPt, glyph -> Optional.empty());
    }

    /**
     * As {@link #pdfContent(double, double)}, with the characters that {@code text} knows drawn as text instead of
     * outlines: font size 1 and a text matrix that places the glyph's em square as the part's transformation does, text
     * render mode fill ({@code 0 Tr}) or fill then stroke ({@code 2 Tr}) with the part's line width, so the glyph is
     * emboldened as the outline is. The font must be the one the glyph was drawn from (same PostScript name); the
     * caller adds it to the content's resources.
     */
    public byte[] pdfContent(double widthPt, double heightPt, Function<Glyph, Optional<TextGlyph>> text) {
        AffineTransform toUnits = AffineTransform.getScaleInstance(UNITS_PER_MM, UNITS_PER_MM);
        return draw(
                        widthPt,
                        heightPt,
                        part -> part.glyph()
                                .flatMap(g -> text.apply(g).map(t -> {
                                    AffineTransform tm = new AffineTransform(toUnits);
                                    tm.concatenate(g.emToMm);
                                    double[] m = new double[6];
                                    tm.getMatrix(m);
                                    StringBuilder op = new StringBuilder("BT /")
                                            .append(t.fontResource())
                                            .append(" 1 Tf ")
                                            .append(part.strokeMm() > 0 ? 2 : 0)
                                            .append(" Tr");
                                    for (double v : m) {
                                        op.append(' ').append(decimal(v));
                                    }
                                    return op.append(String.format(java.util.Locale.ROOT, " Tm <%04X> Tj ET", t.code()))
                                            .toString();
                                })))
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The content, each part drawn by {@code instead} when it answers, else as its path. */
    private String draw(double widthPt, double heightPt, Function<Part, Optional<String>> instead) {
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
            Optional<String> other = instead.apply(part);
            if (other.isPresent()) {
                pdf.append(other.get()).append('\n');
                continue;
            }
            appendPath(pdf, part.shape.getPathIterator(toUnits));
            pdf.append(stroked ? "B" : "f").append(part.evenOdd() ? "*\n" : "\n");
        }
        pdf.append("Q\n");
        return pdf.toString();
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
