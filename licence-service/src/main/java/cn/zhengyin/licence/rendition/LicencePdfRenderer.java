package cn.zhengyin.licence.rendition;

import cn.zhengyin.licence.licencetype.FieldDefinition;
import cn.zhengyin.licence.licencetype.FieldType;
import cn.zhengyin.licence.licencetype.Layout;
import cn.zhengyin.licence.licencetype.LicenceType;
import cn.zhengyin.trust.font.CjkFace;
import cn.zhengyin.trust.font.FontChain;
import cn.zhengyin.trust.font.ParsedFaces;
import cn.zhengyin.trust.font.PrintableText;
import cn.zhengyin.trust.seal.SealImpression;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.EnumMap;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;

/**
 * Draws the printable PDF of a licence from its type's layout.
 *
 * <p>Font handling: text is drawn glyph by glyph with trust-core's {@link FontChain#cjk()}: the Song face for what it
 * covers (GB 2312), HanaMinA, HanaMinB and BabelStone Han for the rest of GB 18030-2022, each line split into runs
 * per face. Parsed faces come from trust-core's bounded {@link ParsedFaces} pool, shared with the OFD renderer: a
 * parsed {@link TrueTypeFont} is used by one render at a time because fontbox reads glyph data lazily and is not
 * documented as thread-safe. Each document gets its own {@link PDType0Font} per face it uses, embedding only the glyphs
 * used (subset). Thread-safe.
 *
 * <p>Output is deterministic: the same type, values and context give the same bytes (the document /ID is derived
 * from the content inputs, the dates from {@link RenderContext#renderedAt()}).
 */
public final class LicencePdfRenderer {

    private static final float POINTS_PER_MM = 72f / 25.4f;
    private static final String PRODUCER = "Zhengyin licence-service (Apache PDFBox 3)";
    /** Characters that must not start a line (a minimal 禁则 / kinsoku rule). */
    private static final String NO_LINE_START = "，。、；：？！）》」』】〕”’,.;:?!)]}%";

    private static final Pattern UNBREAKABLE = Pattern.compile("[A-Za-z0-9.:/\\-_@#%+=?&~]");

    private static final FontChain FONTS = FontChain.cjk();
    private final ParsedFaces faces;

    /** A renderer on the process's shared pool of parsed faces. */
    public LicencePdfRenderer() {
        this(ParsedFaces.shared());
    }

    /** A renderer whose parsed faces come from {@code faces}. */
    public LicencePdfRenderer(ParsedFaces faces) {
        this.faces = faces;
    }

    /**
     * Renders one page per the type's layout.
     *
     * @param type        the licence type
     * @param fieldValues values already accepted by {@code FieldValidator}, as text (dates ISO yyyy-MM-dd); keys the
     *                    type does not declare are ignored
     * @param ctx         identifier, verification URL and rendering instant
     * @return the PDF bytes (unsigned)
     * @throws LicenceRenderingException if a value cannot be printed with the bundled fonts or is malformed
     */
    public byte[] render(LicenceType type, Map<String, String> fieldValues, RenderContext ctx) {
        return render(type, fieldValues, ctx, List.of());
    }

