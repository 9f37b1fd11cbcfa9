package cn.zhengyin.seal.image;

import cn.zhengyin.trust.font.CjkFace;
import cn.zhengyin.trust.font.FontChain;
import cn.zhengyin.trust.seal.SealImpression;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Lays out a seal impression as a {@link SealArtwork} (shapes in millimetres) and renders it as SVG or PNG.
 *
 * <p>Round seals (国发〔1999〕25号 and common engraving practice, STANDARDS.md §4): red, round, a five-pointed star in
 * the centre, the organisation name read left to right along the upper arc with each character upright (its foot
 * towards the centre), centred on the top so that the gap at the bottom is symmetric; for a 专用章 the purpose text
 * horizontally in the lower half; the seal number, if any, along the lower edge, read left to right. Long names are
 * set in condensed characters (as engravers do) rather than overrunning the arc. The 法定代表人名章 is a framed square
 * with the name in the traditional 2×2 order (right column first, top to bottom; 2-character names get 之印, 3-character
 * names get 印), or a single column/row on an elongated rectangle.
 *
 * <p>All text is converted to outlines (each remembering its character, face and placement, so that documents can draw
 * it as text in the same face). With {@link #SealImageRenderer(FontChain)} (the service's renderer, with
 * {@code FontChain.cjk()}) each character comes from the first face of the chain that has it: the Song face for GB 2312,
 * the fallback faces for the rest of GB 18030-2022. A character no face has is refused
 * ({@link InvalidSealDesignException}) rather than drawn as a gap. Thread-safe.
 */
public final class SealImageRenderer {
    /** Seal red close to the ink of real seals. */
    public static final Color SEAL_RED = new Color(0xE6, 0x00, 0x12);

    /** Font size at which glyph outlines are taken before being scaled into millimetres. */
    private static final float UNITS = 1000f;
    /** Stroke added around glyph outlines, as a fraction of the character height (the face is a light Song). */
    private static final double BOLD = 0.03;

    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    /** The first face: the Song face. Reference boxes are measured on it. */
    private final Font font;

    private final GlyphFonts fonts;
    /** The ink box of a full CJK character (国): vertical reference for all CJK text. */
    private final Rectangle2D cjkBox;
    /** The ink box of a digit: vertical reference for the seal number. */
    private final Rectangle2D digitBox;

    /** @param trueTypeFont bytes of a TrueType CJK Song face used for all text on the seal (no fallback) */
    public SealImageRenderer(byte[] trueTypeFont) {
        Font only = load(new ByteArrayInputStream(trueTypeFont), "the seal font");
        this.font = only;
        this.fonts = cp -> only.canDisplay(cp) ? only : null;
        this.cjkBox = font.createGlyphVector(FRC, "国").getVisualBounds();
        this.digitBox = font.createGlyphVector(FRC, "0").getVisualBounds();
    }

    /** @param chain the faces asked in order for each character, e.g. {@code FontChain.cjk()} */
    public SealImageRenderer(FontChain chain) {
        Map<CjkFace, Font> loaded = new EnumMap<>(CjkFace.class);
        Function<CjkFace, Font> awt = face -> {
            synchronized (loaded) {
                return loaded.computeIfAbsent(face, f -> load(f.openStream(), f.familyName()));
            }
        };
        this.font = awt.apply(chain.faces().getFirst());
        this.fonts = cp -> chain.faceFor(cp).map(awt).orElse(null);
        this.cjkBox = font.createGlyphVector(FRC, "国").getVisualBounds();
        this.digitBox = font.createGlyphVector(FRC, "0").getVisualBounds();
    }

    private static Font load(InputStream trueType, String what) {
        try (InputStream in = trueType) {
            return Font.createFont(Font.TRUETYPE_FONT, in).deriveFont(UNITS);
        } catch (FontFormatException | IOException e) {
            throw new IllegalStateException(what + " cannot be loaded as a seal font: " + e.getMessage(), e);
        }
    }

    /** The font that draws a character, or null when no face has it. */
    @FunctionalInterface
    private interface GlyphFonts {
        Font fontFor(int codePoint);
    }

