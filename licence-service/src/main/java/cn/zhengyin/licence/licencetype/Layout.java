package cn.zhengyin.licence.licencetype;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Printed appearance of a licence type ({@code layout.json}). Positions are millimetres from the top-left corner of
 * the page; font sizes are points. Colours are {@code #RRGGBB}.
 *
 * @param page        paper size and orientation
 * @param margins     page margins; the border is drawn on them
 * @param border      frame around the content, if any
 * @param title       the big title, centred horizontally
 * @param textColour  colour of labels and values
 * @param dateFormat  {@link java.time.format.DateTimeFormatter} pattern for DATE values, e.g. {@code yyyy年MM月dd日}
 * @param items       labelled values; each value is a template with {@code {fieldKey}} placeholders
 * @param texts       fixed texts (notices, web addresses)
 * @param seal        where the issuer's seal goes (the signature appearance draws it; the renderer leaves it free)
 * @param qrCode      where the verification QR code goes
 * @param emblem      a plain circle placeholder where printed licences carry an emblem, if any
 * @param footer      where the licence identifier and version are printed, small
 * @param grids       ruled tables (rows of cells) and boxes, drawn under the text, in order
 * @param lines       straight rules, drawn under the text
 */
public record Layout(
        Page page,
        Margins margins,
        Optional<Border> border,
        Title title,
        String textColour,
        String dateFormat,
        List<Item> items,
        List<FixedText> texts,
        Circle seal,
        Square qrCode,
        Optional<Circle> emblem,
        Footer footer,
        List<Grid> grids,
        List<Line> lines) {

    /** A {@code {fieldKey}} placeholder in an item's value template. */
    public static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    public Layout {
        items = List.copyOf(items);
        texts = List.copyOf(texts);
        grids = List.copyOf(grids);
        lines = List.copyOf(lines);
    }

    /**
     * The keys of the fields the page prints (the items' placeholders), in layout order, each once: what a printed
     * licence — and so an annotated copy (加注件) of it — discloses.
     */
    public List<String> printedFieldKeys() {
        Set<String> keys = new LinkedHashSet<>();
        for (Item item : items) {
            Matcher placeholder = PLACEHOLDER.matcher(item.value());
            while (placeholder.find()) {
                keys.add(placeholder.group(1));
            }
        }
        return List.copyOf(keys);
    }

    public enum PaperSize {
        A3(297, 420),
        A4(210, 297),
        A5(148, 210);

        private final double shortSideMm;
        private final double longSideMm;

        PaperSize(double shortSideMm, double longSideMm) {
            this.shortSideMm = shortSideMm;
            this.longSideMm = longSideMm;
        }

        public double shortSideMm() {
            return shortSideMm;
        }

        public double longSideMm() {
            return longSideMm;
        }
    }

    public enum Orientation {
        PORTRAIT,
        LANDSCAPE
    }

    public enum BorderStyle {
        SINGLE,
        DOUBLE
    }

    public enum Align {
        LEFT,
        CENTER,
        RIGHT
    }

    public record Page(PaperSize size, Orientation orientation) {
        public double widthMm() {
            return orientation == Orientation.PORTRAIT ? size.shortSideMm() : size.longSideMm();
        }

        public double heightMm() {
            return orientation == Orientation.PORTRAIT ? size.longSideMm() : size.shortSideMm();
        }
    }

    public record Margins(double topMm, double rightMm, double bottomMm, double leftMm) {}

    /**
     * @param style    single or double line
     * @param colour   line colour
     * @param widthMm  width of the outer line
     * @param gapMm    distance between outer and inner line (DOUBLE)
     * @param bandColour colour that fills the band between the outer and the inner line (DOUBLE), as the tinted
     *                 frames of printed certificates; none leaves it white
     */
    public record Border(BorderStyle style, String colour, double widthMm, double gapMm, Optional<String> bandColour) {}

    /**
     * @param text          e.g. 营业执照
     * @param yMm           baseline distance from the top edge
     * @param fontSize      points
     * @param colour        title colour
     * @param letterSpacing extra space between characters, in points
     * @param subtitle      a smaller line under the title, e.g. （副本）, if any
     */
    public record Title(
            String text, double yMm, double fontSize, String colour, double letterSpacing, Optional<String> subtitle) {}

    /**
     * A labelled value. The label is drawn at {@code xMm}; the value starts at {@code xMm + labelWidthMm} and wraps
     * within {@code maxWidthMm}.
     *
     * @param label         printed label (may be empty), e.g. 名称; often the field's labelZh
     * @param value         template such as {@code {operatingFrom} 至 {operatingTo}}
     * @param xMm           left edge of the label
     * @param yMm           baseline of the first line, from the top edge
     * @param fontSize      points
     * @param labelWidthMm  room reserved for the label
     * @param maxWidthMm    wrapping width of the value
     * @param lineSpacing   line height as a multiple of the font size
     * @param align         alignment of a single-line value within maxWidthMm
     */
    public record Item(
            String label,
            String value,
            double xMm,
            double yMm,
            double fontSize,
            double labelWidthMm,
            double maxWidthMm,
            double lineSpacing,
            Align align) {}

    /**
     * A fixed text.
     *
     * @param text     printed as is
     * @param xMm      left edge, or centre ({@code CENTER}) or right edge ({@code RIGHT}) of the text
     * @param yMm      baseline from the top edge
     * @param fontSize points
     * @param colour   text colour
     * @param align    how the text sits at {@code xMm}
     */
    public record FixedText(String text, double xMm, double yMm, double fontSize, String colour, Align align) {}

    /**
     * A ruled grid: {@code rowHeightsMm.size()} rows by {@code columnWidthsMm.size()} columns, its top-left corner at
     * ({@code xMm}, {@code yMm}). One row and one column make a box (e.g. a photo frame). Cells that span several
     * columns are drawn as a separate grid for those rows.
     *
     * @param xMm            left edge
     * @param yMm            top edge
     * @param columnWidthsMm widths of the columns, left to right
     * @param rowHeightsMm   heights of the rows, top to bottom
     * @param lineWidthMm    width of the rules
     * @param colour         colour of the rules
     * @param fillColour     background of the whole grid, if any
     * @param shadedColumns  indexes of columns filled with {@code shadeColour} (label columns), if any
     * @param shadeColour    fill of the shaded columns
     */
    public record Grid(
            double xMm,
            double yMm,
            List<Double> columnWidthsMm,
            List<Double> rowHeightsMm,
            double lineWidthMm,
            String colour,
            Optional<String> fillColour,
            List<Integer> shadedColumns,
            Optional<String> shadeColour) {
        public Grid {
            columnWidthsMm = List.copyOf(columnWidthsMm);
            rowHeightsMm = List.copyOf(rowHeightsMm);
            shadedColumns = List.copyOf(shadedColumns);
        }

        public double widthMm() {
            return columnWidthsMm.stream().mapToDouble(Double::doubleValue).sum();
        }

        public double heightMm() {
            return rowHeightsMm.stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /** A straight rule from ({@code x1Mm}, {@code y1Mm}) to ({@code x2Mm}, {@code y2Mm}). */
    public record Line(double x1Mm, double y1Mm, double x2Mm, double y2Mm, double widthMm, String colour) {}

    /** A circle given by its centre and diameter. */
    public record Circle(double centreXMm, double centreYMm, double diameterMm) {}

    /** A square given by its top-left corner and side. */
    public record Square(double xMm, double yMm, double sizeMm, Optional<String> caption) {}

    /**
     * @param yMm      baseline from the top edge; the line is centred horizontally
     * @param fontSize points
     * @param colour   text colour
     */
    public record Footer(double yMm, double fontSize, String colour) {}
}
