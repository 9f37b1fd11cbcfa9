package cn.zhengyin.trust.sealing;

import cn.zhengyin.trust.font.CjkFonts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
     * Three A4 pages; the authority's name occurs three times: in the heading of page 1 and in the signature blocks
     * of pages 2 (a copy-to line) and 3 (the signature block, at about 130 mm from the left and 220 mm from the top).
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
}