    /** A character's outline in millimetres and its identity (the face's glyph and where it is placed). */
    private record Placed(Shape shape, SealImpression.Glyph glyph) {
        SealArtwork.Part part(double strokeMm) {
            return new SealArtwork.Part(shape, strokeMm, Optional.of(glyph));
        }
    }

    /** The glyph of {@code codePoint} placed by {@code t} (from the outline at {@link #UNITS}, y down, to mm). */
    private static Placed placed(int codePoint, GlyphVector gv, AffineTransform t) {
        AffineTransform emToMm = new AffineTransform(t);
        emToMm.concatenate(AffineTransform.getScaleInstance(UNITS, -UNITS));
        return new Placed(
                t.createTransformedShape(gv.getOutline()),
                new SealImpression.Glyph(codePoint, gv.getFont().getPSName(), emToMm));
    }

    /** The outline of one character from the face that has it, at {@link #UNITS}. */
    private GlyphVector glyph(int codePoint) {
        Font face = fonts.fontFor(codePoint);
        if (face == null) {
            throw new InvalidSealDesignException(List.of(FontChain.label(codePoint) + " '"
                    + Character.toString(codePoint) + "' is in none of the seal fonts: the seal would show a gap"));
        }
        return face.createGlyphVector(FRC, Character.toString(codePoint));
    }

    /** Renders {@code design} as PNG bytes at {@code dpi} dots per inch (transparent background). */
    public byte[] renderPng(SealDesign design, int dpi) {
        return layout(design).toPng(dpi);
    }

    /** Renders {@code design} as a font-free SVG document with a millimetre {@code viewBox}. */
    public byte[] renderSvg(SealDesign design) {
        return layout(design).toSvgBytes(title(design));
    }

    /** The SVG {@code <title>} of a generated seal: its name, purpose and type code. */
    public static String title(SealDesign design) {
        return design.name() + (design.purpose().isEmpty() ? "" : " " + design.purpose()) + " ("
                + design.type().code() + ")";
    }

    /** The shape model of {@code design}; both renditions are drawn from it. */
    public SealArtwork layout(SealDesign design) {
        List<SealArtwork.Part> parts = design.type().round() ? roundSeal(design) : nameSeal(design);
        return new SealArtwork(design.widthMm(), design.heightMm(), SEAL_RED, parts);
    }

    private List<SealArtwork.Part> roundSeal(SealDesign d) {
        List<SealArtwork.Part> shapes = new ArrayList<>();
        double dia = d.diameterMm();
        double r = dia / 2;
        double c = r;
        double rim = d.rimMm();
        Path2D ring = new Path2D.Double(Path2D.WIND_EVEN_ODD);
        ring.append(new Ellipse2D.Double(0, 0, dia, dia), false);
        ring.append(new Ellipse2D.Double(rim, rim, dia - 2 * rim, dia - 2 * rim), false);
        shapes.add(SealArtwork.Part.filled(ring));

        boolean special = !d.purpose().isEmpty();
        shapes.add(SealArtwork.Part.filled(star(c, c, d.starDiameterMm() / 2)));

        double gap = dia * 0.022;
        int n = d.name().codePointCount(0, d.name().length());
        double nameHeight = dia * (special ? 0.150 : 0.155) * Math.max(0.8, 1 - Math.max(0, n - 14) * 0.025);
        double outer = r - rim - gap;
        double maxSpanDeg = d.sealNumber().isEmpty() ? 250 : 240;
        upperArcText(d.name(), c, c, outer, nameHeight, maxSpanDeg).forEach(s -> shapes.add(s.part(nameHeight * BOLD)));

        if (special) {
            double h = dia * 0.115;
            double centreY = c + r * 0.52;
            double halfChord = Math.sqrt(r * r - Math.pow(centreY + h / 2 - c, 2)) - rim - gap * 2;
            horizontalText(d.purpose(), c, centreY, h, 2 * halfChord * 0.92, 0.10)
                    .forEach(s -> shapes.add(s.part(h * BOLD)));
        }
        if (!d.sealNumber().isEmpty()) {
            double h = dia * 0.052;
            lowerArcText(d.sealNumber(), c, c, r - rim - gap * 0.9, h).forEach(s -> shapes.add(s.part(h * BOLD)));
        }
        return shapes;
    }

