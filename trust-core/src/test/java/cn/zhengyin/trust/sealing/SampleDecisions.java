package cn.zhengyin.trust.sealing;

import cn.zhengyin.trust.font.CjkFonts;
import cn.zhengyin.trust.ofd.OfdPackage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/** An approval system's own document for sealing tests: a three-page 准予行政许可决定书 as PDF. */
public final class SampleDecisions {
    private SampleDecisions() {}

    public static final String AUTHORITY = "证印示范市市场监督管理局";

    /**
     * Three A4 pages; the authority's name occurs three times: in the heading of page 1, in a copy-to line on page 2
     * and in the signature block of page 3 (372 to 540 pt from the left, baseline 676 pt from the bottom).
     */
    public static byte[] pdf() {
        try (PDDocument document = new PDDocument()) {
            PDType0Font font = PDType0Font.load(document, new ByteArrayInputStream(CjkFonts.songTi()), true);
            String[][] pages = {
                {AUTHORITY, "准予行政许可决定书", "示市监许字[2026]第 0123 号", "申请人：示范市青禾数字科技有限公司", "经审查，你单位提出的食品经营许可申请符合法定条件、标准。"},
                {"根据《中华人民共和国行政许可法》第三十八条第一款的规定，", "决定准予行政许可。", "抄送：" + AUTHORITY + "办公室"},
                {"如不服本决定，可以依法申请行政复议或者提起行政诉讼。", "", "", AUTHORITY, "2026年12月6日"}
            };
            for (String[] lines : pages) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 14);
                    content.newLineAtOffset(72, 760);
                    for (int i = 0; i < lines.length; i++) {
                        if (i == 3 && lines.length == 5 && lines[1].isEmpty()) {
                            content.newLineAtOffset(300, 0); // the signature block, right-aligned-ish
                        }
                        content.showText(lines[i]);
                        content.newLineAtOffset(0, -28);
                    }
                    content.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The same decision as a three-page OFD (A4, 5 mm text): the authority's name on page 1 (heading), page 2
     * (copy-to line) and page 3 (signature block at x 120 mm, baseline 60 mm: 12 characters of 5 mm).
     */
    public static byte[] ofd() {
        String ns = "xmlns:ofd=\"http://www.ofdspec.org/2016\"";
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put(
                "OFD.xml",
                utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:OFD " + ns + " Version=\"1.1\" DocType=\"OFD\">"
                        + "<ofd:DocBody><ofd:DocInfo><ofd:DocID>6f1d2c3b4a5968778695a4b3c2d1e0f0</ofd:DocID>"
                        + "<ofd:Title>准予行政许可决定书</ofd:Title></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml"
                        + "</ofd:DocRoot></ofd:DocBody></ofd:OFD>"));
        StringBuilder pages = new StringBuilder();
        for (int p = 0; p < 3; p++) {
            pages.append("<ofd:Page ID=\"")
                    .append(10 + p)
                    .append("\" BaseLoc=\"Pages/Page_")
                    .append(p)
                    .append("/Content.xml\"/>");
        }
        parts.put(
                "Doc_0/Document.xml",
                utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:Document " + ns + "><ofd:CommonData>"
                        + "<ofd:MaxUnitID>40</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>"
                        + "</ofd:PageArea><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes></ofd:CommonData>"
                        + "<ofd:Pages>" + pages + "</ofd:Pages></ofd:Document>"));
        parts.put(
                "Doc_0/DocumentRes.xml",
                utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:Res " + ns + " BaseLoc=\"Res\"><ofd:Fonts>"
                        + "<ofd:Font ID=\"2\" FontName=\"宋体\" FamilyName=\"宋体\"/></ofd:Fonts></ofd:Res>"));
        String[][] lines = {
            {"20 20", AUTHORITY, "20 30", "准予行政许可决定书"},
            {"20 20", "决定准予行政许可。", "20 30", "抄送：" + AUTHORITY + "办公室"},
            {"20 20", "如不服本决定，可以依法申请行政复议。", "120 60", AUTHORITY}
        };
        for (int p = 0; p < 3; p++) {
            StringBuilder content = new StringBuilder();
            for (int i = 0; i < lines[p].length; i += 2) {
                String text = lines[p][i + 1];
                content.append("<ofd:TextObject ID=\"")
                        .append(20 + p * 4 + i)
                        .append("\" Boundary=\"")
                        .append(lines[p][i])
                        .append(" 180 8\" Font=\"2\" Size=\"5\"><ofd:TextCode X=\"0\" Y=\"5\" DeltaX=\"g ")
                        .append(text.length() - 1)
                        .append(" 5\">")
                        .append(text)
                        .append("</ofd:TextCode></ofd:TextObject>");
            }
            parts.put(
                    "Doc_0/Pages/Page_" + p + "/Content.xml",
                    utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:Page " + ns + "><ofd:Content><ofd:Layer ID=\""
                            + (30 + p) + "\">" + content + "</ofd:Layer></ofd:Content></ofd:Page>"));
        }
        return OfdPackage.of(parts).write();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
