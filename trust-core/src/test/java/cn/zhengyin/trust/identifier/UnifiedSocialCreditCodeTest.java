package cn.zhengyin.trust.identifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GB 32100-2015 codes; the valid ones are real issuer codes taken from the identifiers in STANDARDS.md §1.1. */
class UnifiedSocialCreditCodeTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "11100000000013338W",
                "11430000006122244L",
                "11370800MB28559184",
                "11220000013544541J",
                "11330105002500287C",
                "11100000MB03271699"
            })
    void acceptsRealCodes(String code) {
        assertThat(UnifiedSocialCreditCode.isValid(code)).isTrue();
        assertThat(new UnifiedSocialCreditCode(code).value()).isEqualTo(code);
    }

    @Test
    void rejectsAWrongCheckCharacterNamingTheExpectedOne() {
        assertThatThrownBy(() -> new UnifiedSocialCreditCode("11100000000013338X"))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessageContaining("expected 'W'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1110000000001333", "11100000000013338WW", "I1100000000013338W", "11100000000O13338W"})
    void rejectsMalformedCodes(String bad) {
        assertThat(UnifiedSocialCreditCode.isValid(bad)).isFalse();
    }

    @Test
    void parseAcceptsLowerCaseAndSurroundingSpace() {
        assertThat(UnifiedSocialCreditCode.parse(" 11100000mb03271699 ").value())
                .isEqualTo("11100000MB03271699");
    }

    @Test
    void checkCharacterCompletesAFreshCode() {
        String first17 = "91330106MA2CFXYH0";
        String code = first17 + UnifiedSocialCreditCode.checkCharacter(first17);
        assertThat(UnifiedSocialCreditCode.isValid(code)).isTrue();
    }

    @Test
    void completingAddsTheCheckCharacterAndRefusesWhatIsNotSeventeenCodeCharacters() {
        assertThat(UnifiedSocialCreditCode.completing("91990100MA00XF8K1").value())
                .isEqualTo("91990100MA00XF8K1E");
        assertThatThrownBy(() -> UnifiedSocialCreditCode.completing("91990100MA00XF8K"))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessageContaining("17 characters, got 16");
        assertThatThrownBy(() -> UnifiedSocialCreditCode.completing("91990100MA00XF8KO"))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessageContaining("'O' at position 17");
    }
}
