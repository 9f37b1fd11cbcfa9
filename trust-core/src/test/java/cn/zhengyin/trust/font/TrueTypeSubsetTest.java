package cn.zhengyin.trust.font;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.TrustException;
import java.awt.Font;
import java.io.ByteArrayInputStream;
import java.util.Set;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.junit.jupiter.api.Test;

class TrueTypeSubsetTest {

    @Test
    void anExtensionBSubsetKeepsItsGlyphsAndMapsThemBeyondThePlaneZeroCmap() throws Exception {
        TrueTypeFont hanaMinB = CjkFace.HANA_MIN_B.parse();
        int cp1 = 0x20000; // 𠀀
        int cp2 = 0x2A6A5; // 𪚥
        byte[] subset = TrueTypeSubset.of(hanaMinB, Set.of(cp1, cp2));

        assertThat(subset.length).isLessThan(20_000); // the whole face is 31 MB
        TrueTypeFont parsed = new TTFParser().parse(new RandomAccessReadBuffer(subset));
        var cmap = parsed.getUnicodeCmapLookup();
        assertThat(cmap.getGlyphId(cp1)).isPositive();
        assertThat(cmap.getGlyphId(cp2)).isPositive().isNotEqualTo(cmap.getGlyphId(cp1));
        assertThat(cmap.getGlyphId('一')).isZero();
        // the kept outline is the original's: same advance and same number of points
        int original = hanaMinB.getUnicodeCmapLookup().getGlyphId(cp2);
        assertThat(parsed.getAdvanceWidth(cmap.getGlyphId(cp2))).isEqualTo(hanaMinB.getAdvanceWidth(original));
        assertThat(parsed.getGlyph()
                        .getGlyph(cmap.getGlyphId(cp2))
                        .getDescription()
                        .getPointCount())
                .isEqualTo(
                        hanaMinB.getGlyph().getGlyph(original).getDescription().getPointCount());
        // an independent reader (Java 2D) takes the file and finds both characters
        Font awt = Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(subset));
        assertThat(awt.canDisplay(cp1)).isTrue();
        assertThat(awt.canDisplay(cp2)).isTrue();
    }

    @Test
    void aCharacterTheFaceLacksIsRefusedNamingIt() {
        assertThatThrownBy(() -> TrueTypeSubset.of(CjkFace.SONG_TI.parse(), Set.of(0x20000)))
                .isInstanceOf(TrustException.class)
                .hasMessageContaining("U+20000");
    }
}
