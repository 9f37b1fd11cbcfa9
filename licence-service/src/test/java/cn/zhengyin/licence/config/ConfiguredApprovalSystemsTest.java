package cn.zhengyin.licence.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.licence.config.LicenceServiceProperties.ApprovalSystem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfiguredApprovalSystemsTest {
    static final String MARKET = "11110100000000019Q";
    static final String FORESTRY = "11110100000000027K";

    private static ApprovalSystem system(String code, String seal) {
        return new ApprovalSystem("机关 " + code, code, seal, List.of("11100000XF0000001X001"));
    }

    @Test
    void eachAuthorityHasItsSealAndApprovalSystemsAreFoundByClient() {
        var systems = ConfiguredApprovalSystems.of(Map.of(
                "market", system(MARKET, "SEAL-1"),
                "market-second-window", system(MARKET, "SEAL-1"),
                "forestry", system(FORESTRY, "SEAL-2")));
        assertThat(systems.sealOf(MARKET)).contains("SEAL-1");
        assertThat(systems.sealOf(FORESTRY)).contains("SEAL-2");
        assertThat(systems.sealOf("111101000000000439")).isEmpty();
        assertThat(systems.find("forestry").orElseThrow().sealId()).isEqualTo("SEAL-2");
        assertThat(systems.find("nobody")).isEmpty();
        assertThat(systems.clientIds()).containsExactly("forestry", "market", "market-second-window");
    }

    @Test
    void anApprovalSystemWithoutASealIsRefused() {
        assertThatThrownBy(() -> ConfiguredApprovalSystems.of(Map.of("market", system(MARKET, " "))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("zhengyin.approval-systems.market: seal-id is not set");
        assertThatThrownBy(() -> ConfiguredApprovalSystems.of(Map.of("market", system(MARKET, null))))
                .hasMessageContaining("seal-id is not set");
        assertThatThrownBy(() -> ConfiguredApprovalSystems.of(Map.of("market", system(null, "SEAL-1"))))
                .hasMessageContaining("issuer-code is not set");
    }

    @Test
    void oneAuthorityWithTwoSealsIsRefused() {
        assertThatThrownBy(() -> ConfiguredApprovalSystems.of(
                        Map.of("a", system(MARKET, "SEAL-1"), "b", system(MARKET, "SEAL-9"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("issuer " + MARKET + " is sealed with SEAL-1 by a but with SEAL-9 here");
    }

    @Test
    void oneSealForTwoAuthoritiesIsRefused() {
        assertThatThrownBy(() -> ConfiguredApprovalSystems.of(
                        Map.of("market", system(MARKET, "SEAL-1"), "forestry", system(FORESTRY, "SEAL-1"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("seal SEAL-1 is already the seal of issuer");
    }
}
