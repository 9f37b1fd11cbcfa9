package cn.zhengyin.licence.rendition;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.licence.licencetype.FieldDefinition;
import cn.zhengyin.licence.licencetype.FieldType;
import cn.zhengyin.licence.licencetype.FieldValidator;
import cn.zhengyin.licence.licencetype.JsonLicenceTypeLoader;
import cn.zhengyin.licence.licencetype.LicenceType;
import cn.zhengyin.licence.licencetype.LicenceTypeFixture;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped template under {@code templates/}: its sample is valid, renders, and prints every sample value as
 * extractable text. The PDFs are left in {@code target/samples/<slug>.pdf}; with {@code -Dzhengyin.docs.regenerate=true}
 * {@code pdftoppm -png -r 60} of them rewrites the pictures in {@code docs/images/<slug>-sample.png}.
 */
class ShippedLicenceTypesTest {

    private static final Instant RENDERED_AT = Instant.parse("2024-06-18T02:30:00Z");
    private static LicencePdfRenderer renderer;

    @BeforeAll
    static void setUp() {
        renderer = new LicencePdfRenderer();
    }

    static List<LicenceType> shippedTypes() {
        return new JsonLicenceTypeLoader().loadAll(LicenceTypeFixture.templatesRoot());
    }

    @Test
    void shipsTheFourLicenceTypesWithDistinctCodes() {
        Map<String, String> codes =
                shippedTypes().stream().collect(Collectors.toMap(LicenceType::slug, LicenceType::typeCode));
        assertThat(codes)
                .containsOnlyKeys(
                        "business-licence",
                        "food-business-licence",
                        "forest-right-certificate",
                        "physician-certificate");
        assertThat(Set.copyOf(codes.values())).hasSize(4);
    }

    static List<String> slugs() {
        return shippedTypes().stream().map(LicenceType::slug).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("slugs")
    void rendersTheSampleWithEveryValueAsExtractableText(String slug) throws Exception {
        LicenceType type = new JsonLicenceTypeLoader()
                .load(LicenceTypeFixture.templatesRoot().resolve(slug));
        assertThat(new FieldValidator().validate(type, type.sample().fieldValues()))
                .isEmpty();
        LicenceIdentifier id = LicenceIdentifier.first(
                type.typeCode(), type.sample().issuerCode(), type.sample().serial());
        byte[] pdf = renderer.render(
                type,
                type.sample().fieldValuesAsText(),
                new RenderContext(id, "https://zhengyin.example.cn/v/" + id, RENDERED_AT));
        Path file = Files.createDirectories(Path.of("target", "samples")).resolve(type.slug() + ".pdf");
        Files.write(file, pdf);
        if (Boolean.getBoolean("zhengyin.docs.regenerate")) {
            Process png = new ProcessBuilder(
                            "pdftoppm",
                            "-png",
                            "-r",
                            "60",
                            "-singlefile",
                            file.toString(),
                            Path.of("..", "docs", "images", slug + "-sample").toString())
                    .inheritIO()
                    .start();
            assertThat(png.waitFor()).as("pdftoppm " + slug).isZero();
        }

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
        }
        String text = pdftotext(file).replaceAll("\\s+", "");
        DateTimeFormatter dates = DateTimeFormatter.ofPattern(type.layout().dateFormat());
        for (Map.Entry<String, String> value : type.sample().fieldValuesAsText().entrySet()) {
            FieldDefinition field = type.field(value.getKey()).orElseThrow();
            String printed = field.type() == FieldType.DATE
                    ? LocalDate.parse(value.getValue()).format(dates)
                    : value.getValue();
            assertThat(text)
                    .as("%s: %s (%s)", type.slug(), field.key(), field.labelZh())
                    .contains(printed.replaceAll("\\s+", ""));
        }
        assertThat(text).contains(id.toString());
    }

    private static String pdftotext(Path pdf) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/pdftotext")), "pdftotext not installed");
        Process p = new ProcessBuilder("pdftotext", "-raw", "-enc", "UTF-8", pdf.toString(), "-")
                .redirectErrorStream(true)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }
}
