package cn.zhengyin.trust.ofd;

import cn.zhengyin.trust.TrustException;
import cn.zhengyin.trust.font.CjkFace;
import cn.zhengyin.trust.font.TrueTypeSubset;
import cn.zhengyin.trust.seal.PathData;
import cn.zhengyin.trust.seal.SealImpression;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.fontbox.ttf.GlyphData;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A seal impression as a vector OFD picture: the {@code SES_ESPictrueInfo} of a GB/T 38540 SESeal with type
 * {@value #TYPE} holds a one-page OFD package whose page is the impression, one {@code PathObject} per shape (GB/T
 * 33190 §9, {@code AbbreviatedData} with M, L, Q, B and C). OFD readers draw such a stamp as they draw the page
 * (ofdrw's renderer does: {@code AWTMaker} renders pictures of type "ofd"); it is a few kilobytes where the 300 dpi
 * PNG was over 100 KB, and it stays sharp at any zoom.
 *
 * <p>A character whose face is bundled ({@link CjkFace}) is a {@code TextObject} of that character in a subset of the
 * face embedded in the picture (the seal's characters only), placed by its CTM: a few bytes each where its outline was
 * hundreds, and a document that embeds the same face can draw it as text too. Other parts are paths.
 *
 * <p>{@link #read} understands exactly what {@link #write} writes (and other OFDs that keep to it): one page of path
 * objects without transformations and one-character text objects in an embedded font, all in one colour, no images.
 * Anything else is {@link Optional#empty()}, so the caller falls back to the seal's raster image.
 */
public final class OfdStampPicture {

    /**
     * The picture type in SES_ESPictrueInfo, lower case: ofdrw's renderer compares it with {@code "ofd"} exactly (and
     * otherwise hands the bytes to ImageIO, which draws nothing), as its own seal maker writes it.
     */
    public static final String TYPE = "ofd";

    private static final String DOCUMENT = "Doc_0/Document.xml";
    private static final String CONTENT = "Doc_0/Pages/Page_0/Content.xml";
    private static final String PUBLIC_RES = "Doc_0/PublicRes.xml";
    /** A stamp picture is small; a larger one is not read. */
    private static final int MAX_BYTES = 1024 * 1024;

    private OfdStampPicture() {}

    /** @return the impression as an OFD package (deterministic bytes) */
    public static byte[] write(SealImpression impression) {
        String box = "0 0 " + mm(impression.widthMm()) + " " + mm(impression.heightMm());
        int rgb = impression.rgb();
        String colour = ((rgb >> 16) & 0xFF) + " " + ((rgb >> 8) & 0xFF) + " " + (rgb & 0xFF);
        StringBuilder page = new StringBuilder(32 * 1024);
        page.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Page xmlns:ofd=\"")
                .append(OfdXml.NS)
                .append("\"><ofd:Content><ofd:Layer ID=\"2\">\n");
        // the characters of a face we embed are text in a subset of that face, one font per face
        Map<String, CjkFace> faces = new LinkedHashMap<>();
        Map<String, Set<Integer>> characters = new LinkedHashMap<>();
        for (SealImpression.Part part : impression.parts()) {
            part.glyph()
                    .ifPresent(g -> faceNamed(g.fontName())
                            .filter(f -> f.covers(g.codePoint()))
                            .ifPresent(f -> {
                                faces.put(g.fontName(), f);
                                characters
                                        .computeIfAbsent(g.fontName(), n -> new TreeSet<>())
                                        .add(g.codePoint());
                            }));
        }
        Map<String, Integer> fontIds = new LinkedHashMap<>();
        int id = 3;
        for (String name : faces.keySet()) {
            fontIds.put(name, id++);
        }
        for (SealImpression.Part part : impression.parts()) {
            boolean stroked = part.strokeMm() > 0;
            Optional<SealImpression.Glyph> text = part.glyph()
                    .filter(g -> characters.getOrDefault(g.fontName(), Set.of()).contains(g.codePoint()));
            if (text.isPresent()) {
                textObject(page, id++, box, fontIds.getOrDefault(text.get().fontName(), 0), text.get(), part, colour);
                continue;
            }
            page.append("<ofd:PathObject ID=\"")
                    .append(id++)
                    .append("\" Boundary=\"")
                    .append(box)
                    .append("\" Fill=\"true\" Stroke=\"")
                    .append(stroked);
            if (stroked) {
                page.append("\" LineWidth=\"").append(mm(part.strokeMm())).append("\" Join=\"Round\" Cap=\"Round");
            }
            if (part.evenOdd()) {
                page.append("\" Rule=\"Even-Odd");
            }
            page.append("\">");
            if (stroked) {
                page.append("<ofd:StrokeColor Value=\"").append(colour).append("\"/>");
            }
            page.append("<ofd:FillColor Value=\"").append(colour).append("\"/><ofd:AbbreviatedData>");
            PathData.append(page, part.shape(), OFD_PATH);
            page.append("</ofd:AbbreviatedData></ofd:PathObject>\n");
        }
        page.append("</ofd:Layer></ofd:Content></ofd:Page>\n");
        String ofd = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:OFD xmlns:ofd=\"" + OfdXml.NS
                + "\" Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody><ofd:DocInfo>"
                + "<ofd:DocID>00000000000000000000000000000000</ofd:DocID></ofd:DocInfo>"
                + "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>\n";
        String document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Document xmlns:ofd=\"" + OfdXml.NS
                + "\"><ofd:CommonData><ofd:MaxUnitID>" + id + "</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>"
                + box + "</ofd:PhysicalBox></ofd:PageArea>"
                + (fontIds.isEmpty() ? "" : "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>")
                + "</ofd:CommonData><ofd:Pages>"
                + "<ofd:Page ID=\"1\" BaseLoc=\"Pages/Page_0/Content.xml\"/></ofd:Pages></ofd:Document>\n";
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put(OfdPackage.ENTRY_FILE, ofd.getBytes(StandardCharsets.UTF_8));
        parts.put(DOCUMENT, document.getBytes(StandardCharsets.UTF_8));
        parts.put(CONTENT, page.toString().getBytes(StandardCharsets.UTF_8));
        if (!fontIds.isEmpty()) {
            StringBuilder res = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Res xmlns:ofd=\"")
                    .append(OfdXml.NS)
                    .append("\" BaseLoc=\"Res\"><ofd:Fonts>");
            for (Map.Entry<String, Integer> font : fontIds.entrySet()) {
                CjkFace face = java.util.Objects.requireNonNull(faces.get(font.getKey()));
                String file = "font_" + font.getValue() + ".ttf";
                res.append("<ofd:Font ID=\"")
                        .append(font.getValue())
                        .append("\" FontName=\"")
                        .append(face.postScriptName())
                        .append("\" FamilyName=\"")
                        .append(face.familyName())
                        .append("\" Serif=\"true\"><ofd:FontFile>")
                        .append(file)
                        .append("</ofd:FontFile></ofd:Font>");
                TrueTypeFont ttf = face.parseUnhinted();
                parts.put(
                        "Doc_0/Res/" + file, TrueTypeSubset.of(ttf, characters.getOrDefault(font.getKey(), Set.of())));
            }
            res.append("</ofd:Fonts></ofd:Res>\n");
            parts.put(PUBLIC_RES, res.toString().getBytes(StandardCharsets.UTF_8));
        }
        return OfdPackage.of(parts).write();
    }

    /** The bundled face with this PostScript name. */
    private static Optional<CjkFace> faceNamed(String postScriptName) {
        for (CjkFace face : CjkFace.values()) {
            if (face.postScriptName().equals(postScriptName)) {
                return Optional.of(face);
            }
        }
        return Optional.empty();
    }

    /**
     * One character as a {@code TextObject} (GB/T 33190 §11): the glyph at the origin with size {@code s}, placed by
     * its CTM, which is the glyph's em-to-millimetre transformation (y up to y down) divided by the size.
     */
    private static void textObject(
            StringBuilder page,
            int id,
            String box,
            int fontId,
            SealImpression.Glyph g,
            SealImpression.Part part,
            String colour) {
        AffineTransform m = g.emToMm();
        m.concatenate(AffineTransform.getScaleInstance(1, -1)); // (x, y down) in em to mm
        double size = Math.round(Math.sqrt(Math.abs(m.getDeterminant())) * 100) / 100.0;
        m.concatenate(AffineTransform.getScaleInstance(1 / size, 1 / size));
        double[] ctm = new double[6];
        m.getMatrix(ctm);
        boolean stroked = part.strokeMm() > 0;
        page.append("<ofd:TextObject ID=\"")
                .append(id)
                .append("\" Boundary=\"")
                .append(box)
                .append("\" CTM=\"");
        for (int i = 0; i < 6; i++) {
            page.append(i == 0 ? "" : " ").append(decimal(ctm[i]));
        }
        page.append("\" Font=\"")
                .append(fontId)
                .append("\" Size=\"")
                .append(mm(size))
                .append("\" Fill=\"true\" Stroke=\"")
                .append(stroked);
        if (stroked) {
            page.append("\" LineWidth=\"").append(mm(part.strokeMm())).append("\" Join=\"Round\" Cap=\"Round");
        }
        page.append("\"><ofd:FillColor Value=\"").append(colour).append("\"/>");
        if (stroked) {
            page.append("<ofd:StrokeColor Value=\"").append(colour).append("\"/>");
        }
        page.append("<ofd:TextCode X=\"0\" Y=\"0\">")
                .append(escaped(g.codePoint()))
                .append("</ofd:TextCode></ofd:TextObject>\n");
    }

    /**
     * @param picture the data of a picture of type {@value #TYPE}
     * @return the impression, or empty if the picture is not a vector OFD stamp of the kind {@link #write} makes
     */
    public static Optional<SealImpression> read(byte[] picture) {
        if (picture.length > MAX_BYTES) {
            return Optional.empty();
        }
        try {
            OfdPackage pkg = OfdPackage.read(picture);
            Element area = OfdXml.child(
                            OfdXml.child(OfdXml.parse(pkg, DOCUMENT).getDocumentElement(), "CommonData")
                                    .orElseThrow(() -> new OfdFormatException("no CommonData")),
                            "PageArea")
                    .orElseThrow(() -> new OfdFormatException("no PageArea"));
            double[] physical = numbers(OfdXml.text(area, "PhysicalBox", "PageArea"), 4);
            Element commonData = OfdXml.child(OfdXml.parse(pkg, DOCUMENT).getDocumentElement(), "CommonData")
                    .orElseThrow();
            Map<String, Element> fonts = fonts(pkg, commonData);
            Map<String, TrueTypeFont> parsed = new HashMap<>();
            Document page = OfdXml.parse(pkg, CONTENT);
            Element content = OfdXml.child(page.getDocumentElement(), "Content")
                    .orElseThrow(() -> new OfdFormatException("no Content"));
            List<SealImpression.Part> parts = new ArrayList<>();
            Integer rgb = null;
            for (Element layer : OfdXml.children(content, "Layer")) {
                for (org.w3c.dom.Node n = layer.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (!(n instanceof Element object)) {
                        continue;
                    }
                    boolean text = "TextObject".equals(object.getLocalName());
                    if (!text && (!"PathObject".equals(object.getLocalName()) || object.hasAttribute("CTM"))) {
                        return Optional.empty();
                    }
                    int colour = colour(OfdXml.child(object, "FillColor")
                            .orElseThrow(() -> new OfdFormatException("a path without FillColor")));
                    if (rgb != null && rgb != colour) {
                        return Optional.empty(); // one colour only
                    }
                    rgb = colour;
                    parts.add(text ? textPart(pkg, object, fonts, parsed) : part(object));
                }
            }
            if (rgb == null || physical[0] != 0 || physical[1] != 0) {
                return Optional.empty();
            }
            return Optional.of(new SealImpression(physical[2], physical[3], rgb, parts));
        } catch (IllegalArgumentException | TrustException | IOException e) {
            return Optional.empty();
        }
    }

    /** The fonts of the picture's public resources by ID (none when it has none). */
    private static Map<String, Element> fonts(OfdPackage pkg, Element commonData) {
        Map<String, Element> fonts = new HashMap<>();
        for (Element publicRes : OfdXml.children(commonData, "PublicRes")) {
            String resPath = OfdXml.resolve(DOCUMENT, publicRes.getTextContent().strip());
            Element res = OfdXml.parse(pkg, resPath).getDocumentElement();
            String base = res.hasAttribute("BaseLoc") ? res.getAttribute("BaseLoc") : "";
            for (Element list : OfdXml.children(res, "Fonts")) {
                for (Element font : OfdXml.children(list, "Font")) {
                    String file = OfdXml.text(font, "FontFile", "Font");
                    String path = OfdXml.resolve(resPath, base.isEmpty() ? file : base + "/" + file);
                    font.setUserData("path", path, null);
                    fonts.put(font.getAttribute("ID"), font);
                }
            }
        }
        return fonts;
    }

    /**
     * A {@code TextObject} of one character as {@link #textObject} writes it: the glyph's outline from the picture's
     * own font, placed by the object's CTM and size, and the glyph's identity (character, the font's name).
     */
    private static SealImpression.Part textPart(
            OfdPackage pkg, Element object, Map<String, Element> fonts, Map<String, TrueTypeFont> parsed)
            throws IOException {
        if (!"true".equals(object.getAttribute("Fill"))) {
            throw new OfdFormatException("only filled text is read");
        }
        double[] boundary = numbers(object.getAttribute("Boundary"), 4);
        double[] ctm =
                object.hasAttribute("CTM") ? numbers(object.getAttribute("CTM"), 6) : new double[] {1, 0, 0, 1, 0, 0};
        double size = numbers(object.getAttribute("Size"), 1)[0];
        boolean stroked = "true".equals(object.getAttribute("Stroke"));
        double width = 0;
        if (stroked) {
            width = object.hasAttribute("LineWidth") ? numbers(object.getAttribute("LineWidth"), 1)[0] : 0.353;
            if (!"Round".equals(object.getAttribute("Join")) || !"Round".equals(object.getAttribute("Cap"))) {
                throw new OfdFormatException("only round joins and caps are read");
            }
        }
        List<Element> codes = OfdXml.children(object, "TextCode");
        if (codes.size() != 1 || size <= 0 || object.hasAttribute("HScale") || object.hasAttribute("Weight")) {
            throw new OfdFormatException("only one character per text object is read");
        }
        Element code = codes.getFirst();
        String chars = code.getTextContent();
        if (chars.codePointCount(0, chars.length()) != 1
                || code.hasAttribute("DeltaX")
                || code.hasAttribute("DeltaY")) {
            throw new OfdFormatException("only one character per text object is read");
        }
        int codePoint = chars.codePointAt(0);
        double x = code.hasAttribute("X") ? numbers(code.getAttribute("X"), 1)[0] : 0;
        double y = code.hasAttribute("Y") ? numbers(code.getAttribute("Y"), 1)[0] : 0;
        Element font = fonts.get(object.getAttribute("Font"));
        if (font == null) {
            throw new OfdFormatException("a text object's font is not in the picture");
        }
        String fontName = font.getAttribute("FontName");
        String path = (String) font.getUserData("path");
        TrueTypeFont ttf = parsed.get(path);
        if (ttf == null) {
            byte[] file = pkg.part(path).orElseThrow(() -> new OfdFormatException("no font file " + path));
            ttf = new TTFParser().parse(new RandomAccessReadBuffer(file));
            parsed.put(path, ttf);
        }
        int gid = ttf.getUnicodeCmapLookup().getGlyphId(codePoint);
        GlyphData glyph = gid == 0 ? null : ttf.getGlyph().getGlyph(gid);
        if (glyph == null) {
            throw new OfdFormatException("the picture's font has no glyph for U+" + Integer.toHexString(codePoint));
        }
        // em (y up) -> (x + size·ex, y − size·ey) in the object's space -> CTM -> the boundary's origin
        AffineTransform emToMm = AffineTransform.getTranslateInstance(boundary[0], boundary[1]);
        emToMm.concatenate(new AffineTransform(ctm));
        emToMm.concatenate(new AffineTransform(size, 0, 0, -size, x, y));
        SealImpression.Glyph identity = new SealImpression.Glyph(codePoint, fontName, emToMm);
        AffineTransform unitsToMm = identity.emToMm();
        double em = ttf.getUnitsPerEm();
        unitsToMm.concatenate(AffineTransform.getScaleInstance(1 / em, 1 / em));
        Shape outline = unitsToMm.createTransformedShape(glyph.getPath());
        return new SealImpression.Part(outline, width, Optional.of(identity));
    }

    private static String escaped(int codePoint) {
        return switch (codePoint) {
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '&' -> "&amp;";
            default -> Character.toString(codePoint);
        };
    }

    /** A decimal with at most 8 fraction digits, no exponent, no trailing zeros. */
    private static String decimal(double v) {
        String s = java.math.BigDecimal.valueOf(v)
                .setScale(8, java.math.RoundingMode.HALF_EVEN)
                .stripTrailingZeros()
                .toPlainString();
        return s.equals("-0") || s.matches("-0\\.?0*") ? "0" : s;
    }

    private static SealImpression.Part part(Element object) {
        if (!"true".equals(object.getAttribute("Fill"))) {
            throw new OfdFormatException("only filled paths are read");
        }
        double[] boundary = numbers(object.getAttribute("Boundary"), 4);
        boolean stroked = !"false".equals(object.getAttribute("Stroke"));
        double width = 0;
        if (stroked) {
            width = object.hasAttribute("LineWidth") ? numbers(object.getAttribute("LineWidth"), 1)[0] : 0.353;
            if (!"Round".equals(object.getAttribute("Join")) || !"Round".equals(object.getAttribute("Cap"))) {
                throw new OfdFormatException("only round joins and caps are read");
            }
        }
        boolean evenOdd = "Even-Odd".equals(object.getAttribute("Rule"));
        Path2D.Double path = new Path2D.Double(evenOdd ? Path2D.WIND_EVEN_ODD : Path2D.WIND_NON_ZERO);
        String data = OfdXml.text(object, "AbbreviatedData", "PathObject");
        String[] tokens = data.trim().split("\\s+");
        double ox = boundary[0];
        double oy = boundary[1];
        int i = 0;
        while (i < tokens.length) {
            String op = tokens[i++];
            int count = switch (op) {
                case "M", "S", "L" -> 2;
                case "Q" -> 4;
                case "B" -> 6;
                case "C" -> 0;
                default -> throw new OfdFormatException("path operator " + op + " is not read");
            };
            if (i + count > tokens.length) {
                throw new OfdFormatException("path operator " + op + " lacks its coordinates");
            }
            double[] c = new double[count];
            for (int k = 0; k < count; k++) {
                c[k] = Double.parseDouble(tokens[i + k]) + (k % 2 == 0 ? ox : oy);
            }
            i += count;
            switch (op) {
                case "M", "S" -> path.moveTo(c[0], c[1]);
                case "L" -> path.lineTo(c[0], c[1]);
                case "Q" -> path.quadTo(c[0], c[1], c[2], c[3]);
                case "B" -> path.curveTo(c[0], c[1], c[2], c[3], c[4], c[5]);
                default -> path.closePath();
            }
        }
        return new SealImpression.Part(path, width);
    }

    private static int colour(Element color) {
        double[] v = numbers(color.getAttribute("Value"), 3);
        if (color.hasAttribute("ColorSpace") || color.hasAttribute("Index")) {
            throw new OfdFormatException("only the default RGB colour space is read");
        }
        int rgb = 0;
        for (double component : v) {
            if (component < 0 || component > 255) {
                throw new OfdFormatException("colour component " + component + " is outside 0..255");
            }
            rgb = rgb << 8 | (int) component;
        }
        return rgb;
    }

    private static double[] numbers(String text, int expected) {
        String[] parts = text.trim().split("\\s+");
        if (parts.length != expected) {
            throw new OfdFormatException("expected " + expected + " numbers in '" + text + "'");
        }
        double[] out = new double[expected];
        for (int k = 0; k < expected; k++) {
            out[k] = Double.parseDouble(parts[k]);
            if (!Double.isFinite(out[k])) {
                throw new OfdFormatException("'" + text + "' is not a list of finite numbers");
            }
        }
        return out;
    }

    /** OFD abbreviated path data (GB/T 33190 §9.3.2): operators followed by a space, coordinates to 0.01 mm. */
    private static final PathData.Dialect OFD_PATH =
            new PathData.Dialect("M ", "L ", "Q ", "B ", "C", OfdStampPicture::mm);

    /** Millimetres to 0.01 mm, without trailing zeros. */
    static String mm(double v) {
        long hundredths = Math.round(v * 100);
        if (hundredths == 0) {
            return "0";
        }
        String sign = hundredths < 0 ? "-" : "";
        long a = Math.abs(hundredths);
        long whole = a / 100;
        long frac = a % 100;
        if (frac == 0) {
            return sign + whole;
        }
        return sign + whole + "."
                + (frac % 10 == 0 ? Long.toString(frac / 10) : String.format(Locale.ROOT, "%02d", frac));
    }
}
