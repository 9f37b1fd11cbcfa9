package cn.zhengyin.licence.rendition;

import cn.zhengyin.licence.licencetype.FieldDefinition;
import cn.zhengyin.licence.licencetype.FieldRole;
import cn.zhengyin.licence.licencetype.FieldType;
import cn.zhengyin.licence.licencetype.Layout;
import cn.zhengyin.licence.licencetype.LicenceType;
import cn.zhengyin.trust.font.CjkFace;
import cn.zhengyin.trust.font.FontChain;
import cn.zhengyin.trust.font.ParsedFaces;
import cn.zhengyin.trust.font.TrueTypeSubset;
import cn.zhengyin.trust.ofd.OfdSealPreparer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.ofdrw.core.basicStructure.doc.CT_CommonData;
import org.ofdrw.core.basicStructure.doc.CT_PageArea;
import org.ofdrw.core.basicStructure.doc.Document;
import org.ofdrw.core.basicStructure.ofd.DocBody;
import org.ofdrw.core.basicStructure.ofd.OFD;
import org.ofdrw.core.basicStructure.ofd.docInfo.CT_DocInfo;
import org.ofdrw.core.basicStructure.ofd.docInfo.CustomDatas;
import org.ofdrw.core.basicStructure.pageObj.Content;
import org.ofdrw.core.basicStructure.pageObj.layer.CT_Layer;
import org.ofdrw.core.basicStructure.pageObj.layer.block.PathObject;
import org.ofdrw.core.basicStructure.pageObj.layer.block.TextObject;
import org.ofdrw.core.basicStructure.pageTree.Page;
import org.ofdrw.core.basicStructure.pageTree.Pages;
import org.ofdrw.core.basicStructure.res.Res;
import org.ofdrw.core.basicStructure.res.resources.Fonts;
import org.ofdrw.core.basicType.ST_Array;
import org.ofdrw.core.basicType.ST_ID;
import org.ofdrw.core.basicType.ST_Loc;
import org.ofdrw.core.graph.pathObj.AbbreviatedData;
import org.ofdrw.core.pageDescription.color.color.CT_Color;
import org.ofdrw.core.text.TextCode;
import org.ofdrw.core.text.font.CT_Font;
import org.ofdrw.pkg.container.DocDir;
import org.ofdrw.pkg.container.OFDDir;
import org.ofdrw.pkg.container.PageDir;

/**
 * Draws the OFD (GB/T 33190) rendition of a licence from its type's layout — the same positions, texts, rules, QR
 * code and footer as {@link LicencePdfRenderer}, in millimetres from the page's top-left corner as OFD measures them —
 * with the GB/T 36903 metadata in {@code DocInfo/CustomDatas}. The seal impression is not part of the page: sealing
 * adds it as the signature's stamp annotation at {@link #sealStamp(LicenceType)}. The package is written with
 * ofdrw's object model and container (ofdrw-core, ofdrw-pkg).
 *
 * <p>Fonts: text is drawn with TrueType faces embedded as subsets of exactly the characters used (ofdrw's and most
 * OFD readers cannot draw CFF outlines). Which face draws a character is decided in one place, {@link FontSet#faceFor};
 * today that is the bundled Song face for every character it has, and a character it lacks is refused as in the PDF.
 * Every glyph's advance is written ({@code DeltaX}), so readers place characters exactly as measured here.
 * Thread-safe: parsed faces come from trust-core's bounded {@link ParsedFaces} pool, one render at a time each, as in
 * the PDF renderer.
 */
public final class LicenceOfdRenderer {

    private static final double MM_PER_POINT = 25.4 / 72;
    private static final String NO_LINE_START = "，。、；：？！）》」』】〕”’,.;:?!)]}%";
    private static final Pattern UNBREAKABLE = Pattern.compile("[A-Za-z0-9.:/\\-_@#%+=?&~]");
    private static final String CREATOR = "Zhengyin licence-service";

    private static final FontChain FONTS = FontChain.cjk();
    private final ParsedFaces faces;

    /** A renderer on the process's shared pool of parsed faces. */
    public LicenceOfdRenderer() {
        this(ParsedFaces.shared());
    }

    /** A renderer whose parsed faces come from {@code faces}. */
    public LicenceOfdRenderer(ParsedFaces faces) {
        this.faces = faces;
    }

