package cn.zhengyin.trust.font;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.TrustException;
import java.awt.geom.PathIterator;
import java.util.ArrayList;
import java.util.List;
import org.apache.fontbox.ttf.GlyphData;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.junit.jupiter.api.Test;

/** Issue #18 (size): the unhinted Song face draws the same outlines with the same advances, in fewer bytes. */
class TrueTypeHintingTest {

    private static final String SAMPLE = "营业执照统一社会信用代码名称类型法定代表人经营范围证印示范市市场监督管理局0123ABC，。";

    @Test
    void sameOutlinesAndAdvancesWithoutInstructions() throws Exception {
        byte[] hinted = CjkFace.SONG_TI.bytes();
        byte[] unhinted = TrueTypeHinting.strip(hinted);
        assertThat(unhinted.length).as("bytes without hinting").isLessThan(hinted.length / 100 * 95);
        try (TrueTypeFont a = CjkFace.SONG_TI.parse();
                TrueTypeFont b = new org.apache.fontbox.ttf.TTFParser()
                        .parse(new org.apache.pdfbox.io.RandomAccessReadBuffer(unhinted))) {
            assertThat(b.getNumberOfGlyphs()).isEqualTo(a.getNumberOfGlyphs());
            assertThat(b.getTableMap()).doesNotContainKeys("fpgm", "prep", "cvt ");
            for (int cp : SAMPLE.codePoints().toArray()) {
                int gid = a.getUnicodeCmapLookup().getGlyphId(cp);
                assertThat(b.getUnicodeCmapLookup().getGlyphId(cp))
                        .isEqualTo(gid)
                        .isPositive();
                GlyphData before = a.getGlyph().getGlyph(gid);
                GlyphData after = b.getGlyph().getGlyph(gid);
                assertThat(after.getDescription().getPointCount())
                        .isEqualTo(before.getDescription().getPointCount());
                assertThat(segments(after)).as(Character.toString(cp)).isEqualTo(segments(before));
                assertThat(b.getAdvanceWidth(gid)).isEqualTo(a.getAdvanceWidth(gid));
            }
        }
    }

    @Test
    void documentFaceHasItsPointsWithinHalfAGridOfTheFacesAndDeflatesSmaller() throws Exception {
        byte[] exact = TrueTypeHinting.strip(CjkFace.SONG_TI.bytes());
        try (TrueTypeFont a = new org.apache.fontbox.ttf.TTFParser()
                        .parse(new org.apache.pdfbox.io.RandomAccessReadBuffer(exact));
                TrueTypeFont b = CjkFace.SONG_TI.parseUnhinted()) {
            assertThat(a.getUnitsPerEm()).isEqualTo(1024);
            int grid = 1024 / CjkFace.DOCUMENT_GRID_PER_EM;
            int moved = 0;
            for (int cp : SAMPLE.codePoints().toArray()) {
                int gid = a.getUnicodeCmapLookup().getGlyphId(cp);
                assertThat(b.getUnicodeCmapLookup().getGlyphId(cp)).isEqualTo(gid);
                var p = a.getGlyph().getGlyph(gid).getDescription();
                var q = b.getGlyph().getGlyph(gid).getDescription();
                assertThat(q.getPointCount()).as(Character.toString(cp)).isEqualTo(p.getPointCount());
                assertThat(q.getContourCount()).isEqualTo(p.getContourCount());
                for (int i = 0; i < p.getPointCount(); i++) {
                    assertThat(q.getFlags(i) & 1).isEqualTo(p.getFlags(i) & 1); // on/off curve kept
                    assertThat(q.getXCoordinate(i) % grid).isZero();
                    assertThat(q.getYCoordinate(i) % grid).isZero();
                    assertThat(Math.abs(q.getXCoordinate(i) - p.getXCoordinate(i)))
                            .isLessThanOrEqualTo(grid / 2);
                    assertThat(Math.abs(q.getYCoordinate(i) - p.getYCoordinate(i)))
                            .isLessThanOrEqualTo(grid / 2);
                    moved += q.getXCoordinate(i) != p.getXCoordinate(i) ? 1 : 0;
                }
                assertThat(b.getAdvanceWidth(gid)).isEqualTo(a.getAdvanceWidth(gid));
                var bounds = b.getGlyph().getGlyph(gid).getBoundingBox(); // recomputed from the moved points
                int minX = Integer.MAX_VALUE;
                int maxY = Integer.MIN_VALUE;
                for (int i = 0; i < q.getPointCount(); i++) {
                    minX = Math.min(minX, q.getXCoordinate(i));
                    maxY = Math.max(maxY, q.getYCoordinate(i));
                }
                assertThat(bounds.getLowerLeftX()).isEqualTo(minX);
                assertThat(bounds.getUpperRightY()).isEqualTo(maxY);
            }
            assertThat(moved).as("points moved to the grid").isPositive();
        }
        byte[] subsetExact = deflated(exact);
        byte[] document = deflated(TrueTypeHinting.strip(CjkFace.SONG_TI.bytes(), 4));
        assertThat(document.length).as("deflated face on the grid").isLessThan(subsetExact.length / 100 * 92);
    }

    private static byte[] deflated(byte[] data) {
        var out = new java.io.ByteArrayOutputStream();
        try (var z = new java.util.zip.DeflaterOutputStream(out)) {
            z.write(data);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Test
    void somethingThatIsNotATrueTypeFontIsRefused() {
        assertThatThrownBy(() -> TrueTypeHinting.strip(new byte[] {0, 1, 0, 0, 0, 0}))
                .isInstanceOf(TrustException.class);
    }

    private static List<String> segments(GlyphData glyph) {
        List<String> out = new ArrayList<>();
        PathIterator it = glyph.getPath().getPathIterator(null);
        double[] c = new double[6];
        while (!it.isDone()) {
            int type = it.currentSegment(c);
            out.add(type + ":" + c[0] + "," + c[1] + "," + c[2] + "," + c[3] + "," + c[4] + "," + c[5]);
            it.next();
        }
        return out;
    }
}
