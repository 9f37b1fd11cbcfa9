package cn.zhengyin.trust.identifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GB/T 36904-2018 identifiers, with real identifiers from STANDARDS.md §1.1 as test vectors. */
class LicenceIdentifierTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.002.S",
                "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U",
                "1.2.156.3005.2.11100000000013338W087.11370800MB28559184.37080001202411010001.001.3",
                "1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F",
                "1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0",
                "1.2.156.3005.2.11100000MB03271699022.340100.000000016.001.9"
            })
    void acceptsRealIdentifiersAndPrintsThemBackUnchanged(String real) {
        LicenceIdentifier id = LicenceIdentifier.parse(real);
        assertThat(id.toString()).isEqualTo(real);
    }

    @Test
    void computesTheCheckCharacterOfEachEditionSeparately() {
        LicenceIdentifier v1 =
                LicenceIdentifier.parse("1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U");
        LicenceIdentifier v2 = v1.nextVersion();
        assertThat(v2.toString())
                .isEqualTo("1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.002.S");
        assertThat(v2.root()).isEqualTo(v1.root());
    }

    @Test
    void rejectsAWrongCheckCharacterNamingTheExpectedOne() {
        assertThatThrownBy(() -> LicenceIdentifier.parse(
                        "1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.G"))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessageContaining("expected 'F'")
                .hasMessageContaining("MOD 37,36");
    }

    @Test
    void rejectsTheBuggyVariantSeenInTheWild() {
        // STANDARDS.md §1.1: this UUID-serial sample only validates under a buggy variant of the algorithm.
        assertThat(
                        LicenceIdentifier.isValid(
                                "1.2.156.3005.2.11100000000013338W032.11220000013544541J.209FA4E88F9E4C878F3E9BED2CE7EA49.001.M"))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "1.2.156.3005.1.11100000000013338W032.11220000013544541J.2430599.001.F",
                "1.2.156.3005.2.11100000000013338W32.11220000013544541J.2430599.001.F",
                "1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.01.F",
                "1.2.156.3005.2.11100000000013338W032.11220000013544541J.24305a9.001.F"
            })
    void rejectsMalformedIdentifiers(String bad) {
        assertThat(LicenceIdentifier.isValid(bad)).isFalse();
        assertThatThrownBy(() -> LicenceIdentifier.parse(bad)).isInstanceOf(InvalidIdentifierException.class);
    }

    @Test
    void refusesVersionsBeyond999() {
        LicenceIdentifier last = new LicenceIdentifier("11100000000013338W032", "11220000013544541J", "2430599", 999);
        assertThatThrownBy(last::nextVersion).hasMessageContaining("999");
    }

    @Test
    void mod3736MatchesIso7064OnTheStandardsVectors() {
        assertThat(Mod3736.checkCharacter("11100000000013338W03211220000013544541J2430599001"))
                .isEqualTo('F');
        assertThat(Mod3736.isValid("11100000000013338W03211220000013544541J2430599001F"))
                .isTrue();
        assertThat(Mod3736.isValid("11100000000013338W03211220000013544541J2430599001E"))
                .isFalse();
    }
}