    /** Where the seal impression goes on page 1: the square around the layout's seal circle, in millimetres. */
    public OfdSealPreparer.Stamp sealStamp(LicenceType type) {
        Layout.Circle seal = type.layout().seal();
        double d = seal.diameterMm();
        return new OfdSealPreparer.Stamp(0, seal.centreXMm() - d / 2, seal.centreYMm() - d / 2, d, d);
    }

    /**
     * Renders one page per the type's layout.
     *
     * @param fieldValues values accepted by {@code FieldValidator}, dates ISO yyyy-MM-dd
     * @param ctx         identifier, verification URL, rendering instant
     * @param metadata    the GB/T 36903 values the fields do not give (issuer, dates)
     * @return the unsigned OFD package
     * @throws LicenceRenderingException if a value cannot be printed with the embedded fonts or is malformed
     */
    public byte[] render(
            LicenceType type, Map<String, String> fieldValues, RenderContext ctx, LicenceXmlMetadata metadata) {
        OFDDir dir = OFDDir.newOFD();
        try (ParsedFaces.Lease lease = faces.lease()) {
            Ids ids = new Ids();
            FontSet fonts = new FontSet(ids, face -> BundledFaces.borrow(lease, face));
            Layout layout = type.layout();
            Canvas canvas = new Canvas(
                    fonts, ids, layout.page().widthMm(), layout.page().heightMm());
            draw(canvas, type, fieldValues, ctx);

            Document document = new Document();
            CT_CommonData common = new CT_CommonData()
                    .setPageArea(new CT_PageArea().setPhysicalBox(0, 0, canvas.width, canvas.height))
                    .setDocumentRes(new ST_Loc("DocumentRes.xml"));
            document.setCommonData(common);
            document.setPages(
                    new Pages().addPage(new Page(new ST_ID(ids.next()), new ST_Loc("Pages/Page_0/Content.xml"))));
            common.setMaxUnitID(ids.max());

            DocDir doc = dir.newDoc();
            doc.setDocument(document);
            Res res = new Res().setBaseLoc(new ST_Loc("Res"));
            Fonts fontList = new Fonts();
            for (FontSet.Face face : fonts.used()) {
                String file = "font_" + face.id + ".ttf";
                doc.obtainRes().putFile(file, face.subset());
                fontList.addFont(new CT_Font(face.name)
                        .setID(face.id)
                        .setFamilyName(face.family)
                        .setSerif(true)
                        .setFontFile(file));
            }
            res.addResource(fontList);
            doc.setDocumentRes(res);
            PageDir page = doc.obtainPages().newPageDir();
            page.setContent(
                    new org.ofdrw.core.basicStructure.pageObj.Page().setContent(new Content().addLayer(canvas.layer)));

            dir.setOfd(new OFD(new DocBody()
                    .setDocInfo(docInfo(type, fieldValues, ctx, metadata))
                    .setDocRoot(new ST_Loc("Doc_0/Document.xml"))));
            ByteArrayOutputStream out = new ByteArrayOutputStream(128 * 1024);
            dir.jar(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new LicenceRenderingException(
                    "OFD rendering of " + ctx.identifier() + " failed: " + e.getMessage(), e);
        } finally {
            dir.clean();
        }
    }

    /** GB/T 36903 metadata, readable without OCR: the same values as the licence XML's Metadata. */
    private static CT_DocInfo docInfo(
            LicenceType type, Map<String, String> values, RenderContext ctx, LicenceXmlMetadata m) {
        String holder = role(type, values, FieldRole.HOLDER_NAME);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("证照标识", m.identifier().toString());
        data.put("证照名称", type.descriptor().name());
        data.put("证照类型名称", type.descriptor().name());
        data.put("证照类型代码", type.typeCode());
        data.put("证照编号", role(type, values, FieldRole.LICENCE_NUMBER));
        data.put("持证主体", holder);
        data.put("持证主体代码", role(type, values, FieldRole.HOLDER_CODE));
        data.put("持证主体代码类型", type.descriptor().holderCodeType().label());
        data.put("持证主体代码类型代码", type.descriptor().holderCodeType().code());
        data.put("证照颁发机构", m.issuingAuthorityName());
        data.put("证照颁发机构代码", m.issuingAuthorityCode());
        data.put("证照颁发日期", m.issuedOn().toString());
        data.put("证照有效期起始日期", m.validFrom().toString());
        data.put("证照有效期截止日期", m.validUntil().map(LocalDate::toString).orElse("长期"));
        data.put("版本号", m.identifier().versionCode());
        data.put("核验地址", ctx.verificationUrl());
        CustomDatas custom = new CustomDatas();
        data.forEach(custom::addCustomData);
        return new CT_DocInfo()
                .setDocID(UUID.nameUUIDFromBytes(m.identifier().toString().getBytes(StandardCharsets.UTF_8)))
                .setTile(type.descriptor().name() + " " + holder)
                .setAuthor(m.issuingAuthorityName())
                .setSubject(
                        type.descriptor().name() + " (" + type.descriptor().nameEn() + "), 证照类型代码 " + type.typeCode())
                .setCreationDate(LocalDate.ofInstant(ctx.renderedAt(), cn.zhengyin.trust.ChinaTime.ZONE))
                .addKeyword(m.identifier().toString())
                .setCreator(CREATOR)
                .setCreatorVersion("1")
                .setCustomDatas(custom);
    }

    // ---------------------------------------------------------------- drawing (mirrors LicencePdfRenderer.draw)

    private static void draw(Canvas c, LicenceType type, Map<String, String> values, RenderContext ctx) {
        Layout l = type.layout();
        l.border().ifPresent(b -> c.border(l, b));
        for (Layout.Grid grid : l.grids()) {
            c.grid(grid);
        }
        for (Layout.Line line : l.lines()) {
            c.path(
                    new OfdPathData().M(line.x1Mm(), line.y1Mm()).L(line.x2Mm(), line.y2Mm()),
                    null,
                    line.colour(),
                    line.widthMm());
        }
        l.emblem()
                .ifPresent(e -> c.path(
                        circle(e.centreXMm(), e.centreYMm(), e.diameterMm() / 2),
                        null,
                        l.border().map(Layout.Border::colour).orElse(l.textColour()),
                        0.5 * MM_PER_POINT));

        Layout.Title t = l.title();
        double spacing = t.letterSpacing() * MM_PER_POINT;
        double titleWidth = c.width(t.text(), t.fontSize())
                + spacing * (t.text().codePointCount(0, t.text().length()) - 1);
        c.text(t.text(), (c.width - titleWidth) / 2, t.yMm(), t.fontSize(), t.colour(), spacing, "title", true);
        if (t.subtitle().isPresent()) {
            String sub = t.subtitle().get();
            double subSize = t.fontSize() * 0.34;
            c.text(
                    sub,
                    (c.width - c.width(sub, subSize)) / 2,
                    t.yMm() + t.fontSize() * 0.55 * MM_PER_POINT,
                    subSize,
                    t.colour(),
                    0,
                    "title.subtitle",
                    false);
        }

        DateTimeFormatter dates = DateTimeFormatter.ofPattern(l.dateFormat(), Locale.ROOT);
        for (Layout.Item item : l.items()) {
            double y = item.yMm();
            if (!item.label().isEmpty()) {
                c.text(item.label(), item.xMm(), y, item.fontSize(), l.textColour(), 0, "label " + item.label(), false);
            }
            String value = resolve(type, item.value(), values, dates);
            double valueX = item.xMm() + item.labelWidthMm();
            double leading = item.fontSize() * item.lineSpacing() * MM_PER_POINT;
            for (String line : c.wrap(value, item.fontSize(), item.maxWidthMm())) {
                double offset = switch (item.align()) {
                    case LEFT -> 0;
                    case CENTER -> (item.maxWidthMm() - c.width(line, item.fontSize())) / 2;
                    case RIGHT -> item.maxWidthMm() - c.width(line, item.fontSize());
                };
                c.text(line, valueX + Math.max(0, offset), y, item.fontSize(), l.textColour(), 0, item.value(), false);
                y += leading;
            }
        }
        for (Layout.FixedText text : l.texts()) {
            double width = c.width(text.text(), text.fontSize());
            double x = switch (text.align()) {
                case LEFT -> text.xMm();
                case CENTER -> text.xMm() - width / 2;
                case RIGHT -> text.xMm() - width;
            };
            c.text(text.text(), x, text.yMm(), text.fontSize(), text.colour(), 0, "texts", false);
        }
        c.qrCode(l.qrCode(), ctx.qrCode(), l.textColour());
        Layout.Footer f = l.footer();
        String footer = "电子证照标识 " + ctx.identifier() + "　版本 " + ctx.identifier().versionCode();
        c.text(
                footer,
                (c.width - c.width(footer, f.fontSize())) / 2,
                f.yMm(),
                f.fontSize(),
                f.colour(),
                0,
                "footer",
                false);
    }

    private static AbbreviatedData circle(double cx, double cy, double r) {
        double k = 0.552284749831 * r;
        return new OfdPathData()
                .M(cx + r, cy)
                .B(cx + r, cy - k, cx + k, cy - r, cx, cy - r)
                .B(cx - k, cy - r, cx - r, cy - k, cx - r, cy)
                .B(cx - r, cy + k, cx - k, cy + r, cx, cy + r)
                .B(cx + k, cy + r, cx + r, cy + k, cx + r, cy)
                .C();
    }

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

    private static String role(LicenceType type, Map<String, String> values, FieldRole role) {
        return type.fieldWithRole(role)
                .map(f -> values.getOrDefault(f.key(), ""))
                .orElse("")
                .strip();
    }

    /** Object identifiers of one document (GB/T 33190 ST_ID: unique, positive). */
    private static final class Ids {
        private long last;

        long next() {
            return ++last;
        }

        long max() {
            return last;
        }
    }

    /**
     * The faces a document draws with. {@link #faceFor} is the one place that chooses a face for a character; each
     * face used is embedded as a subset of the characters it drew.
     */
    static final class FontSet {
        /** One embedded face: its parsed font, the characters it drew, its resource ID. */
        static final class Face {
            final TrueTypeFont font;
            final CmapLookup cmap;
            final long id;
            final String name;
            final String family;
            final TreeSet<Integer> used = new TreeSet<>();
            private final float unitsPerEm;

            Face(TrueTypeFont font, long id) {
                try {
                    this.font = font;
                    this.cmap = font.getUnicodeCmapLookup();
                    this.id = id;
                    this.name = font.getName();
                    this.family = font.getNaming() == null || font.getNaming().getFontFamily() == null
                            ? font.getName()
                            : font.getNaming().getFontFamily();
                    this.unitsPerEm = font.getUnitsPerEm();
                } catch (IOException e) {
                    throw new LicenceRenderingException("cannot read the licence font: " + e.getMessage(), e);
                }
            }

            /** Advance of one character, in em. */
            double advance(int codePoint) {
                try {
                    return font.getAdvanceWidth(cmap.getGlyphId(codePoint)) / unitsPerEm;
                } catch (IOException e) {
                    throw new LicenceRenderingException("cannot measure U+" + Integer.toHexString(codePoint), e);
                }
            }

            byte[] subset() {
                return TrueTypeSubset.of(font, used);
            }
        }

        private final Ids ids;
        private final java.util.function.Function<CjkFace, TrueTypeFont> borrow;
        private final Map<CjkFace, Face> faces = new EnumMap<>(CjkFace.class);

        FontSet(Ids ids, java.util.function.Function<CjkFace, TrueTypeFont> borrow) {
            this.ids = ids;
            this.borrow = borrow;
        }

        /**
         * The face that draws this character: trust-core's {@link FontChain#cjk()} glyph by glyph (the Song face for
         * what it covers, the GB 18030-2022 fallbacks for the rest), the same choice as the PDF's; or an error naming
         * the character (issuance refuses such values before this point).
         */
        Face faceFor(int codePoint, String what) {
            CjkFace face = FONTS.faceFor(codePoint)
                    .orElseThrow(() -> new LicenceRenderingException(String.format(
                            Locale.ROOT,
                            "no bundled font (%s) can print %s in %s",
                            FONTS.describe(),
                            FontChain.label(codePoint),
                            what)));
            return faces.computeIfAbsent(face, f -> new Face(borrow.apply(f), ids.next()));
        }

        List<Face> used() {
            return faces.values().stream().filter(f -> !f.used.isEmpty()).toList();
        }
    }

    /** The page being drawn: one layer of text and path objects, coordinates in mm from the top-left corner. */
    private static final class Canvas {
        final FontSet fonts;
        final Ids ids;
        final double width;
        final double height;
        final CT_Layer layer;

        Canvas(FontSet fonts, Ids ids, double width, double height) {
            this.fonts = fonts;
            this.ids = ids;
            this.width = width;
            this.height = height;
            this.layer = new CT_Layer();
            layer.setObjID(new ST_ID(ids.next()));
        }

        /** Width in mm of a text at a size in points. */
        double width(String text, double sizePt) {
            double em = 0;
            for (int cp : text.codePoints().toArray()) {
                em += fonts.faceFor(cp, "'" + text + "'").advance(cp);
            }
            return em * sizePt * MM_PER_POINT;
        }

        /**
         * Draws a line of text whose baseline starts at (x, y), as runs of the characters one face draws; every
         * character's advance is written as DeltaX.
         */
        void text(
                String text,
                double x,
                double baseline,
                double sizePt,
                String colour,
                double spacing,
                String what,
                boolean bold) {
            if (text.isEmpty()) {
                return;
            }
            double size = sizePt * MM_PER_POINT;
            int[] cps = text.codePoints().toArray();
            int start = 0;
            double runX = x;
            while (start < cps.length) {
                FontSet.Face face = fonts.faceFor(cps[start], what);
                int end = start + 1;
                while (end < cps.length && fonts.faceFor(cps[end], what) == face) {
                    end++;
                }
                List<Double> deltas = new ArrayList<>();
                double runWidth = 0;
                for (int i = start; i < end; i++) {
                    face.used.add(cps[i]);
                    double advance = face.advance(cps[i]) * size + spacing;
                    runWidth += advance;
                    if (i < end - 1) {
                        deltas.add(round(advance));
                    }
                }
                TextObject object = new TextObject(ids.next());
                object.setBoundary(
                        round(runX), round(baseline - size * 1.2), round(runWidth + size), round(size * 1.6));
                object.setFont(face.id);
                object.setSize(round(size));
                object.setFillColor(colour(colour));
                if (bold) {
                    object.setStroke(true);
                    object.setStrokeColor(colour(colour));
                    object.setLineWidth(round(sizePt * 0.03 * MM_PER_POINT));
                }
                TextCode code = new TextCode()
                        .setContent(new String(cps, start, end - start))
                        .setCoordinate(0d, round(size * 1.2));
                if (!deltas.isEmpty()) {
                    code.setDeltaX(deltas.toArray(Double[]::new));
                }
                object.addTextCode(code);
                layer.add(object);
                runX += runWidth;
                start = end;
            }
        }

        /** Greedy line breaking, as the PDF renderer does it. */
        List<String> wrap(String text, double sizePt, double maxWidth) {
            List<String> lines = new ArrayList<>();
            for (String paragraph : text.split("\n", -1)) {
                StringBuilder line = new StringBuilder();
                for (String unit : units(paragraph)) {
                    String candidate = line + unit;
                    boolean fits = width(candidate, sizePt) <= maxWidth;
                    if (fits || line.isEmpty() || NO_LINE_START.contains(unit)) {
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

        /** A path over the whole page: filled with {@code fill} and/or stroked with {@code stroke} of this width. */
        void path(AbbreviatedData data, String fill, String stroke, double lineWidth) {
            PathObject path = new PathObject(new ST_ID(ids.next()));
            path.setBoundary(0, 0, width, height);
            path.setAbbreviatedData(data);
            path.setFill(fill != null);
            if (fill != null) {
                path.setFillColor(colour(fill));
            }
            path.setStroke(stroke != null);
            if (stroke != null) {
                path.setStrokeColor(colour(stroke));
                path.setLineWidth(round(lineWidth));
            }
            layer.add(path);
        }

        static AbbreviatedData rect(AbbreviatedData data, double x, double y, double w, double h) {
            return data.M(round(x), round(y))
                    .L(round(x + w), round(y))
                    .L(round(x + w), round(y + h))
                    .L(round(x), round(y + h))
                    .C();
        }

        void border(Layout l, Layout.Border b) {
            Layout.Margins m = l.margins();
            double w = b.widthMm();
            double x = m.leftMm() + w / 2;
            double y = m.topMm() + w / 2;
            double bw = l.page().widthMm() - m.leftMm() - m.rightMm() - w;
            double bh = l.page().heightMm() - m.topMm() - m.bottomMm() - w;
            double ratio = b.style() == Layout.BorderStyle.DOUBLE ? 0.35 : 0;
            if (b.bandColour().isPresent() && ratio > 0) {
                double inset = w / 2 + b.gapMm() + w * ratio / 2;
                path(rect(new OfdPathData(), x, y, bw, bh), b.bandColour().get(), null, 0);
                path(rect(new OfdPathData(), x + inset, y + inset, bw - 2 * inset, bh - 2 * inset), "#FFFFFF", null, 0);
            }
            path(rect(new OfdPathData(), x, y, bw, bh), null, b.colour(), w);
            if (ratio > 0) {
                double inner = w * ratio;
                double inset = w / 2 + b.gapMm() + inner / 2;
                path(
                        rect(new OfdPathData(), x + inset, y + inset, bw - 2 * inset, bh - 2 * inset),
                        null,
                        b.colour(),
                        inner);
                double corner = b.gapMm() + w;
                AbbreviatedData corners = new OfdPathData();
                for (double[] p : new double[][] {{x, y}, {x + bw, y}, {x, y + bh}, {x + bw, y + bh}}) {
                    rect(corners, p[0] - corner / 2, p[1] - corner / 2, corner, corner);
                }
                path(corners, b.colour(), null, 0);
            }
        }

        void grid(Layout.Grid g) {
            if (g.fillColour().isPresent()) {
                path(
                        rect(new OfdPathData(), g.xMm(), g.yMm(), g.widthMm(), g.heightMm()),
                        g.fillColour().get(),
                        null,
                        0);
            }
            if (g.shadeColour().isPresent() && !g.shadedColumns().isEmpty()) {
                AbbreviatedData shade = new OfdPathData();
                double offset = 0;
                for (int column = 0; column < g.columnWidthsMm().size(); column++) {
                    if (g.shadedColumns().contains(column)) {
                        rect(
                                shade,
                                g.xMm() + offset,
                                g.yMm(),
                                g.columnWidthsMm().get(column),
                                g.heightMm());
                    }
                    offset += g.columnWidthsMm().get(column);
                }
                path(shade, g.shadeColour().get(), null, 0);
            }
            AbbreviatedData rules = rect(new OfdPathData(), g.xMm(), g.yMm(), g.widthMm(), g.heightMm());
            double offset = 0;
            for (int row = 0; row < g.rowHeightsMm().size() - 1; row++) {
                offset += g.rowHeightsMm().get(row);
                rules.M(round(g.xMm()), round(g.yMm() + offset))
                        .L(round(g.xMm() + g.widthMm()), round(g.yMm() + offset));
            }
            offset = 0;
            for (int column = 0; column < g.columnWidthsMm().size() - 1; column++) {
                offset += g.columnWidthsMm().get(column);
                rules.M(round(g.xMm() + offset), round(g.yMm()))
                        .L(round(g.xMm() + offset), round(g.yMm() + g.heightMm()));
            }
            path(rules, null, g.colour(), g.lineWidthMm());
        }

        /** The QR code as filled rectangles, one per horizontal run of dark modules, and its caption. */
        void qrCode(Layout.Square square, VerificationQrCode qr, String colour) {
            double module = square.sizeMm() / qr.width();
            AbbreviatedData modules = new OfdPathData();
            qr.forEachRun((row, start, length) ->
                    rect(modules, square.xMm() + start * module, square.yMm() + row * module, length * module, module));
            path(modules, "#000000", null, 0);
            if (square.caption().isPresent()) {
                String caption = square.caption().get();
                double size = 7;
                text(
                        caption,
                        square.xMm() + (square.sizeMm() - width(caption, size)) / 2,
                        square.yMm() + square.sizeMm() + size * 1.4 * MM_PER_POINT,
                        size,
                        colour,
                        0,
                        "qrCode.caption",
                        false);
            }
        }

        static CT_Color colour(String hex) {
            int r = Integer.parseInt(hex.substring(1, 3), 16);
            int g = Integer.parseInt(hex.substring(3, 5), 16);
            int b = Integer.parseInt(hex.substring(5, 7), 16);
            return new CT_Color().setValue(new ST_Array(r, g, b));
        }
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
