package cn.zhengyin.seal.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;

/**
 * The two rules the seal service's structure rests on fail when broken: Spring Modulith's verification on a cycle
 * between modules, the clock rule on an {@code Instant.now()} outside the composition root (fixture
 * {@code cn.zhengyin.fixture.brokenmodules}, test classes only).
 */
class ArchitectureRulesCatchViolationsTest {
    static final String FIXTURE = "cn.zhengyin.fixture.brokenmodules";

    @Test
    void modulithVerificationFailsOnACycleBetweenModules() {
        // the fixture lives in test classes, which ApplicationModules leaves out by default
        ApplicationModules modules = ApplicationModules.of(FIXTURE, location -> true);
        assertThat(modules.stream().map(m -> m.getIdentifier().toString())).contains("stamping", "ledger");

        assertThatThrownBy(modules::verify)
                .isInstanceOf(Violations.class)
                .hasMessageContaining("Cycle detected")
                .hasMessageContaining("stamping")
                .hasMessageContaining("ledger");
    }

    @Test
    void theClockRuleFailsOnInstantNowOutsideTheCompositionRootOnly() {
        JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURE);

        assertThatThrownBy(() -> SealServiceArchitectureTest.timeComesFromTheInjectedClock(FIXTURE + ".config..")
                        .check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("StampLedger.add")
                .hasMessageContaining("Instant.now()")
                .hasMessageNotContaining("FixtureClock");
    }
}
