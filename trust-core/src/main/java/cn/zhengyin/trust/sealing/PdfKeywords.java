package cn.zhengyin.trust.sealing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/** Finds a keyword in a PDF's text with PDFBox's text extraction, and the box around it. */
final class PdfKeywords {
    private PdfKeywords() {}

    /**
     * A found keyword: the box around its glyphs, points from the page's top-left corner (PDFBox's "direction
     * adjusted" coordinates).
     */
    record Hit(int pageIndex, float left, float top, float right, float bottom) {}

    /** Every occurrence of the keyword (white space ignored), pages in order, each page in reading order. */
    static List<Hit> find(PDDocument document, String keyword) throws IOException {
        List<Hit> hits = new ArrayList<>();
        for (int p = 0; p < document.getNumberOfPages(); p++) {
            PageText text = new PageText();
            text.setSortByPosition(true);
            text.setStartPage(p + 1);
            text.setEndPage(p + 1);
            text.getText(document);
            String chars = text.chars.toString();
            for (int[] range : Placements.occurrences(chars, keyword)) {
                float left = Float.MAX_VALUE,
                        top = Float.MAX_VALUE,
                        right = -Float.MAX_VALUE,
                        bottom = -Float.MAX_VALUE;
                for (int i = range[0]; i < range[1]; i++) {
                    TextPosition t = text.positions.get(i);
                    left = Math.min(left, t.getXDirAdj());
                    right = Math.max(right, t.getXDirAdj() + t.getWidthDirAdj());
                    top = Math.min(top, t.getYDirAdj() - t.getHeightDir());
                    bottom = Math.max(bottom, t.getYDirAdj());
                }
                hits.add(new Hit(p, left, top, right, bottom));
            }
        }
        return hits;
    }

    /** The page's non-blank characters with the glyph each came from. */
    private static final class PageText extends PDFTextStripper {
        final StringBuilder chars = new StringBuilder();
        final List<TextPosition> positions = new ArrayList<>();

        @Override
        protected void writeString(String text, List<TextPosition> textPositions) {
            for (TextPosition position : textPositions) {
                String unicode = position.getUnicode();
                if (unicode == null) {
                    continue;
                }
                for (int i = 0; i < unicode.length(); i++) {
                    if (!Character.isWhitespace(unicode.charAt(i))) {
                        chars.append(unicode.charAt(i));
                        positions.add(position);
                    }
                }
            }
        }
    }
}