    /**
     * As {@link #render(LicenceType, Map, RenderContext)}, with the seal's characters in the page's font subsets: each
     * glyph whose font is a face the page already uses (same PostScript name) and that has the character is added to
     * that face's subset, so the visible seal can draw it as text in the page's font (a few bytes each) instead of as
     * an outline. Nothing is drawn; glyphs of other faces are left out.
     *
     * @param sealGlyphs the characters of the seal's impression ({@code LicenceSealer.sealGlyphs})
     */
    public byte[] render(
            LicenceType type,
            Map<String, String> fieldValues,
            RenderContext ctx,
            List<SealImpression.Glyph> sealGlyphs) {
        try (ParsedFaces.Lease lease = faces.lease();
                PDDocument doc = new PDDocument()) {
            Layout layout = type.layout();
            PDRectangle size = new PDRectangle(
                    mm(layout.page().widthMm()), mm(layout.page().heightMm()));
            PDPage page = new PDPage(size);
            doc.addPage(page);
            DocumentFonts fonts = new DocumentFonts(doc, lease);
            Canvas canvas = new Canvas(fonts, size.getHeight());
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                canvas.cs = cs;
                draw(canvas, type, fieldValues, ctx);
            }
            for (SealImpression.Glyph glyph : sealGlyphs) {
                fonts.loaded.forEach((face, font) -> {
                    if (face.postScriptName().equals(glyph.fontName()) && face.covers(glyph.codePoint())) {
                        font.addToSubset(glyph.codePoint());
                    }
                });
            }
            describe(doc, type, fieldValues, ctx);
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new LicenceRenderingException(
                    "PDF rendering of " + ctx.identifier() + " failed: " + e.getMessage(), e);
        }
    }

    /** Where the issuer's seal goes on page 1, for the visible signature: a square around the layout's seal circle. */
    public Rectangle sealRectangle(LicenceType type) {
        Layout layout = type.layout();
        Layout.Circle seal = layout.seal();
        float d = mm(seal.diameterMm());
        float x = mm(seal.centreXMm() - seal.diameterMm() / 2);
        float yTop = mm(seal.centreYMm() - seal.diameterMm() / 2);
        return new Rectangle(x, mm(layout.page().heightMm()) - yTop - d, d, d);
    }

    /** The PDF fonts of one document, one per face it uses, each loaded when its first glyph is drawn or measured. */
    private final class DocumentFonts {
        private final PDDocument doc;
        private final ParsedFaces.Lease lease;
        private final Map<CjkFace, PDType0Font> loaded = new EnumMap<>(CjkFace.class);

        DocumentFonts(PDDocument doc, ParsedFaces.Lease lease) {
            this.doc = doc;
            this.lease = lease;
        }

        PDType0Font font(CjkFace face) throws IOException {
            PDType0Font font = loaded.get(face);
            if (font == null) {
                font = PDType0Font.load(doc, BundledFaces.borrow(lease, face), true);
                loaded.put(face, font);
            }
            return font;
        }
    }

    // ---------------------------------------------------------------- drawing

    private void draw(Canvas c, LicenceType type, Map<String, String> values, RenderContext ctx) throws IOException {
        Layout l = type.layout();
        float pageWidth = mm(l.page().widthMm());
        l.border().ifPresent(b -> c.border(l, b));
        for (Layout.Grid grid : l.grids()) {
            c.grid(grid);
        }
        for (Layout.Line line : l.lines()) {
            c.line(line);
        }
        l.emblem()
                .ifPresent(
                        e -> c.emblem(e, l.border().map(Layout.Border::colour).orElse(l.textColour())));

        Layout.Title t = l.title();
        float titleWidth = c.width(t.text(), t.fontSize())
                + (float) t.letterSpacing()
                        * (t.text().codePointCount(0, t.text().length()) - 1);
        // the Song face has no bold weight: stroke the glyph outlines as well as filling them
        canvasBold(c, t);
        c.text(
                t.text(),
                (pageWidth - titleWidth) / 2,
                c.y(t.yMm()),
                t.fontSize(),
                t.colour(),
                t.letterSpacing(),
                "title");
        c.cs.setRenderingMode(RenderingMode.FILL);
        if (t.subtitle().isPresent()) {
            String sub = t.subtitle().get();
            float subSize = (float) t.fontSize() * 0.34f;
            c.text(
                    sub,
                    (pageWidth - c.width(sub, subSize)) / 2,
                    c.y(t.yMm()) - (float) t.fontSize() * 0.55f,
                    subSize,
                    t.colour(),
                    0,
                    "title.subtitle");
        }

        DateTimeFormatter dates = DateTimeFormatter.ofPattern(l.dateFormat(), Locale.ROOT);
        for (Layout.Item item : l.items()) {
            float x = mm(item.xMm());
            float y = c.y(item.yMm());
            float size = (float) item.fontSize();
            if (!item.label().isEmpty()) {
                c.text(item.label(), x, y, size, l.textColour(), 0, "label " + item.label());
            }
            String value = resolve(type, item.value(), values, dates);
            float valueX = x + mm(item.labelWidthMm());
            float maxWidth = mm(item.maxWidthMm());
            float leading = size * (float) item.lineSpacing();
            for (String line : c.wrap(value, size, maxWidth)) {
                float offset = switch (item.align()) {
                    case LEFT -> 0;
                    case CENTER -> (maxWidth - c.width(line, size)) / 2;
                    case RIGHT -> maxWidth - c.width(line, size);
                };
                c.text(line, valueX + Math.max(0, offset), y, size, l.textColour(), 0, item.value());
                y -= leading;
            }
        }
        for (Layout.FixedText text : l.texts()) {
            float width = c.width(text.text(), text.fontSize());
            float x = switch (text.align()) {
                case LEFT -> mm(text.xMm());
                case CENTER -> mm(text.xMm()) - width / 2;
                case RIGHT -> mm(text.xMm()) - width;
            };
            c.text(text.text(), x, c.y(text.yMm()), (float) text.fontSize(), text.colour(), 0, "texts");
        }
        c.qrCode(l.qrCode(), ctx.qrCode(), l.textColour());
        Layout.Footer f = l.footer();
        String footer = "电子证照标识 " + ctx.identifier() + "　版本 " + ctx.identifier().versionCode();
        c.text(
                footer,
                (pageWidth - c.width(footer, (float) f.fontSize())) / 2,
                c.y(f.yMm()),
                (float) f.fontSize(),
                f.colour(),
                0,
                "footer");
    }

    private static void canvasBold(Canvas c, Layout.Title t) throws IOException {
        c.colour(t.colour(), true);
        c.cs.setLineWidth((float) t.fontSize() * 0.03f);
        c.cs.setRenderingMode(RenderingMode.FILL_STROKE);
    }

    /** Replaces each {@code {key}} with the field's display text (dates formatted, empty → emptyText). */
    private static String resolve(
            LicenceType type, String template, Map<String, String> values, DateTimeFormatter dates) {
        Matcher m = Pattern.compile("\\{([^{}]*)}").matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            FieldDefinition field = type.field(m.group(1))
                    .orElseThrow(() -> new LicenceRenderingException(
                            "layout placeholder {" + m.group(1) + "} names no field of " + type.slug()));
            m.appendReplacement(out, Matcher.quoteReplacement(display(field, values.get(field.key()), dates)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String display(FieldDefinition field, String value, DateTimeFormatter dates) {
        if (value == null || value.isBlank()) {
            return field.emptyText().orElse("");
        }
        if (field.type() == FieldType.DATE) {
            try {
                return LocalDate.parse(value).format(dates);
            } catch (DateTimeParseException e) {
                throw new LicenceRenderingException("field '" + field.key() + "' (" + field.labelZh() + ") value '"
                        + value + "' is not an ISO date yyyy-MM-dd; validate values with FieldValidator first");
            }
        }
        return value.strip();
    }

    private static void describe(PDDocument doc, LicenceType type, Map<String, String> values, RenderContext ctx) {
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(type.descriptor().name() + " " + ctx.identifier());
        info.setSubject(type.descriptor().name() + " (" + type.descriptor().nameEn() + "), 证照类型代码 " + type.typeCode());
        info.setKeywords(ctx.identifier().toString());
        info.setCreator("Zhengyin");
        info.setProducer(PRODUCER);
        Calendar when = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC), Locale.ROOT);
        when.setTimeInMillis(ctx.renderedAt().toEpochMilli());
        info.setCreationDate(when);
        info.setModificationDate(when);
        info.setCustomMetadataValue("LicenceIdentifier", ctx.identifier().toString());

        // A deterministic /ID (PDFBox would otherwise derive one from the wall clock).
        byte[] id = Arrays.copyOf(digest(type, values, ctx), 16);
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        doc.getDocument().getTrailer().setItem(COSName.ID, ids);
    }

    private static byte[] digest(LicenceType type, Map<String, String> values, RenderContext ctx) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            // the context as its record printed itself before it carried the QR code, so that /ID stays as it was
            String context = "RenderContext[identifier=" + ctx.identifier() + ", verificationUrl="
                    + ctx.verificationUrl() + ", renderedAt=" + ctx.renderedAt() + "]";
            sha.update((type.typeCode() + '\n' + type.slug() + '\n' + context + '\n' + new TreeMap<>(values))
                    .getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    static float mm(double millimetres) {
        return (float) (millimetres * POINTS_PER_MM);
    }

    /** Drawing state of one document: its content stream, fonts and the page height for y flipping. */
    private static final class Canvas {
        private final DocumentFonts fonts;
        private final float pageHeight;
        private final Map<Layout.BorderStyle, Float> innerLineRatio =
                new EnumMap<>(Map.of(Layout.BorderStyle.SINGLE, 0f, Layout.BorderStyle.DOUBLE, 0.35f));
        private PDPageContentStream cs;

        Canvas(DocumentFonts fonts, float pageHeight) {
            this.fonts = fonts;
            this.pageHeight = pageHeight;
        }

        float y(double mmFromTop) {
            return pageHeight - mm(mmFromTop);
        }

        float width(String text, double size) {
            try {
                float width = 0;
                for (FontChain.Run run : runs(text, "measured text")) {
                    width += fonts.font(run.face()).getStringWidth(run.text());
                }
                return width / 1000f * (float) size;
            } catch (IOException | IllegalArgumentException e) {
                throw new LicenceRenderingException("cannot measure '" + text + "': " + e.getMessage(), e);
            }
        }

        void text(String text, float x, float y, double size, String colour, double charSpacing, String what)
                throws IOException {
            if (text.isEmpty()) {
                return;
            }
            List<FontChain.Run> runs = runs(text, what);
            colour(colour, false);
            cs.beginText();
            cs.setCharacterSpacing((float) charSpacing);
            cs.newLineAtOffset(x, y);
            // one text object: each run advances the text position by its glyphs' widths, whatever its face
            for (FontChain.Run run : runs) {
                cs.setFont(fonts.font(run.face()), (float) size);
                cs.showText(run.text());
            }
            cs.endText();
        }

        /** The line split into runs per face, after the same check the issuance API makes on every field. */
        private static List<FontChain.Run> runs(String text, String what) {
            PrintableText.check(text, PrintableText.Lines.ONE, FONTS).ifPresent(u -> {
                throw new LicenceRenderingException("cannot print " + what + ": " + u.message());
            });
            return FONTS.runs(text);
        }

        /** Greedy line breaking: CJK breaks anywhere, Latin/digit runs stay whole, closing punctuation never starts a line. */
        List<String> wrap(String text, double size, float maxWidth) {
            List<String> lines = new ArrayList<>();
            for (String paragraph : text.split("\n", -1)) {
                List<String> units = units(paragraph);
                StringBuilder line = new StringBuilder();
                for (String unit : units) {
                    String candidate = line + unit;
                    boolean fits = width(candidate, size) <= maxWidth;
                    boolean mustStay = NO_LINE_START.contains(unit);
                    if (fits || line.isEmpty() || mustStay) {
                        line.append(unit);
                    } else {
                        lines.add(line.toString());
                        line.setLength(0);
                        line.append(unit.stripLeading());
                    }
                }
                lines.add(line.toString());
            }
            return lines;
        }

        private static List<String> units(String text) {
            List<String> units = new ArrayList<>();
            StringBuilder run = new StringBuilder();
            text.codePoints().forEach(cp -> {
                String s = Character.toString(cp);
                if (UNBREAKABLE.matcher(s).matches()) {
                    run.append(s);
                } else {
                    if (!run.isEmpty()) {
                        units.add(run.toString());
                        run.setLength(0);
                    }
                    units.add(s);
                }
            });
            if (!run.isEmpty()) {
                units.add(run.toString());
            }
            return units;
        }

        void colour(String hex, boolean stroke) throws IOException {
            float r = Integer.parseInt(hex.substring(1, 3), 16) / 255f;
            float g = Integer.parseInt(hex.substring(3, 5), 16) / 255f;
            float b = Integer.parseInt(hex.substring(5, 7), 16) / 255f;
            if (stroke) {
                cs.setStrokingColor(r, g, b);
            } else {
                cs.setNonStrokingColor(r, g, b);
            }
        }

        void border(Layout l, Layout.Border b) {
            try {
                Layout.Margins m = l.margins();
                float w = mm(b.widthMm());
                float x = mm(m.leftMm()) + w / 2;
                float y = mm(m.bottomMm()) + w / 2;
                float width = mm(l.page().widthMm() - m.leftMm() - m.rightMm()) - w;
                float height = mm(l.page().heightMm() - m.topMm() - m.bottomMm()) - w;
                float ratio = innerLineRatio.get(b.style());
                if (b.bandColour().isPresent() && ratio > 0) {
                    // tinted band between the lines; the content area inside the inner line stays white
                    float inset = w / 2 + mm(b.gapMm()) + w * ratio / 2;
                    colour(b.bandColour().get(), false);
                    cs.addRect(x, y, width, height);
                    cs.fill();
                    cs.setNonStrokingColor(1f, 1f, 1f);
                    cs.addRect(x + inset, y + inset, width - 2 * inset, height - 2 * inset);
                    cs.fill();
                }
                colour(b.colour(), true);
                cs.setLineWidth(w);
                cs.addRect(x, y, width, height);
                cs.stroke();
                if (ratio > 0) {
                    float inner = w * ratio;
                    float inset = w / 2 + mm(b.gapMm()) + inner / 2;
                    cs.setLineWidth(inner);
                    cs.addRect(x + inset, y + inset, width - 2 * inset, height - 2 * inset);
                    cs.stroke();
                    // small corner squares, as printed licences have ornamented corners
                    float corner = mm(b.gapMm()) + w;
                    for (float[] p : new float[][] {{x, y}, {x + width, y}, {x, y + height}, {x + width, y + height}}) {
                        cs.addRect(p[0] - corner / 2, p[1] - corner / 2, corner, corner);
                    }
                    colour(b.colour(), false);
                    cs.fill();
                }
            } catch (IOException e) {
                throw new LicenceRenderingException("cannot draw border: " + e.getMessage(), e);
            }
        }

        /** Background, shaded columns, then every row and column rule of the grid. */
        void grid(Layout.Grid g) {
            try {
                float left = mm(g.xMm());
                float top = y(g.yMm());
                float width = mm(g.widthMm());
                float height = mm(g.heightMm());
                if (g.fillColour().isPresent()) {
                    colour(g.fillColour().get(), false);
                    cs.addRect(left, top - height, width, height);
                    cs.fill();
                }
                if (g.shadeColour().isPresent() && !g.shadedColumns().isEmpty()) {
                    colour(g.shadeColour().get(), false);
                    double offset = 0;
                    for (int column = 0; column < g.columnWidthsMm().size(); column++) {
                        if (g.shadedColumns().contains(column)) {
                            cs.addRect(
                                    left + mm(offset),
                                    top - height,
                                    mm(g.columnWidthsMm().get(column)),
                                    height);
                        }
                        offset += g.columnWidthsMm().get(column);
                    }
                    cs.fill();
                }
                colour(g.colour(), true);
                cs.setLineWidth(mm(g.lineWidthMm()));
                cs.addRect(left, top - height, width, height);
                double offset = 0;
                for (int row = 0; row < g.rowHeightsMm().size() - 1; row++) {
                    offset += g.rowHeightsMm().get(row);
                    cs.moveTo(left, top - mm(offset));
                    cs.lineTo(left + width, top - mm(offset));
                }
                offset = 0;
                for (int column = 0; column < g.columnWidthsMm().size() - 1; column++) {
                    offset += g.columnWidthsMm().get(column);
                    cs.moveTo(left + mm(offset), top);
                    cs.lineTo(left + mm(offset), top - height);
                }
                cs.stroke();
            } catch (IOException e) {
                throw new LicenceRenderingException("cannot draw grid: " + e.getMessage(), e);
            }
        }

        void line(Layout.Line line) {
            try {
                colour(line.colour(), true);
                cs.setLineWidth(mm(line.widthMm()));
                cs.moveTo(mm(line.x1Mm()), y(line.y1Mm()));
                cs.lineTo(mm(line.x2Mm()), y(line.y2Mm()));
                cs.stroke();
            } catch (IOException e) {
                throw new LicenceRenderingException("cannot draw line: " + e.getMessage(), e);
            }
        }

        void emblem(Layout.Circle e, String colour) {
            try {
                colour(colour, true);
                cs.setLineWidth(0.5f);
                circle(mm(e.centreXMm()), y(e.centreYMm()), mm(e.diameterMm()) / 2);
                cs.stroke();
            } catch (IOException ex) {
                throw new LicenceRenderingException("cannot draw emblem placeholder: " + ex.getMessage(), ex);
            }
        }

        private void circle(float cx, float cy, float r) throws IOException {
            float k = 0.552284749831f * r;
            cs.moveTo(cx + r, cy);
            cs.curveTo(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
            cs.curveTo(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
            cs.curveTo(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
            cs.curveTo(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
            cs.closePath();
        }

        /** Draws the QR code as vector rectangles (crisp at any zoom, no image), one per horizontal run of dark modules. */
        void qrCode(Layout.Square square, VerificationQrCode qr, String colour) throws IOException {
            float side = mm(square.sizeMm());
            float module = side / qr.width();
            float left = mm(square.xMm());
            float top = y(square.yMm());
            cs.setNonStrokingColor(0f, 0f, 0f);
            qr.forEachRun((row, start, length) ->
                    cs.addRect(left + start * module, top - (row + 1) * module, length * module, module));
            cs.fill();
            if (square.caption().isPresent()) {
                String caption = square.caption().get();
                float size = 7f;
                text(
                        caption,
                        left + (side - width(caption, size)) / 2,
                        top - side - size * 1.4f,
                        size,
                        colour,
                        0,
                        "qrCode.caption");
            }
        }
    }
}
