package cn.zhengyin.licence.fieldreuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Review #14 finding 7: the character and length rules of a 用证事由, and a duty's configured list. */
class PurposesTest {

    @Test
    void aPurposeIsOneLineOfPlainTextOfAtMostFiftyCharacters() {
        assertThat(Purposes.check("  开立对公账户 ")).isEqualTo("开立对公账户");
        assertThat(Purposes.check("核验 Account　opening（2026）")).isEqualTo("核验 Account　opening（2026）");
        assertThat(Purposes.check("𠀀".repeat(50))).hasSize(100); // 50 characters outside the BMP
        for (String bad : List.of(
                "",
                "  ",
                "开户\n原件无效",
                "开\r户",
                "开户\t核验",
                "\u202e效无户开",
                "开\u200b户",
                "开户\u0000",
                "开\u2028户",
                "\ue000",
                "开".repeat(51))) {
            assertThatThrownBy(() -> Purposes.check(bad))
                    .as(bad)
                    .isInstanceOf(FieldReuseException.class)
                    .hasMessageContaining("purpose")
                    .satisfies(e ->
                            assertThat(((FieldReuseException) e).kind()).isEqualTo(FieldReuseException.Kind.INVALID));
        }
        assertThat(Purposes.problem("开户\u202e"))
                .hasValueSatisfying(p -> assertThat(p).contains("U+202E", "position 3"));
    }

    @Test
    void aServiceItemListsAtLeastOneValidPurpose() {
        assertThat(new ThirdParty.Duty("XF-1", "事项", Set.of("t"), false, List.of(" 职业资格确认 ")).purposes())
                .containsExactly("职业资格确认");
        assertThatThrownBy(() -> new ThirdParty.Duty("XF-1", "事项", Set.of("t"), false, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("XF-1");
        assertThatThrownBy(() -> new ThirdParty.Duty("XF-1", "事项", Set.of("t"), false, List.of("本证照\n已吊销")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+000A");
    }
}
