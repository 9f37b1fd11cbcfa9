package cn.zhengyin.licence.statistics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which OIDC claims make a statistics administrator of an authority, of the province, or nobody. */
class StatisticsOidcUsersTest {
    final StatisticsProperties.Oidc config = new StatisticsProperties.Oidc(
            "gov", "name", "roles", "statistics:authority", "statistics:province", "authority_code");

    @Test
    void theAuthorityRoleWithAnAuthorityCodeSeesThatAuthority() {
        var viewer = StatisticsOidcUsers.viewerOf(
                "s1",
                Map.of("roles", List.of("statistics:authority"), "authority_code", "11110100000000019Q", "name", "甲"),
                config);
        assertThat(viewer).contains(new StatisticsViewer("s1", "甲", "11110100000000019Q"));
    }

    @Test
    void theProvinceRoleSeesAllAndRolesMayBeASpaceSeparatedString() {
        var viewer = StatisticsOidcUsers.viewerOf("s2", Map.of("roles", "other statistics:province"), config);
        assertThat(viewer).hasValueSatisfying(v -> assertThat(v.province()).isTrue());
    }

    @Test
    void withoutARoleOrWithoutTheAuthorityCodeThereIsNoViewer() {
        assertThat(StatisticsOidcUsers.viewerOf("s3", Map.of("roles", List.of("seal:admin")), config))
                .isEmpty();
        assertThat(StatisticsOidcUsers.viewerOf("s4", Map.of("roles", List.of("statistics:authority")), config))
                .isEmpty();
        assertThat(StatisticsOidcUsers.viewerOf("s5", Map.of(), config)).isEmpty();
    }
}
