package cn.zhengyin.trust.font;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FontChainTest {
    private static final FontChain CHAIN = FontChain.cjk();

    @Test
    void keepsTheSongFaceForGb2312AndFallsBackGlyphByGlyph() {
        assertThat(CHAIN.faceFor('林')).hasValue(CjkFace.SONG_TI);
        assertThat(CHAIN.faceFor('A')).hasValue(CjkFace.SONG_TI);
        assertThat(CHAIN.faceFor('龍')).as("U+9F8D, GBK").hasValue(CjkFace.HANA_MIN_A);
        assertThat(CHAIN.faceFor('堃')).as("U+5803, GBK").hasValue(CjkFace.HANA_MIN_A);
        assertThat(CHAIN.faceFor(0x4DAE)).as("䶮, Extension A").hasValue(CjkFace.HANA_MIN_A);
        assertThat(CHAIN.faceFor(0x20000)).as("𠀀, Extension B").hasValue(CjkFace.HANA_MIN_B);
        assertThat(CHAIN.faceFor(0x2A6A5)).as("𪚥, Extension B").hasValue(CjkFace.HANA_MIN_B);
        assertThat(CHAIN.faceFor(0x2EBE0)).as("last of Extension F").hasValue(CjkFace.HANA_MIN_B);
        assertThat(CHAIN.faceFor(0x9FEB)).as("鿫, Unicode 10").hasValue(CjkFace.BABELSTONE_HAN);
        assertThat(CHAIN.faceFor(0x30000))
                .as("Extension G is not in GB 18030-2022")
                .isEmpty();
        assertThat(CHAIN.faceFor(0x1F600)).as("an emoji").isEmpty();
    }

    @Test
    void splitsTextIntoRunsPerFaceThatGiveTheTextBack() {
        String name = "林𠀀𪚥龍堃有限公司鿫";
        List<FontChain.Run> runs = CHAIN.runs(name);

        assertThat(runs)
                .extracting(FontChain.Run::face, FontChain.Run::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(CjkFace.SONG_TI, "林"),
                        org.assertj.core.groups.Tuple.tuple(CjkFace.HANA_MIN_B, "𠀀𪚥"),
                        org.assertj.core.groups.Tuple.tuple(CjkFace.HANA_MIN_A, "龍堃"),
                        org.assertj.core.groups.Tuple.tuple(CjkFace.SONG_TI, "有限公司"),
                        org.assertj.core.groups.Tuple.tuple(CjkFace.BABELSTONE_HAN, "鿫"));
        assertThat(runs.stream().map(FontChain.Run::text).collect(Collectors.joining()))
                .isEqualTo(name);
        assertThat(runs.get(1).start()).isEqualTo(1);
        assertThat(runs.get(1).end()).isEqualTo(5);
        assertThat(CHAIN.runs("")).isEmpty();
    }

    @Test
    void reportsTheFirstUncoveredCodePoint() {
        assertThat(CHAIN.firstUncovered("林晓峰𪚥")).isEmpty();
        assertThat(CHAIN.firstUncovered("林\uD840峰")).as("an unpaired surrogate").hasValue(0xD840);
        assertThat(CHAIN.firstUncovered("林😀峰𰀀")).hasValue(0x1F600);
        assertThatThrownBy(() -> CHAIN.runs("林𰀀"))
                .isInstanceOf(FontChain.UncoveredCharacterException.class)
                .hasMessageContaining("U+30000")
                .hasMessageContaining("index 1");
    }

    @Test
    void theSongFaceAloneIsAChainToo() {
        FontChain song = FontChain.of(CjkFace.SONG_TI);
        assertThat(song.covers("示范市青禾数字科技有限公司")).isTrue();
        assertThat(song.firstUncovered("林堃")).hasValue('堃');
    }

    /**
     * GB 18030-2022: every character of the one- and two-byte part (the JDK's GB18030 charset follows the 2022 edition
     * since Java 21), CJK Unified Ideographs U+4E00..U+9FEF, Extension A (U+3400..U+4DB5) and Extensions B..F as
     * the standard lists them (Unicode 10), which includes implementation level 2's ideographs from Extensions B..F.
     */
    @Test
    void theChainCoversEveryIdeographAndEveryTwoByteCharacterOfGb18030() {
        List<String> missing = new ArrayList<>();
        CharsetEncoder gb18030 = Charset.forName("GB18030").newEncoder();
        int twoByte = 0;
        for (int cp = 0x20; cp <= 0xFFFF; cp++) {
            int type = Character.getType(cp);
            if (type == Character.SURROGATE || type == Character.PRIVATE_USE || type == Character.CONTROL) {
                continue;
            }
            if (encodedLength(gb18030, cp) <= 2) {
                twoByte++;
                if (CHAIN.faceFor(cp).isEmpty()) {
                    missing.add(FontChain.label(cp));
                }
            }
        }
        assertThat(twoByte).as("one- and two-byte characters").isGreaterThan(21_900);
        Map<String, int[]> blocks = Map.of(
                "URO", new int[] {0x4E00, 0x9FEF},
                "Ext A", new int[] {0x3400, 0x4DB5},
                "Ext B", new int[] {0x20000, 0x2A6D6},
                "Ext C", new int[] {0x2A700, 0x2B734},
                "Ext D", new int[] {0x2B740, 0x2B81D},
                "Ext E", new int[] {0x2B820, 0x2CEA1},
                "Ext F", new int[] {0x2CEB0, 0x2EBE0});
        int ideographs = 0;
        for (int[] range : blocks.values()) {
            for (int cp = range[0]; cp <= range[1]; cp++) {
                ideographs++;
                if (CHAIN.faceFor(cp).isEmpty()) {
                    missing.add(FontChain.label(cp));
                }
            }
        }
        assertThat(ideographs).isEqualTo(20_976 + 6_582 + 42_711 + 4_149 + 222 + 5_762 + 7_473);
        assertThat(missing).isEmpty();
    }

    private static int encodedLength(CharsetEncoder encoder, int cp) {
        try {
            return encoder.encode(CharBuffer.wrap(Character.toChars(cp))).remaining();
        } catch (CharacterCodingException e) {
            return Integer.MAX_VALUE;
        }
    }
}
