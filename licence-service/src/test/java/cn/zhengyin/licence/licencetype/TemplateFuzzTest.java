package cn.zhengyin.licence.licencetype;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.fuzz.Bounded;
import cn.zhengyin.trust.fuzz.ReplaysCommittedCorpus;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Hostile-input fuzzing of licence types as data. {@link JsonLicenceTypeLoader#load(Path)} returns a type or throws
 * {@link InvalidLicenceTypeException}; {@link FieldValidator#validate} returns violations and never throws; both in
 * bounded time. A normal test run replays, without Jazzer ({@link ReplaysCommittedCorpus}),
 * src/test/resources/cn/zhengyin/licence/licencetype/TemplateFuzzTestInputs; {@code JAZZER_FUZZ=1} fuzzes
 * (docs/fuzzing.md).
 */
class TemplateFuzzTest implements ReplaysCommittedCorpus {
    /** The first input byte picks the file (modulo 4) that the rest of the input replaces. */
    static final List<String> FILES = List.of(
            JsonLicenceTypeLoader.TYPE_FILE,
            JsonLicenceTypeLoader.FIELDS_FILE,
            JsonLicenceTypeLoader.LAYOUT_FILE,
            JsonLicenceTypeLoader.SAMPLE_FILE);

    private static final JsonLicenceTypeLoader LOADER = new JsonLicenceTypeLoader();
    private static final FieldValidator VALIDATOR = new FieldValidator();
    private static final List<LicenceType> SHIPPED = LOADER.loadAll(LicenceTypeFixture.templatesRoot());
    private static final Path FOLDER = copyOfBusinessLicence();

    private static Path copyOfBusinessLicence() {
        try {
            Path folder = Files.createTempDirectory("template-fuzz").resolve("business-licence");
            Files.createDirectories(folder);
            for (String file : FILES) {
                Files.copy(
                        LicenceTypeFixture.templatesRoot()
                                .resolve("business-licence")
                                .resolve(file),
                        folder.resolve(file));
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = ".+")
    @FuzzTest(maxDuration = "60s")
    void loadingAFuzzedTemplateFileYieldsATypeOrListsItsProblems(@NotNull @WithLength(max = 16 * 1024) byte[] input)
            throws IOException {
        if (input.length == 0) {
            return;
        }
        Path file = FOLDER.resolve(FILES.get(Byte.toUnsignedInt(input[0]) % FILES.size()));
        byte[] original = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOfRange(input, 1, input.length));
        try {
            Bounded.run(() -> {
                try {
                    LicenceType type = LOADER.load(FOLDER);
                    assertThat(type.fields()).isNotEmpty();
                    assertThat(VALIDATOR.validate(type, type.sample().fieldValues()))
                            .isNotNull();
                } catch (InvalidLicenceTypeException rejected) {
                    assertThat(rejected.problems()).isNotEmpty();
                }
            });
        } finally {
            Files.write(file, original);
        }
    }

    /**
     * Input lines {@code key=value}; a value {@code #…} is offered as a number and {@code @…} as a date when it parses
     * as one, otherwise as the text.
     */
    @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = ".+")
    @FuzzTest(maxDuration = "60s")
    void validatingFuzzedFieldValuesListsViolationsAndNeverThrows(@NotNull @WithLength(max = 8 * 1024) byte[] input) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String line : new String(input, StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (eq >= 0) {
                values.put(line.substring(0, eq), value(line.substring(eq + 1)));
            }
        }
        Bounded.run(() -> {
            for (LicenceType type : SHIPPED) {
                assertThat(VALIDATOR.validate(type, values))
                        .allSatisfy(v -> assertThat(v.message()).isNotBlank());
            }
        });
    }

    private static Object value(String text) {
        try {
            if (text.startsWith("#")) {
                return new BigDecimal(text.substring(1));
            }
            if (text.startsWith("@")) {
                return LocalDate.parse(text.substring(1));
            }
        } catch (RuntimeException notANumberOrDate) {
            return text;
        }
        return text;
    }
}
