package cn.zhengyin.trust.identifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CitizenIdentityNumberTest {

    @Test
    void acceptsTheStandardsWorkedExample() {
        // GB 11643-1999 Annex A worked example: 11010519491231002X
        CitizenIdentityNumber id = CitizenIdentityNumber.parse("11010519491231002x");
        assertThat(id.value()).isEqualTo("11010519491231002X");
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
    }

    @Test
    void masksTheNumberWhenPrinted() {
        assertThat(new CitizenIdentityNumber("11010519491231002X").toString()).isEqualTo("110105********002X");
    }

    @Test
    void rejectsAWrongCheckAndAnImpossibleBirthDate() {
        assertThatThrownBy(() -> new CitizenIdentityNumber("110105194912310021"))
                .hasMessageContaining("expected 'X'");
        assertThat(CitizenIdentityNumber.isValid("110105194902300024")).isFalse();
    }
}
