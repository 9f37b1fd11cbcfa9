package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.licence.architecture.cycle.LicenceCycleFixtureApplication;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The licence service's application modules (one top-level package per feature, its API at the top, adapters in
 * {@code internal}) are verified by Spring Modulith: no cycles between modules, and no module reaching into another's
 * internals except through a named interface. The module diagrams in docs/architecture/licence-service are generated
 * from the same model and must match it; {@code -Dzhengyin.docs.regenerate=true} rewrites them.
 */
class ModularityTests {
    static final ApplicationModules MODULES = ApplicationModules.of(LicenceServiceApplication.class);
    private static final Path DIAGRAMS = Path.of("../docs/architecture/licence-service");

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersApi() {
        MODULES.verify();
    }

    @Test
    void theFeaturesAreTheModules() {
        assertThat(MODULES.stream().map(m -> m.getIdentifier().toString()))
                .contains(
                        "authority",
                        "config",
                        "fieldreuse",
                        "issuance",
                        "lifecycle",
                        "monitoring",
                        "registry",
                        "rendition",
                        "sealing",
                        "share",
                        "tokens",
                        "statistics",
                        "transparency",
                        "verification",
                        "wallet");
    }

    /** The verification is not vacuous: a fixture with two packages that use each other is refused. */
    @Test
    void aCycleBetweenModulesIsReported() {
        ApplicationModules fixture =
                ApplicationModules.of(LicenceCycleFixtureApplication.class, ImportOption.Predefined.ONLY_INCLUDE_TESTS);
        assertThatThrownBy(fixture::verify)
                .hasMessageContaining("Cycle detected")
                .hasMessageContaining("orders")
                .hasMessageContaining("invoices");
    }

    @Test
    void theCommittedModuleDiagramsAreTheGeneratedOnes() throws IOException {
        Path generated = Path.of("target/modulith-docs");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(generated.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();
        List<Path> diagrams = pumlFiles(generated);
        assertThat(diagrams).isNotEmpty();
        if (Boolean.getBoolean("zhengyin.docs.regenerate")) {
            Files.createDirectories(DIAGRAMS);
            for (Path stale : pumlFiles(DIAGRAMS)) {
                Files.delete(stale);
            }
            for (Path diagram : diagrams) {
                Files.copy(diagram, DIAGRAMS.resolve(diagram.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        assertThat(pumlFiles(DIAGRAMS).stream().map(p -> p.getFileName().toString()))
                .as("docs/architecture/licence-service (regenerate with -Dzhengyin.docs.regenerate=true)")
                .containsExactlyInAnyOrderElementsOf(
                        diagrams.stream().map(p -> p.getFileName().toString()).toList());
        for (Path diagram : diagrams) {
            // The Documenter does not write the elements in a fixed order: compare the lines, not their order.
            assertThat(Files.readAllLines(DIAGRAMS.resolve(diagram.getFileName()), StandardCharsets.UTF_8))
                    .as(diagram.getFileName() + " is stale; regenerate with -Dzhengyin.docs.regenerate=true")
                    .containsExactlyInAnyOrderElementsOf(Files.readAllLines(diagram, StandardCharsets.UTF_8));
        }
    }

    private static List<Path> pumlFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".puml")).sorted().toList();
        }
    }
}
