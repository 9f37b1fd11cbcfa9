package cn.zhengyin.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The seal service's features are Spring Modulith application modules: one top-level package each, other features may
 * use only its top-level package (its API), no cycles between them. The composition root {@code config} wires them and
 * no feature imports it. The module diagrams in {@code docs/architecture/seal-service} are generated from the same
 * model and must match it; {@code -Dzhengyin.docs.regenerate=true} rewrites them.
 */
class ModularityTests {
    static final ApplicationModules MODULES = ApplicationModules.of(SealServiceApplication.class);
    static final Path DOCS = Path.of("..", "docs", "architecture", "seal-service");

    @Test
    void featuresAreModulesWithoutCyclesThatUseOnlyEachOthersApi() {
        MODULES.verify();
    }

    @Test
    void theFeaturesAreTheExpectedModules() {
        assertThat(MODULES.stream().map(m -> m.getIdentifier().toString()))
                .containsExactlyInAnyOrder(
                        "authorisation",
                        "ca",
                        "config",
                        "console",
                        "image",
                        "lifecycle",
                        "monitoring",
                        "premade",
                        "sealing",
                        "signing",
                        "timestamp");
    }

    @Test
    void noFeatureDependsOnTheCompositionRoot() {
        var config = MODULES.getModuleByName("config").orElseThrow();
        MODULES.stream()
                .filter(m -> !m.equals(config))
                .forEach(m -> assertThat(m.getAllDependencies(MODULES).contains(config))
                        .as("%s depends on the composition root", m.getIdentifier())
                        .isFalse());
    }

    @Test
    void theCommittedModuleDiagramsMatchTheCode() throws IOException {
        Path generated = Path.of("target", "spring-modulith-docs", "seal-service");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(generated.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();
        Map<String, String> fresh = plantUml(generated);
        assertThat(fresh).isNotEmpty();
        if (Boolean.getBoolean("zhengyin.docs.regenerate")) {
            Files.createDirectories(DOCS);
            try (Stream<Path> old = Files.list(DOCS)) {
                for (Path p : old.filter(f -> f.toString().endsWith(".puml")).toList()) {
                    Files.delete(p);
                }
            }
            for (var e : fresh.entrySet()) {
                Files.writeString(DOCS.resolve(e.getKey()), e.getValue());
            }
        }
        // the Documenter writes the relations in no fixed order: compare the sorted lines
        assertThat(sortedLines(plantUml(DOCS)))
                .as("docs/architecture/seal-service is stale; regenerate with"
                        + " ./mvnw -pl seal-service -am verify -Dtest=ModularityTests -Dzhengyin.docs.regenerate=true"
                        + " -Dsurefire.failIfNoSpecifiedTests=false")
                .isEqualTo(sortedLines(fresh));
    }

    private static Map<String, String> sortedLines(Map<String, String> files) {
        Map<String, String> sorted = new TreeMap<>();
        files.forEach((name, text) -> sorted.put(name, text.lines().sorted().collect(Collectors.joining("\n"))));
        return sorted;
    }

    private static Map<String, String> plantUml(Path folder) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : list.filter(f -> f.toString().endsWith(".puml")).toList()) {
                files.put(p.getFileName().toString(), Files.readString(p).replace("\r\n", "\n"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
