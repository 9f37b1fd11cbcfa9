package cn.zhengyin.trust.font;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.font.PrintableText.Lines;
import cn.zhengyin.trust.font.PrintableText.Reason;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrintableTextTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "林晓峰",
                "䶮",
                "𠀀",
                "𪚥",
                "堃",
                "龍",
                "王𠀀堃",
                "鿫鿬",
                "示范市青禾区科创大道88号2号楼1203室",
                "有限责任公司（自然人投资或控股）",
                "Zhengyin Ltd. 2024-05",
                "一般项目：技术服务、技术开发。"
            })
    void acceptsGb18030TextTheFontsHave(String text) {
        assertThat(PrintableText.check(text, Lines.ONE)).isEmpty();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("林" + '\u0000' + "峰", 0x0000, Reason.CONTROL),
                Arguments.of("林" + '\t' + "峰", 0x0009, Reason.CONTROL),
                Arguments.of("林" + '\u001B' + "峰", 0x001B, Reason.CONTROL),
                Arguments.of("林" + '\u0085' + "峰", 0x0085, Reason.LINE_BREAK),
                Arguments.of("林" + '\n' + "峰", 0x000A, Reason.LINE_BREAK),
                Arguments.of("林" + '\r' + "峰", 0x000D, Reason.LINE_BREAK),
                Arguments.of("林" + '\u2028' + "峰", 0x2028, Reason.LINE_BREAK),
                Arguments.of("林" + '\u202E' + "峰", 0x202E, Reason.INVISIBLE),
                Arguments.of("林" + '\u2067' + "峰", 0x2067, Reason.INVISIBLE),
                Arguments.of("林" + '\u200F' + "峰", 0x200F, Reason.INVISIBLE),
                Arguments.of("林" + '\u200B' + "峰", 0x200B, Reason.INVISIBLE),
                Arguments.of("林" + '\u200D' + "峰", 0x200D, Reason.INVISIBLE),
                Arguments.of("林" + '\uFEFF' + "峰", 0xFEFF, Reason.INVISIBLE),
                Arguments.of("林" + '\u00AD' + "峰", 0x00AD, Reason.INVISIBLE),
                Arguments.of("林" + '\uFE00' + "峰", 0xFE00, Reason.INVISIBLE),
                Arguments.of("林" + '\uE000' + "峰", 0xE000, Reason.PRIVATE_USE),
                Arguments.of("林" + '\u0E01' + "峰", 0x0E01, Reason.NOT_IN_FONTS),
                Arguments.of("林\uD840峰", 0xD840, Reason.UNPAIRED_SURROGATE),
                Arguments.of("林峰\uDC00", 0xDC00, Reason.UNPAIRED_SURROGATE),
                Arguments.of("林\uD83D\uDE00峰", 0x1F600, Reason.NOT_IN_FONTS),
                Arguments.of("林\uD880\uDC00峰", 0x30000, Reason.NOT_IN_FONTS));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refusesTheFirstOffendingCharacterAndNamesItsCodePoint(String text, int cp, Reason reason) {
        PrintableText.Unprintable refused = PrintableText.check(text, Lines.ONE).orElseThrow();

        assertThat(refused.codePoint()).isEqualTo(cp);
        assertThat(refused.reason()).isEqualTo(reason);
        assertThat(refused.index()).isEqualTo(reason == Reason.UNPAIRED_SURROGATE && cp == 0xDC00 ? 2 : 1);
        assertThat(refused.message()).startsWith(FontChain.label(cp));
        assertThat(refused.codePointLabel()).isEqualTo(FontChain.label(cp));
    }

    @Test
    void aMultiLineFieldTakesLfButNoOtherBreak() {
        assertThat(PrintableText.check("一般项目：技术服务\n许可项目：食品销售", Lines.MANY)).isEmpty();
        assertThat(PrintableText.check("技术服务\r\n食品销售", Lines.MANY)).hasValueSatisfying(u -> {
            assertThat(u.codePoint()).isEqualTo('\r');
            assertThat(u.message()).contains("U+000A");
        });
        assertThat(PrintableText.check("技术服务\u2029食品销售", Lines.MANY)).isPresent();
    }

    @Test
    void theNamesOfInvisibleCharactersAreGivenAndTheOffendingTextIsNot() {
        assertThat(PrintableText.check("林\u202E峰", Lines.ONE).orElseThrow().message())
                .contains("U+202E (RIGHT-TO-LEFT OVERRIDE)")
                .contains("bidirectional");
        assertThat(PrintableText.check("林\u0E01", Lines.ONE).orElseThrow().message())
                .contains("U+0E01 'ก' (THAI CHARACTER KO KAI)")
                .contains("AR PL SungtiL GB, HanaMinA, HanaMinB, BabelStone Han");
    }

    @Test
    void requireThrowsNamingWhatWasChecked() {
        assertThatThrownBy(() -> PrintableText.require("林\u0000", Lines.ONE, FontChain.cjk(), "seal name"))
                .isInstanceOf(PrintableText.UnprintableTextException.class)
                .hasMessageStartingWith("seal name: U+0000")
                .satisfies(e -> assertThat(((PrintableText.UnprintableTextException) e)
                                .unprintable()
                                .codePoint())
                        .isZero());
    }

    @Test
    void theSongFaceAloneRefusesWhatOnlyTheFallbackFacesHave() {
        assertThat(PrintableText.check("林𠀀", Lines.ONE, FontChain.of(CjkFace.SONG_TI)))
                .hasValueSatisfying(u -> assertThat(u.reason()).isEqualTo(Reason.NOT_IN_FONTS));
    }
}
