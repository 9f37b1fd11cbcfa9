package cn.zhengyin.trust.ofd;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What a sealing needs to know of an OFD's pages (GB/T 33190): their size, and where each character of their text
 * objects is — to find a keyword. Millimetres from the page's top-left corner. Text is read from every
 * {@code TextObject}'s {@code TextCode} (position {@code X}/{@code Y} plus the object's boundary origin, advances from
 * {@code DeltaX}, including its {@code g} repeat form); a {@code CTM} on a text object is not applied.
 */
public final class OfdPages {
    private OfdPages() {}

    /**
     * One character drawn on a page.
     *
     * @param xMm       its left edge
     * @param baselineMm its baseline
     * @param sizeMm    the font size
     * @param advanceMm how far the next character starts
     */
    public record Glyph(int codePoint, double xMm, double baselineMm, double sizeMm, double advanceMm) {}

    /** @param index 0 for the first page */
    public record Page(int index, double widthMm, double heightMm, List<Glyph> glyphs) {
        public Page {
            glyphs = List.copyOf(glyphs);
        }
    }

    /**
     * The document's layout.
     *
     * @param signed      OFD.xml names a signature list
     * @param attachments the document lists attachments (附件)
     */
    public record Layout(boolean signed, boolean attachments, List<Page> pages) {
        public Layout {
            pages = List.copyOf(pages);
        }
    }

    /** @throws OfdFormatException if the package is not an OFD this reader accepts */
    public static Layout read(byte[] ofd) {
        OfdPackage pkg = OfdPackage.read(ofd);
        Document ofdXml = OfdXml.parse(pkg, OfdPackage.ENTRY_FILE);
        List<Element> bodies = OfdXml.children(ofdXml.getDocumentElement(), "DocBody");
        if (bodies.size() != 1) {
            throw new OfdFormatException("OFD.xml has " + bodies.size() + " DocBody elements; one is accepted.");
        }
        Element body = bodies.get(0);
        boolean signed = OfdXml.child(body, "Signatures").isPresent();
        String docRoot = OfdXml.resolve(OfdPackage.ENTRY_FILE, OfdXml.text(body, "DocRoot", "DocBody"));
        Element document = OfdXml.parse(pkg, docRoot).getDocumentElement();
        double[] defaultBox = OfdXml.child(document, "CommonData")
                .flatMap(c -> OfdXml.child(c, "PageArea"))
                .flatMap(a -> OfdXml.child(a, "PhysicalBox"))
                .map(b -> box(b.getTextContent()))
                .orElse(new double[] {0, 0, 210, 297});
        List<Page> pages = new ArrayList<>();
        List<Element> pageRefs = OfdXml.child(document, "Pages")
                .map(p -> OfdXml.children(p, "Page"))
                .orElse(List.of());
        if (pageRefs.isEmpty()) {
            throw new OfdFormatException(docRoot + " lists no pages.");
        }
        for (Element ref : pageRefs) {
            String path = OfdXml.resolve(docRoot, ref.getAttribute("BaseLoc"));
            Element page = OfdXml.parse(pkg, path).getDocumentElement();
            double[] box = OfdXml.child(page, "Area")
                    .flatMap(a -> OfdXml.child(a, "PhysicalBox"))
                    .map(b -> box(b.getTextContent()))
                    .orElse(defaultBox);
            List<Glyph> glyphs = new ArrayList<>();
            collectText(page, glyphs);
            pages.add(new Page(pages.size(), box[2], box[3], glyphs));
        }
        return new Layout(signed, OfdXml.child(document, "Attachments").isPresent(), pages);
    }

    private static void collectText(Element parent, List<Glyph> glyphs) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e) || !OfdXml.NS.equals(e.getNamespaceURI())) {
                continue;
            }
            if ("TextObject".equals(e.getLocalName())) {
                double[] boundary = box(e.getAttribute("Boundary"));
                double size = number(e.getAttribute("Size"), 3.5);
                for (Element code : OfdXml.children(e, "TextCode")) {
                    double x = boundary[0] + number(code.getAttribute("X"), 0);
                    double y = boundary[1] + number(code.getAttribute("Y"), 0);
                    List<Double> deltas = deltas(code.getAttribute("DeltaX"));
                    int[] codePoints = code.getTextContent().codePoints().toArray();
                    for (int i = 0; i < codePoints.length; i++) {
                        double advance =
                                i < deltas.size() ? deltas.get(i) : (deltas.isEmpty() ? size : deltas.getLast());
                        glyphs.add(new Glyph(codePoints[i], x, y, size, advance));
                        x += advance;
                    }
                }
            } else {
                collectText(e, glyphs); // Content, Layer, PageBlock
            }
        }
    }

    /** DeltaX: numbers, where {@code g n d} stands for n times d. */
    static List<Double> deltas(String value) {
        List<Double> out = new ArrayList<>();
        String[] tokens =
                value.strip().isEmpty() ? new String[0] : value.strip().split("\\s+");
        for (int i = 0; i < tokens.length; i++) {
            if ("g".equals(tokens[i]) && i + 2 < tokens.length) {
                int n = (int) Math.min(10_000, number(tokens[i + 1], 0));
                double d = number(tokens[i + 2], 0);
                for (int k = 0; k < n; k++) {
                    out.add(d);
                }
                i += 2;
            } else {
                out.add(number(tokens[i], 0));
            }
        }
        return out;
    }

    private static double[] box(String value) {
        String[] parts = value.strip().split("\\s+");
        if (parts.length != 4) {
            throw new OfdFormatException("'" + value + "' is not an OFD box (x y width height).");
        }
        return new double[] {number(parts[0], 0), number(parts[1], 0), number(parts[2], 0), number(parts[3], 0)};
    }

    private static double number(String value, double fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(value.strip());
            if (!Double.isFinite(d)) {
                throw new OfdFormatException("'" + value + "' is not a finite number.");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new OfdFormatException("'" + value + "' is not a number.", e);
        }
    }
}
