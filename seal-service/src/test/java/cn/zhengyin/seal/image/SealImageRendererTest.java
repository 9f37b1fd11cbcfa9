package cn.zhengyin.seal.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.font.CjkFonts;
import cn.zhengyin.trust.seal.SealType;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SealImageRendererTest {
    static final SealImageRenderer RENDERER = new SealImageRenderer(CjkFonts.songTi());

    @Test
    void companySealPngIsTheDiameterAtTheRequestedResolutionWithTransparentCorners() throws Exception {
        BufferedImage image = ImageIO.read(
                new ByteArrayInputStream(RENDERER.renderPng(SealDesign.organisationSeal("证印示范市数字科技有限公司", ""), 300)));
        int size = (int) Math.round(42 * 300 / 25.4);
        assertThat(image.getWidth()).isEqualTo(size).isEqualTo(496);
        assertThat(image.getHeight()).isEqualTo(size);
        assertThat(image.getColorModel().hasAlpha()).isTrue();
        for (int[] corner : new int[][] {{0, 0}, {size - 1, 0}, {0, size - 1}, {size - 1, size - 1}}) {
            assertThat(alpha(image, corner[0], corner[1]))
                    .as("corner %s,%s", corner[0], corner[1])
                    .isZero();
        }
        double pxPerMm = 300 / 25.4;
        int rimMiddle = (int) Math.round(0.6 * pxPerMm); // the 1.2 mm rim at the top, left, right and bottom
        assertThat(isRed(image, size / 2, rimMiddle)).isTrue();
        assertThat(isRed(image, rimMiddle, size / 2)).isTrue();
        assertThat(isRed(image, size - 1 - rimMiddle, size / 2)).isTrue();
        assertThat(isRed(image, size / 2, size - 1 - rimMiddle)).isTrue();
        assertThat(isRed(image, size / 2, size / 2)).as("star centre").isTrue();
        assertThat(alpha(image, size / 2, (int) Math.round(1.65 * pxPerMm)))
                .as("between rim and name")
                .isZero();
    }

    @Test
    void specialPurposeSealIs40MmWithStarAndPurposeTextBelowIt() throws Exception {
        SealDesign design = SealDesign.specialPurposeSeal("证印示范市建设工程有限公司", "合同专用章", "");
        assertThat(design.type()).isEqualTo(SealType.CONTRACT);
        BufferedImage image = RENDERER.layout(design).toImage(600);
        assertThat(image.getWidth()).isEqualTo((int) Math.round(40 * 600 / 25.4));
        int c = image.getWidth() / 2;
        assertThat(isRed(image, c, c)).isTrue();
        double pxPerMm = 600 / 25.4;
        long redInPurposeBand = 0;
        for (int y = (int) (c + 8 * pxPerMm); y < c + 13 * pxPerMm; y++) {
            for (int x = (int) (c - 8 * pxPerMm); x < c + 8 * pxPerMm; x++) {
                redInPurposeBand += isRed(image, x, y) ? 1 : 0;
            }
        }
        assertThat(redInPurposeBand)
                .as("purpose text 8..13 mm below the centre")
                .isGreaterThan(2000);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 6, 9, 12, 16, 20, 24})
    void nameArcIsInsideTheRimAndSymmetricAboutTheVerticalAxis(int length) {
        String name = "证印示范市数字科技发展股份有限公司一二三四五六七八九".substring(0, length);
        SealDesign design = SealDesign.organisationSeal(name, "");
        SealArtwork artwork = RENDERER.layout(design);
        List<Shape> glyphs =
                artwork.parts().stream().skip(2).map(SealArtwork.Part::shape).toList();
        assertThat(glyphs).hasSize(length);
        double r = 21;
        for (Shape glyph : glyphs) {
            Rectangle2D b = glyph.getBounds2D();
            for (double[] p : new double[][] {
                {b.getMinX(), b.getMinY()},
                {b.getMaxX(), b.getMinY()},
                {b.getMinX(), b.getMaxY()},
                {b.getMaxX(), b.getMaxY()}
            }) {
                // a glyph's bounding box corners may poke out slightly; its centre must lie well inside the rim
                assertThat(Math.hypot(b.getCenterX() - r, b.getCenterY() - r)).isLessThan(r - 1.2 - 1.5);
            }
        }
        // first and last characters mirror each other about the vertical axis: the bottom gap is centred
        Rectangle2D first = glyphs.getFirst().getBounds2D();
        Rectangle2D last = glyphs.getLast().getBounds2D();
        assertThat(Math.toDegrees(fromTop(first) + fromTop(last)))
                .isCloseTo(0, org.assertj.core.data.Offset.offset(3.0));
        assertThat(Math.toDegrees(fromTop(last))).as("half the arc").isBetween(40.0, 126.0);
        // left to right over the top
        for (int i = 1; i < glyphs.size(); i++) {
            assertThat(fromTop(glyphs.get(i).getBounds2D()))
                    .as("reading order left to right over the top")
                    .isGreaterThan(fromTop(glyphs.get(i - 1).getBounds2D()));
        }
    }

    @Test
    void svgIsWellFormedFontFreeAndMeasuredInMillimetres() throws Exception {
        SealDesign design = SealDesign.specialPurposeSeal("证印示范市市场监督管理局", "电子证照专用章", "3301000000001");
        byte[] svg = RENDERER.renderSvg(design);
        String text = new String(svg, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("<text").doesNotContain("font").doesNotContain("href");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
        Element root = doc.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getNamespaceURI()).isEqualTo(SvgSanitiser.SVG_NS);
        assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 40 40");
        assertThat(root.getAttribute("width")).isEqualTo("40mm");
        assertThat(root.getAttribute("height")).isEqualTo("40mm");
        assertThat(doc.getElementsByTagNameNS(SvgSanitiser.SVG_NS, "path").getLength())
                .isEqualTo(RENDERER.layout(design).parts().size());
        SvgSanitiser.SanitisedSvg ownCheck = new SvgSanitiser().sanitise(svg);
        assertThat(ownCheck.widthMm()).isEqualTo(40);
    }

    @Test
    void svgAndPngComeFromTheSameShapes() {
        SealArtwork artwork = RENDERER.layout(SealDesign.organisationSeal("证印科技有限公司", ""));
        String svg = artwork.toSvg("t");
        Rectangle2D star = artwork.parts().get(1).shape().getBounds2D();
        assertThat(svg).contains("M" + SealArtwork.num(21) + " " + SealArtwork.num(star.getMinY()));
        BufferedImage png = artwork.toImage(300);
        double px = 300 / 25.4;
        assertThat(isRed(png, (int) (21 * px), (int) ((star.getMinY() + 1) * px)))
                .as("star tip")
                .isTrue();
    }

    @Test
    void legalRepresentativeSealIsAFramedSquareOfTheGivenSize() throws Exception {
        BufferedImage image =
                RENDERER.layout(SealDesign.legalRepresentativeSeal("张三丰")).toImage(300);
        assertThat(image.getWidth()).isEqualTo(213).isEqualTo(image.getHeight());
        assertThat(isRed(image, 0, 0)).as("frame corner").isTrue();
        assertThat(isRed(image, 212, 212)).isTrue();
        SealDesign rectangle = SealDesign.standard(SealType.LEGAL_REPRESENTATIVE, "欧阳明", null, null, 10.0, 20.0);
        assertThat(RENDERER.layout(rectangle).toImage(254).getHeight()).isEqualTo(200);
    }

    @Test
    void rejectsDesignsOutsideTheLimitsWithEveryProblemNamed() {
        assertThatThrownBy(() -> SealDesign.standard(SealType.CONTRACT, "甲", null, "12<3", 90.0, null))
                .isInstanceOf(InvalidSealDesignException.class)
                .hasMessageContaining("name: '甲' has 1 characters")
                .hasMessageContaining("diameterMm: 90.0 mm is outside 30.0..60.0 mm")
                .hasMessageContaining("sealNumber");
        assertThatThrownBy(() -> SealDesign.legalRepresentativeSeal("张")).hasMessageContaining("2..4 characters");
        assertThatThrownBy(() -> RENDERER.renderPng(SealDesign.organisationSeal("证印科技有限公司", ""), 5000))
                .hasMessageContaining("dpi: 5000 is outside 72..1200");
    }

    /** Clockwise angle of a box centre from the top of the 42 mm seal, in radians. */
    static double fromTop(Rectangle2D b) {
        return Math.atan2(b.getCenterX() - 21, 21 - b.getCenterY());
    }

    static int alpha(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) >>> 24;
    }

    static boolean isRed(BufferedImage image, int x, int y) {
        int argb = image.getRGB(x, y);
        int a = argb >>> 24;
        int r = (argb >> 16) & 0xFF;
        int g = (argb >> 8) & 0xFF;
        return a > 200 && r > 200 && g < 60;
    }

    @Test
    void rareCharactersAreDrawnFromTheFallbackFacesWithoutGaps() {
        SealImageRenderer chain = new SealImageRenderer(cn.zhengyin.trust.font.FontChain.cjk());
        String name = "𪚥䶮堃龍鿫数字科技有限公司";
        SealArtwork artwork = chain.layout(SealDesign.organisationSeal(name, ""));
        List<Shape> glyphs =
                artwork.parts().stream().skip(2).map(SealArtwork.Part::shape).toList();
        assertThat(glyphs).hasSize(name.codePointCount(0, name.length()));
        // each character has ink of about the height of a Song character: nothing was drawn as an empty gap
        double songHeight = glyphs.get(6).getBounds2D().getHeight();
        assertThat(glyphs)
                .allSatisfy(g -> assertThat(g.getBounds2D().getHeight()).isGreaterThan(songHeight * 0.5));
        SealArtwork nameSeal = chain.layout(SealDesign.legalRepresentativeSeal("王𠀀"));
        assertThat(nameSeal.parts().stream()
                        .skip(1)
                        .map(p -> p.shape().getBounds2D().getHeight()))
                .allSatisfy(h -> assertThat(h).isGreaterThan(1.0));
    }

    @Test
    void aCharacterTheSealFontLacksIsRefusedRatherThanDrawnAsAGap() {
        // the Song face alone has no Extension B: refused by the renderer, naming the code point
        assertThatThrownBy(() -> RENDERER.layout(SealDesign.legalRepresentativeSeal("王𠀀")))
                .isInstanceOf(InvalidSealDesignException.class)
                .hasMessageContaining("U+20000")
                .hasMessageContaining("gap");
        // a character none of the fonts has is refused by the design itself
        assertThatThrownBy(() -> SealDesign.organisationSeal("证印示范𰀀科技有限公司", ""))
                .isInstanceOf(InvalidSealDesignException.class)
                .hasMessageContaining("name: character 5, U+30000");
        assertThatThrownBy(() -> SealDesign.specialPurposeSeal("证印示范市科技有限公司", "合同\u202E专用章", ""))
                .isInstanceOf(InvalidSealDesignException.class)
                .hasMessageContaining("purpose: character 3, U+202E");
    }
}
