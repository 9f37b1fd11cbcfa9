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
                TrueTypeFont b = CjkFace.SONG_TI.parseUnhinted()) {
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
