package cn.zhengyin.seal.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import org.junit.jupiter.api.Test;

/**
 * The seal service reads time only through the injected {@link Clock} (STYLE.md §9): no {@code now()} without a clock,
 * no {@code System.currentTimeMillis()}, no {@code new Date()}, and the system clock is made once, in the composition
 * root {@code cn.zhengyin.seal.config}. Service-kit, which the service runs on, is held to the same rule.
 */
class SealServiceArchitectureTest {
    static final String COMPOSITION_ROOT = "cn.zhengyin.seal.config..";

    /**
     * The rule, for the classes outside {@code compositionRoot} (a package pattern). Time may be read from a
     * {@code Clock} ({@code Instant.now(clock)}); the zero-argument {@code now()}, the JVM's clocks and
     * {@code new Date()} are refused.
     */
    static ArchRule timeComesFromTheInjectedClock(String compositionRoot) {
        return noClasses()
                .that()
                .resideOutsideOfPackage(compositionRoot)
                .should()
                .callMethod(Instant.class, "now")
                .orShould()
                .callMethod(LocalDate.class, "now")
                .orShould()
                .callMethod(LocalDateTime.class, "now")
                .orShould()
                .callMethod(ZonedDateTime.class, "now")
                .orShould()
                .callMethod(OffsetDateTime.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callConstructor(Date.class)
                .orShould()
                .callMethod(Clock.class, "systemUTC")
                .orShould()
                .callMethod(Clock.class, "systemDefaultZone")
                .because("time is injected as a java.time.Clock made once in the composition root (STYLE.md §9)");
    }

    @Test
    void sealServiceAndServiceKitReadTimeOnlyFromTheInjectedClock() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // nor service-kit's test jar (its test application makes a system clock like a composition root)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("cn.zhengyin.seal", "cn.zhengyin.service");
        timeComesFromTheInjectedClock(COMPOSITION_ROOT).check(classes);
    }
}