    private static Path2D star(double cx, double cy, double outer) {
        double inner = outer * Math.sin(Math.toRadians(18)) / Math.sin(Math.toRadians(126));
        Path2D path = new Path2D.Double(Path2D.WIND_NON_ZERO);
        for (int i = 0; i < 10; i++) {
            double radius = i % 2 == 0 ? outer : inner;
            double a = -Math.PI / 2 + i * Math.PI / 5;
            double x = cx + radius * Math.cos(a);
            double y = cy + radius * Math.sin(a);
            if (i == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        path.closePath();
        return path;
    }

    /**
     * Characters centred on the top of the circle, read left to right, feet towards the centre, tops touching
     * {@code outer}. The span grows with the number of characters between a minimum (short names are spaced out) and
     * {@code maxSpanDeg}; when the characters no longer fit at full width they are condensed horizontally.
     */
    private List<Placed> upperArcText(
            String text, double cx, double cy, double outer, double height, double maxSpanDeg) {
        int[] cps = text.codePoints().toArray();
        int n = cps.length;
        double baseline = outer - height;
        double mid = outer - height / 2;
        double naturalStep = height * 1.12 / mid; // full-width character plus tracking, in radians
        double minSpan = Math.toRadians(Math.min(maxSpanDeg, 40 + 22.0 * n));
        double span = Math.min(Math.toRadians(maxSpanDeg), Math.max(minSpan, naturalStep * n));
        double step = span / n;
        double widthAvailable = baseline * step * 0.92; // measured at the feet, where characters are closest
        double scaleX = Math.min(1.0, widthAvailable / height);
        double s = height / cjkBox.getHeight();
        List<Placed> shapes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double angle = -Math.PI / 2 - span / 2 + (i + 0.5) * step;
            GlyphVector gv = glyph(cps[i]);
            double advance = gv.getGlyphMetrics(0).getAdvance();
            AffineTransform t = new AffineTransform();
            t.translate(cx + baseline * Math.cos(angle), cy + baseline * Math.sin(angle));
            t.rotate(angle + Math.PI / 2);
            t.scale(s * scaleX, s);
            t.translate(-advance / 2, -cjkBox.getMaxY());
            shapes.add(placed(cps[i], gv, t));
        }
        return shapes;
    }

    /** Small upright characters centred on the bottom of the circle, read left to right, feet at {@code outer}. */
    private List<Placed> lowerArcText(String text, double cx, double cy, double outer, double height) {
        double s = height / digitBox.getHeight();
        double mid = outer - height / 2;
        int n = text.length();
        double[] advances = new double[n];
        GlyphVector[] glyphs = new GlyphVector[n];
        double total = 0;
        double tracking = height * 0.12;
        for (int i = 0; i < n; i++) {
            glyphs[i] = glyph(text.charAt(i));
            advances[i] = glyphs[i].getGlyphMetrics(0).getAdvance() * s * 0.9 + tracking;
            total += advances[i];
        }
        double span = total / mid;
        double angle = Math.PI / 2 + span / 2;
        List<Placed> shapes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double a = angle - advances[i] / 2 / mid;
            angle -= advances[i] / mid;
            double advance = glyphs[i].getGlyphMetrics(0).getAdvance();
            AffineTransform t = new AffineTransform();
            t.translate(cx + outer * Math.cos(a), cy + outer * Math.sin(a));
            t.rotate(a - Math.PI / 2);
            t.scale(s * 0.9, s);
            t.translate(-advance / 2, -digitBox.getMaxY());
            shapes.add(placed(text.charAt(i), glyphs[i], t));
        }
        return shapes;
    }

