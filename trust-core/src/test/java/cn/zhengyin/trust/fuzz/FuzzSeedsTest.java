package cn.zhengyin.trust.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes seed inputs for the fuzz tests into src/test/resources (run once by hand with
 * {@code -Dzhengyin.fuzz.write-seeds=true -Dtest=FuzzSeedsTest}); skipped in a normal run.
 */
@EnabledIfSystemProperty(named = "zhengyin.fuzz.write-seeds", matches = "true")
public class FuzzSeedsTest {

    /** Writes each named input under {@code src/test/resources/<package>/<Class>Inputs/<method>/}. */
    public static void write(Class<?> fuzzTest, String method, Map<String, byte[]> inputs) throws IOException {
        Path dir = Path.of(
                "src",
                "test",
                "resources",
                fuzzTest.getPackageName().replace('.', '/'),
                fuzzTest.getSimpleName() + "Inputs",
                method);
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> input : inputs.entrySet()) {
            Files.write(dir.resolve(input.getKey()), input.getValue());
        }
    }

    @Test
    void seedsAreWritten() throws Exception {
        cn.zhengyin.trust.ses.SesFuzzSeeds.write();
        cn.zhengyin.trust.xml.XmlFuzzSeeds.write();
        assertThat(Path.of("src", "test", "resources", "cn")).isDirectory();
    }
}
