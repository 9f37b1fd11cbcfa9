package cn.zhengyin.trust;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** trust-core is the plain-Java trust domain (STYLE.md §1): no Spring, no MongoDB, no servlet, no Jackson. */
class TrustCoreArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.zhengyin.trust");

    @Test
    void trustCoreKnowsNothingOfSpringMongoServletsOrJackson() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "com.mongodb..",
                        "org.bson..",
                        "jakarta.servlet..",
                        "com.fasterxml.jackson..",
                        "tools.jackson..")
                .check(CORE);
    }

    @Test
    void trustCoreNeverReadsTheClockItself() {
        noClasses()
                .should()
                .callMethod(java.time.Instant.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callConstructor(java.util.Date.class)
                .because("time is injected (java.time.Clock or an explicit Instant), STYLE.md §9")
                .check(CORE);
    }
}
