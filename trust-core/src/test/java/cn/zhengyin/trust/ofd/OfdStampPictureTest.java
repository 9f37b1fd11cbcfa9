package cn.zhengyin.trust.ofd;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.seal.SealImpression;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue #18 (size): the seal impression as a vector OFD picture, written and read back; what is not ours is not read. */
class OfdStampPictureTest {

    private static SealImpression ringAndGlyph() {
        Path2D.Double ring = new Path2D.Double(Path2D.WIND_EVEN_ODD);
        ring.append(new Ellipse2D.Double(0.5, 0.5, 39, 39), false);
        ring.append(new Ellipse2D.Double(1.5, 1.5, 37, 37), false);
        Path2D.Double glyph = new Path2D.Double();
        glyph.moveTo(10.004, 12);
        glyph.quadTo(15, 8, 20, 12);
        glyph.lineTo(20, 20);
        glyph.closePath();
        return new SealImpression(
                40, 40, 0xE60012, List.of(new SealImpression.Part(ring, 0), new SealImpression.Part(glyph, 0.3)));
    }

    @Test
    void writtenAndReadBackItIsTheSameDrawing() {
        SealImpression impression = ringAndGlyph();
        byte[] ofd = OfdStampPicture.write(impression);
        assertThat(OfdPackage.looksLikeOfd(ofd)).isTrue();
        SealImpression back = OfdStampPicture.read(ofd).orElseThrow();
        assertThat(back.fingerprint()).isEqualTo(impression.fingerprint());
        // the even-odd ring is outlined for the non-zero rule, so a reader that ignores the rule fills a ring too
        assertThat(back.parts()).extracting(SealImpression.Part::evenOdd).containsExactly(false, false);
        Path2D.Double ring = new Path2D.Double(Path2D.WIND_NON_ZERO);
        ring.append(back.parts().get(0).shape(), false);
        assertThat(ring.contains(1, 20)).as("on the rim").isTrue();
        assertThat(ring.contains(20, 20)).as("inside the rim, non-zero").isFalse();
        assertThat(new String(
                        OfdPackage.read(ofd)
                                .part("Doc_0/Pages/Page_0/Content.xml")
                                .orElseThrow(),
                        StandardCharsets.UTF_8))
                .doesNotContain("Even-Odd");
        assertThat(back.parts()).extracting(SealImpression.Part::strokeMm).containsExactly(0.0, 0.3);
        assertThat(back.rgb()).isEqualTo(0xE60012);
        assertThat(OfdStampPicture.write(back)).as("deterministic").isEqualTo(ofd);
    }

    @Test
    void thePdfDrawingFillsTheRingAndStrokesTheGlyph() {
        String pdf = new String(ringAndGlyph().pdfContent(113.386, 113.386), StandardCharsets.US_ASCII);
        assertThat(pdf).startsWith("q\n").endsWith("Q\n").contains(" cm\n", " rg ", " RG 1 J 1 j\n", "\nf\n", "B\n");
        assertThat(pdf).doesNotContain("Do").as("no image, no font").doesNotContain("Tf");
        // 10.004 mm kept to 0.02 mm: 500 units of 0.02 mm
        assertThat(pdf).contains("500 600 m\n");
    }

    @Test
    void anOfdThatIsNotAPlainVectorStampIsNotRead() {
        SealImpression impression = ringAndGlyph();
        Map<String, byte[]> parts = new LinkedHashMap<>(
                OfdPackage.read(OfdStampPicture.write(impression)).parts());
        String content = new String(parts.get("Doc_0/Pages/Page_0/Content.xml"), StandardCharsets.UTF_8);
        for (String changed : List.of(
                content.replaceFirst("<ofd:AbbreviatedData>M", "<ofd:AbbreviatedData>A 1 1 0 0 1 2 2 M"),
                content.replaceFirst("<ofd:PathObject ", "<ofd:PathObject CTM=\"1 0 0 1 0 0\" "),
                content.replaceFirst("Value=\"230 0 18\"", "Value=\"0 0 0\""),
                content.replaceFirst("<ofd:PathObject ", "<ofd:ImageObject ResourceID=\"1\"/><ofd:PathObject "))) {
            parts.put("Doc_0/Pages/Page_0/Content.xml", changed.getBytes(StandardCharsets.UTF_8));
            assertThat(OfdStampPicture.read(OfdPackage.of(parts).write()))
                    .as(changed)
                    .isEmpty();
        }
        assertThat(OfdStampPicture.read("not a zip".getBytes(StandardCharsets.US_ASCII)))
                .isEmpty();
    }
}
