package cn.zhengyin.licence.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerting rules in deploy/prometheus are valid ({@code promtool check rules}), fire when they should and stay
 * quiet when they should not ({@code promtool test rules} with zhengyin-rules.test.yml), and the example scrape
 * configuration is valid once its files exist. Skipped only where Prometheus is not installed
 * ({@code apt-get install prometheus}; ./zy test installs it).
 */
class PrometheusRulesTest {
    static Path promtool;

    @BeforeAll
    static void findPromtool() {
        Optional<Path> found = PrometheusTools.find("promtool");
        assumeTrue(found.isPresent(), "promtool is not installed (apt-get install prometheus)");
        promtool = found.get();
    }

    @Test
    void theRulesFileIsValid() throws Exception {
        var result = PrometheusTools.run(
                PrometheusTools.DEPLOY, List.of(promtool.toString(), "check", "rules", "zhengyin-rules.yml"));
        assertThat(result.exitStatus()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 9 rules found");
    }

    @Test
    void theAlertsFireExactlyAsTheRuleTestsExpect() throws Exception {
        var result = PrometheusTools.run(
                PrometheusTools.DEPLOY, List.of(promtool.toString(), "test", "rules", "zhengyin-rules.test.yml"));
        assertThat(result.exitStatus()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void aRuleThatNoLongerFiresFailsTheRuleTests(@TempDir Path dir) throws Exception {
        // the rule tests can fail: with the CRL threshold at 12 hours the 24-hour case no longer fires
        Files.writeString(
                dir.resolve("zhengyin-rules.yml"),
                Files.readString(PrometheusTools.DEPLOY.resolve("zhengyin-rules.yml"))
                        .replace(
                                "zhengyin_crl_validity_remaining_seconds < 86400",
                                "zhengyin_crl_validity_remaining_seconds < 43200"));
        Files.copy(PrometheusTools.DEPLOY.resolve("zhengyin-rules.test.yml"), dir.resolve("zhengyin-rules.test.yml"));
        var result = PrometheusTools.run(dir, List.of(promtool.toString(), "test", "rules", "zhengyin-rules.test.yml"));
        assertThat(result.exitStatus()).isNotZero();
        assertThat(result.output()).contains("ZhengyinCrlNearNextUpdate");
    }

    @Test
    void theExampleScrapeConfigurationIsValid(@TempDir Path dir) throws Exception {
        Files.copy(PrometheusTools.DEPLOY.resolve("zhengyin-rules.yml"), dir.resolve("zhengyin-rules.yml"));
        Files.writeString(dir.resolve("token"), "placeholder");
        Files.writeString(
                dir.resolve("prometheus.yml"),
                Files.readString(PrometheusTools.DEPLOY.resolve("prometheus.example.yml"))
                        .replace(
                                "/etc/prometheus/zhengyin-rules.yml",
                                dir.resolve("zhengyin-rules.yml").toString())
                        .replace(
                                "/var/lib/prometheus/zhengyin/token",
                                dir.resolve("token").toString()));
        var result = PrometheusTools.run(dir, List.of(promtool.toString(), "check", "config", "prometheus.yml"));
        assertThat(result.exitStatus()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 1 rule files found");
    }
}
