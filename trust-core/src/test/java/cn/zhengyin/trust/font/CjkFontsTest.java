package cn.zhengyin.trust.font;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.junit.jupiter.api.Test;

class CjkFontsTest {

    @Test
    void songTiIsATrueTypeFaceThatPermitsEmbeddingAndSubsetting() throws IOException {
        try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(CjkFonts.songTi()))) {
            assertThat(ttf.getName()).as("PostScript name of AR PL SungtiL GB").isEqualTo("BousungEG-Light-GB");
            assertThat(ttf.getGlyph()).as("glyf outlines, not CFF").isNotNull();
            int fsType = ttf.getOS2Windows().getFsType();
            assertThat(fsType & 0x0002).as("restricted-licence embedding bit").isZero();
            assertThat(fsType & 0x0100).as("no-subsetting bit").isZero();
            assertThat(ttf.getUnicodeCmapLookup().getGlyphId('营')).isPositive();
        }
    }

    @Test
    void pdfBoxEmbedsTheFaceAsASubset() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            PDType0Font font = PDType0Font.load(doc, new ByteArrayInputStream(CjkFonts.songTi()), true);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(font, 12);
                cs.newLineAtOffset(72, 700);
                cs.showText("营业执照 统一社会信用代码");
                cs.endText();
            }
            doc.save(out);
        }
        assertThat(out.size()).as("a subset, not the 5 MB face").isLessThan(100_000);
        try (PDDocument reread = Loader.loadPDF(out.toByteArray())) {
            PDFont font = reread.getPage(0)
                    .getResources()
                    .getFont(reread.getPage(0)
                            .getResources()
                            .getFontNames()
                            .iterator()
                            .next());
            assertThat(font.getName()).matches("[A-Z]{6}\\+BousungEG-Light-GB");
            assertThat(font.isEmbedded()).isTrue();
        }
    }

    @Test
    void callersGetTheirOwnCopyOfTheBytes() {
        byte[] first = CjkFonts.songTi();
        first[0] = 42;
        assertThat(CjkFonts.songTi()[0]).isNotEqualTo((byte) 42);
    }

    @Test
    void licenceTextIsShippedNextToTheFont() throws IOException {
        try (InputStream in = CjkFonts.class.getResourceAsStream(CjkFonts.SONG_TI_LICENCE_RESOURCE)) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("ARPHIC PUBLIC LICENSE");
        }
    }

    /** One sample per face: what the face is in the chain for. */
    private static final java.util.Map<CjkFace, String> SAMPLES = new java.util.EnumMap<>(java.util.Map.of(
            CjkFace.SONG_TI, "林晓峰",
            CjkFace.HANA_MIN_A, "龍堃䶮",
            CjkFace.HANA_MIN_B, "𠀀𪚥",
            CjkFace.BABELSTONE_HAN, "鿫鿭"));

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(CjkFace.class)
    void everyFaceIsTrueTypeEmbeddableAndExtractableFromAPdf(CjkFace face) throws IOException {
        String sample = SAMPLES.get(face);
        try (TrueTypeFont ttf = face.parse()) {
            assertThat(ttf.getName()).isEqualTo(face.postScriptName());
            assertThat(ttf.getGlyph()).as("glyf outlines, not CFF").isNotNull();
            int fsType = ttf.getOS2Windows().getFsType();
            assertThat(fsType & 0x0302)
                    .as("restricted-licence and no-subsetting bits")
                    .isZero();
        }
        assertThat(FontChain.cjk().runs(sample))
                .singleElement()
                .satisfies(run -> assertThat(run.face()).isEqualTo(face));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument doc = new PDDocument();
                TrueTypeFont ttf = face.parse()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            PDType0Font font = PDType0Font.load(doc, ttf, true);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(font, 12);
                cs.newLineAtOffset(72, 700);
                cs.showText(sample);
                cs.endText();
            }
            doc.save(out);
        }
        assertThat(out.size()).as("a subset of " + face).isLessThan(60_000);
        try (PDDocument reread = Loader.loadPDF(out.toByteArray())) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper()
                            .getText(reread)
                            .strip())
                    .isEqualTo(sample);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(CjkFace.class)
    void everyFaceLoadsInJava2dWithItsGlyphs(CjkFace face) throws Exception {
        java.awt.Font font;
        try (InputStream in = face.openStream()) {
            font = java.awt.Font.createFont(java.awt.Font.TRUETYPE_FONT, in);
        }
        String sample = SAMPLES.get(face);
        assertThat(font.canDisplayUpTo(sample)).isEqualTo(-1);
        assertThat(font.getFamily(java.util.Locale.ROOT)).isEqualTo(face.familyName());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(CjkFace.class)
    void everyFaceHasItsLicenceTextOnTheClassPath(CjkFace face) throws IOException {
        try (InputStream in = CjkFonts.class.getResourceAsStream(face.licenceResource())) {
            assertThat(in).isNotNull();
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(text).containsIgnoringCase(face.licenceName());
        }
        if (face == CjkFace.BABELSTONE_HAN) {
            try (InputStream in =
                    CjkFonts.class.getResourceAsStream("/cn/zhengyin/trust/font/BABELSTONE-HAN-NOTICE.txt")) {
                assertThat(in)
                        .as("the modification notice the Arphic Public License asks for")
                        .isNotNull();
            }
        }
    }
}
