package cn.zhengyin.licence.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.licence.architecture.clock.ReadsTheSystemClock;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The licence service reads time only from the injected {@link Clock} bean: nothing outside the composition root
 * ({@code cn.zhengyin.licence.config}, which makes that bean) asks the system clock directly, so tests can set the
 * time and every "today" is the same day.
 */
class ArchitectureRulesTest {
    static final String COMPOSITION_ROOT = "cn.zhengyin.licence.config..";

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.zhengyin.licence");

    private static final Set<Class<?>> DATE_TIMES =
            Set.of(Instant.class, LocalDate.class, LocalDateTime.class, ZonedDateTime.class, OffsetDateTime.class);

    /** {@code X.now()} and {@code X.now(ZoneId)} read the system clock; {@code X.now(Clock)} does not. */
    static final DescribedPredicate<JavaAccess<?>> READS_THE_SYSTEM_CLOCK =
            new DescribedPredicate<>(
                    "read the system clock (Instant/LocalDate/LocalDateTime/ZonedDateTime/OffsetDateTime.now(),"
                            + " System.currentTimeMillis(), new Date(), Clock.systemUTC()/systemDefaultZone()/system())") {
                @Override
                public boolean test(JavaAccess<?> access) {
                    String owner = access.getTargetOwner().getName();
                    String name = access.getName();
                    if (!(access.getTarget()
                            instanceof com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget target)) {
                        return false;
                    }
                    List<String> parameters = target.getRawParameterTypes().stream()
                            .map(t -> t.getName())
                            .toList();
                    boolean dateTime =
                            DATE_TIMES.stream().anyMatch(c -> c.getName().equals(owner));
                    if (dateTime && name.equals("now")) {
                        return !parameters.equals(List.of(Clock.class.getName()));
                    }
                    if (owner.equals(System.class.getName()) && name.equals("currentTimeMillis")) {
                        return true;
                    }
                    if (owner.equals(Date.class.getName()) && name.equals(JavaConstructor.CONSTRUCTOR_NAME)) {
                        return parameters.isEmpty();
                    }
                    return owner.equals(Clock.class.getName())
                            && Set.of("systemUTC", "systemDefaultZone", "system")
                                    .contains(name);
                }
            };

    static ArchRule clockRule() {
        return noClasses()
                .that()
                .resideOutsideOfPackage(COMPOSITION_ROOT)
                .should()
                .accessTargetWhere(READS_THE_SYSTEM_CLOCK)
                .because("time comes from the injected Clock bean (made in cn.zhengyin.licence.config)");
    }

    @Test
    void onlyTheCompositionRootReadsTheSystemClock() {
        clockRule().check(PRODUCTION);
    }

    /** The rule is not vacuous: a fixture that reads the system clock in five ways is reported five times. */
    @Test
    void aClockCallOutsideTheCompositionRootIsReported() {
        JavaClasses fixture = new ClassFileImporter().importClasses(ReadsTheSystemClock.class);
        EvaluationResult result = clockRule().evaluate(fixture);
        assertThat(result.hasViolation()).isTrue();
        List<String> violations = result.getFailureReport().getDetails();
        assertThat(violations)
                .hasSize(5)
                .anyMatch(v -> v.contains("Instant.now()"))
                .anyMatch(v -> v.contains("LocalDate.now(java.time.ZoneId)"))
                .anyMatch(v -> v.contains("System.currentTimeMillis()"))
                .anyMatch(v -> v.contains("Date.<init>()"))
                .anyMatch(v -> v.contains("Clock.systemUTC()"))
                .noneMatch(v -> v.contains("LocalDate.now(java.time.Clock)"));
    }
}
