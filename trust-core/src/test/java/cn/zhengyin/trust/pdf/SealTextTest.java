package cn.zhengyin.trust.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.font.CjkFace;
import cn.zhengyin.trust.ofd.OfdPackage;
import cn.zhengyin.trust.ofd.OfdStampPicture;
import cn.zhengyin.trust.seal.SealImpression;
import cn.zhengyin.trust.testing.TestPdfs;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #18 (size): a seal's characters are drawn as text in the page's font where the page's subset has them, as
 * outlines otherwise; an impression without glyph identities (a seal made before) is all paths; the SESeal's OFD
 * picture carries the characters as text objects with their font and reads back to the same drawing.
 */
class SealTextTest {

    private static final String SONG = CjkFace.SONG_TI.postScriptName();
    private static SealImpression withGlyphs;
    private static SealImpression pathsOnly;
    private static byte[] pageWithSong;

    @BeforeAll
    static void impressions() throws IOException {
        List<SealImpression.Part> glyphs = new ArrayList<>();
        List<SealImpression.Part> paths = new ArrayList<>();
        Path2D.Double ring = new Path2D.Double(Path2D.WIND_EVEN_ODD);
        ring.append(new Ellipse2D.Double(0, 0, 40, 40), false);
        ring.append(new Ellipse2D.Double(1, 1, 38, 38), false);
        glyphs.add(new SealImpression.Part(ring, 0));
        paths.add(new SealImpression.Part(ring, 0));
        try (TrueTypeFont song = CjkFace.SONG_TI.parseUnhinted()) {
            double em = song.getUnitsPerEm();
            int i = 0;
            for (int cp : "证章".codePoints().toArray()) {
                // 6 mm characters on a baseline at y = 20 mm, y down
                AffineTransform emToMm = new AffineTransform(6, 0, 0, -6, 10 + 8 * i++, 20);
                AffineTransform unitsToMm = new AffineTransform(emToMm);
                unitsToMm.scale(1 / em, 1 / em);
                var outline = unitsToMm.createTransformedShape(song.getGlyph()
                        .getGlyph(song.getUnicodeCmapLookup().getGlyphId(cp))
                        .getPath());
                glyphs.add(
                        new SealImpression.Part(outline, 0.2, Optional.of(new SealImpression.Glyph(cp, SONG, emToMm))));
                paths.add(new SealImpression.Part(outline, 0.2));
            }
        }
        withGlyphs = new SealImpression(40, 40, 0xE60012, glyphs);
        pathsOnly = new SealImpression(40, 40, 0xE60012, paths);
        // the page's Song subset has 证 (the page shows it) but not 章
        pageWithSong = TestPdfs.onePageInSong("营业执照证", IntStream.empty());
    }

    private static String appearanceContent(SealImpression impression, byte[] page) throws IOException {
        byte[] prepared = new PadesPreparer(1 << 24)
                .prepare(
                        page,
                        new SignatureRequest(
                                "test",
                                "text",
                                "",
                                Instant.parse("2026-12-06T00:00:00Z"),
                                Optional.of(VisibleAppearance.vector(0, 300, 100, 113, 113, impression)),
                                8192))
                .preparedPdf();
        try (PDDocument doc = Loader.loadPDF(prepared)) {
            PDAppearanceStream ap = doc.getSignatureFields()
                    .getFirst()
                    .getWidgets()
                    .getFirst()
                    .getAppearance()
                    .getNormalAppearance()
                    .getAppearanceStream();
            String fonts = ap.getResources() == null
                            || ap.getResources().getCOSObject().getCOSDictionary(COSName.FONT) == null
                    ? ""
                    : ap.getResources()
                            .getCOSObject()
                            .getCOSDictionary(COSName.FONT)
                            .keySet()
                            .toString();
            return fonts + "\n" + new String(ap.getContentStream().toByteArray(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void aCharacterThePagesFontHasIsTextTheOtherAPath() throws IOException {
        String content = appearanceContent(withGlyphs, pageWithSong);
        assertThat(content).startsWith("[COSName{SealF1}]");
        // 证 as text in the page's font, filled and stroked (2 Tr); its CID is its glyph id in the face
        int cid;
        try (TrueTypeFont song = CjkFace.SONG_TI.parseUnhinted()) {
            cid = song.getUnicodeCmapLookup().getGlyphId('证');
        }
        assertThat(content)
                .containsOnlyOnce(" Tj ")
                .contains("BT /SealF1 1 Tf 2 Tr")
                .contains(String.format(java.util.Locale.ROOT, "<%04X> Tj ET", cid));
        // the rim (f) and 章 (B: filled and stroked) stay paths
        assertThat(content).contains("\nf\n").contains("\nB\n");
    }

    @Test
    void aPageWithoutTheFontAndASealMadeBeforeAreDrawnAsPaths() throws IOException {
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage(PDRectangle.A4));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            assertThat(appearanceContent(withGlyphs, out.toByteArray()))
                    .startsWith("\n")
                    .doesNotContain(" Tj ");
        }
        // an impression read from a picture of paths only (seals made before the characters were text)
        String old = appearanceContent(pathsOnly, pageWithSong);
        assertThat(old).startsWith("\n").doesNotContain(" Tj ").doesNotContain("Tf");
        assertThat(old.substring(1)).isEqualTo(new String(pathsOnly.pdfContent(113, 113), StandardCharsets.US_ASCII));
    }

    @Test
    void theOfdPictureCarriesTheCharactersAsTextWithTheirFont() {
        byte[] ofd = OfdStampPicture.write(withGlyphs);
        OfdPackage pkg = OfdPackage.read(ofd);
        String page = new String(pkg.part("Doc_0/Pages/Page_0/Content.xml").orElseThrow(), StandardCharsets.UTF_8);
        assertThat(page).contains(">证</ofd:TextCode>", ">章</ofd:TextCode>").containsOnlyOnce("<ofd:PathObject ");
        assertThat(new String(pkg.part("Doc_0/PublicRes.xml").orElseThrow(), StandardCharsets.UTF_8))
                .contains("FontName=\"" + SONG + "\"");
        assertThat(pkg.names()).contains("Doc_0/Res/font_3.ttf");
        SealImpression back = OfdStampPicture.read(ofd).orElseThrow();
        assertThat(back.parts())
                .extracting(p -> p.glyph().map(SealImpression.Glyph::codePoint).orElse(0))
                .containsExactly(0, (int) '证', (int) '章');
        assertThat(back.fingerprint()).isEqualTo(withGlyphs.fingerprint());
        assertThat(back.parts().get(1).glyph().orElseThrow().emToMm())
                .isEqualTo(withGlyphs.parts().get(1).glyph().orElseThrow().emToMm());
        // the outline read from the picture's font is the glyph placed where the seal put it
        assertThat(back.parts().get(1).shape().getBounds2D().getCenterX())
                .isCloseTo(
                        withGlyphs.parts().get(1).shape().getBounds2D().getCenterX(),
                        org.assertj.core.data.Offset.offset(0.05));
        assertThat(OfdStampPicture.write(back)).as("deterministic").isEqualTo(ofd);
        // a text object whose font is not in the picture is not read
        var parts = new java.util.LinkedHashMap<>(pkg.parts());
        parts.remove("Doc_0/Res/font_3.ttf");
        assertThat(OfdStampPicture.read(OfdPackage.of(parts).write())).isEmpty();
    }
}