    /** One horizontal line centred on ({@code cx}, {@code centreY}), condensed to {@code maxWidth} if needed. */
    private List<Placed> horizontalText(
            String text, double cx, double centreY, double height, double maxWidth, double trackingEm) {
        int[] cps = text.codePoints().toArray();
        double s = height / cjkBox.getHeight();
        List<GlyphVector> glyphs = new ArrayList<>();
        double natural = 0;
        for (int cp : cps) {
            GlyphVector gv = glyph(cp);
            glyphs.add(gv);
            natural += gv.getGlyphMetrics(0).getAdvance() * s;
        }
        double tracking = height * trackingEm;
        natural += tracking * (cps.length - 1);
        double scaleX = Math.min(1.0, maxWidth / natural);
        double x = cx - natural * scaleX / 2;
        double baselineY = centreY + height / 2;
        List<Placed> shapes = new ArrayList<>(cps.length);
        for (int i = 0; i < cps.length; i++) {
            GlyphVector gv = glyphs.get(i);
            double advance = gv.getGlyphMetrics(0).getAdvance();
            AffineTransform t = new AffineTransform();
            t.translate(x, baselineY);
            t.scale(s * scaleX, s);
            t.translate(0, -cjkBox.getMaxY());
            shapes.add(placed(cps[i], gv, t));
            x += (advance * s + tracking) * scaleX;
        }
        return shapes;
    }

    private List<SealArtwork.Part> nameSeal(SealDesign d) {
        double w = d.widthMm();
        double h = d.heightMm();
        double rim = d.rimMm();
        List<Placed> shapes = new ArrayList<>();
        List<SealArtwork.Part> parts = new ArrayList<>();
        Path2D frame = new Path2D.Double(Path2D.WIND_EVEN_ODD);
        frame.append(new Rectangle2D.Double(0, 0, w, h), false);
        frame.append(new Rectangle2D.Double(rim, rim, w - 2 * rim, h - 2 * rim), false);
        parts.add(SealArtwork.Part.filled(frame));
        int[] name = d.name().codePoints().toArray();
        double pad = Math.min(w, h) * 0.07;
        double x0 = rim + pad;
        double y0 = rim + pad;
        double iw = w - 2 * (rim + pad);
        double ih = h - 2 * (rim + pad);
        if (h / w >= 1.5) {
            double cell = ih / name.length;
            for (int i = 0; i < name.length; i++) {
                shapes.add(inCell(name[i], x0, y0 + i * cell, iw, cell));
            }
        } else if (w / h >= 1.5) {
            double cell = iw / name.length;
            for (int i = 0; i < name.length; i++) {
                shapes.add(inCell(name[i], x0 + i * cell, y0, cell, ih));
            }
        } else {
            int[] four = switch (name.length) {
                case 2 -> new int[] {name[0], name[1], '之', '印'};
                case 3 -> new int[] {name[0], name[1], name[2], '印'};
                default -> name;
            };
            double cw = iw / 2;
            double ch = ih / 2;
            // traditional order: right column top to bottom, then left column
            shapes.add(inCell(four[0], x0 + cw, y0, cw, ch));
            shapes.add(inCell(four[1], x0 + cw, y0 + ch, cw, ch));
            shapes.add(inCell(four[2], x0, y0, cw, ch));
            shapes.add(inCell(four[3], x0, y0 + ch, cw, ch));
        }
        double stroke = Math.min(w, h) * 0.018;
        shapes.forEach(s -> parts.add(s.part(stroke)));
        return parts;
    }

    /** A character stretched to fill a cell (its ink box, taken from the reference character, fills 90 % of it). */
    private Placed inCell(int codePoint, double x, double y, double cw, double ch) {
        GlyphVector gv = glyph(codePoint);
        double sx = cw * 0.92 / cjkBox.getWidth();
        double sy = ch * 0.90 / cjkBox.getHeight();
        AffineTransform t = new AffineTransform();
        t.translate(x + cw / 2, y + ch / 2);
        t.scale(sx, sy);
        t.translate(-cjkBox.getCenterX(), -cjkBox.getCenterY());
        return placed(codePoint, gv, t);
    }
}
