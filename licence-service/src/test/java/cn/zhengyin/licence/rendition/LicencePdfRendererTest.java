package cn.zhengyin.licence.rendition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.licence.licencetype.LicenceType;
import cn.zhengyin.licence.licencetype.LicenceTypeFixture;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LicencePdfRendererTest {

    private static final Instant RENDERED_AT = Instant.parse("2024-05-20T02:30:00Z");
    private static LicencePdfRenderer renderer;
    private static LicenceType businessLicence;

    @BeforeAll
    static void setUp() {
        renderer = new LicencePdfRenderer();
        businessLicence = LicenceTypeFixture.businessLicence();
    }

    private static RenderContext contextFor(LicenceType type) {
        LicenceIdentifier id = LicenceIdentifier.first(
                type.typeCode(), type.sample().issuerCode(), type.sample().serial());
        return new RenderContext(id, "https://zhengyin.example.cn/v/" + id, RENDERED_AT);
    }

    private static byte[] renderSample(LicenceType type) {
        return renderer.render(type, type.sample().fieldValuesAsText(), contextFor(type));
    }

    @Test
    void rendersTheSampleAsOneLandscapePageWithDocumentInformation() throws IOException {
        byte[] pdf = renderSample(businessLicence);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "business-licence-sample.pdf"), pdf);

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            assertThat(doc.getPage(0).getMediaBox().getWidth())
                    .isCloseTo(841.89f, org.assertj.core.data.Offset.offset(0.1f));
            assertThat(doc.getPage(0).getMediaBox().getHeight())
                    .isCloseTo(595.28f, org.assertj.core.data.Offset.offset(0.1f));
            assertThat(doc.getDocumentInformation().getTitle())
                    .startsWith("营业执照 1.2.156.3005.2.11100000XF0000001X001.");
            assertThat(doc.getDocumentInformation().getCreator()).isEqualTo("Zhengyin");
            assertThat(doc.getDocumentInformation().getProducer()).contains("Zhengyin");
            assertThat(doc.getDocumentInformation().getCreationDate().toInstant())
                    .isEqualTo(RENDERED_AT);
        }
    }

    @Test
    void rendersDeterministically() {
        assertThat(renderSample(businessLicence)).isEqualTo(renderSample(businessLicence));
    }

    @Test
    void differentValuesGiveADifferentDocument() {
        Map<String, String> values = new HashMap<>(businessLicence.sample().fieldValuesAsText());
        values.put("legalRepresentative", "王建国");
        assertThat(renderer.render(businessLicence, values, contextFor(businessLicence)))
                .isNotEqualTo(renderSample(businessLicence));
    }

    @Test
    void embedsTheCjkFontAsASubset() throws Exception {
        Path pdf = writeSample();
        String fonts = run("pdffonts", pdf.toString());

        List<String> rows =
                fonts.lines().filter(l -> l.contains("BousungEG-Light-GB")).toList();
        assertThat(rows).as(fonts).singleElement().satisfies(row -> {
            assertThat(row)
                    .matches("[A-Z]{6}\\+BousungEG-Light-GB\\s+CID TrueType\\s+Identity-H\\s+yes\\s+yes\\s+yes.*");
        });
        assertThat(Files.size(pdf)).as("subset keeps the file small").isLessThan(120_000);
    }

    @Test
    void printsTheFieldValuesAsExtractableChineseText() throws Exception {
        String text =
                run("pdftotext", "-enc", "UTF-8", writeSample().toString(), "-").replaceAll("\\s+", "");

        assertThat(text)
                .contains(
                        "营",
                        "业",
                        "执",
                        "照",
                        "统一社会信用代码",
                        "91990100MA00XF8K1E",
                        "示范市青禾数字科技有限公司",
                        "有限责任公司（自然人投资或控股）",
                        "林晓峰",
                        "人民币500万元",
                        "2019年03月12日至长期",
                        "示范市青禾区科创大道88号2号楼1203室",
                        "证印示范市市场监督管理局",
                        "2024年05月20日",
                        "软件开发",
                        "凭营业执照依法自主开展经营活动",
                        "1.2.156.3005.2.11100000XF0000001X001");
    }

    @Test
    void wrapsTheLongBusinessScopeOverSeveralLinesWithinItsWidth() throws Exception {
        String text = run("pdftotext", "-layout", "-enc", "UTF-8", writeSample().toString(), "-");
        long scopeLines = text.lines()
                .filter(l -> l.contains("技术") || l.contains("软件") || l.contains("咨询") || l.contains("经营活动"))
                .count();
        assertThat(scopeLines).isGreaterThanOrEqualTo(4);
    }

    @Test
    void encodesTheVerificationUrlInTheQrCode() throws Exception {
        RenderContext ctx = contextFor(businessLicence);
        byte[] pdf = renderer.render(businessLicence, businessLicence.sample().fieldValuesAsText(), ctx);
        BufferedImage image;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            image = new PDFRenderer(doc).renderImageWithDPI(0, 150);
        }
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        var result = new QRCodeReader()
                .decode(new BinaryBitmap(
                        new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))));
        assertThat(result.getText()).isEqualTo(ctx.verificationUrl());
    }

    @Test
    void exposesTheSealSquareInPdfPoints() {
        Rectangle seal = renderer.sealRectangle(businessLicence);
        // layout: centre (234, 168) mm, diameter 42 mm on a 297 x 210 mm page
        float k = 72f / 25.4f;
        assertThat(seal.width()).isCloseTo(42 * k, org.assertj.core.data.Offset.offset(0.01f));
        assertThat(seal.height()).isEqualTo(seal.width());
        assertThat(seal.lowerLeftX()).isCloseTo(213 * k, org.assertj.core.data.Offset.offset(0.01f));
        assertThat(seal.lowerLeftY()).isCloseTo((210 - 189) * k, org.assertj.core.data.Offset.offset(0.01f));
    }

    @Test
    void rejectsCharactersNoBundledFontHasNamingTheCodePoint() {
        Map<String, String> values = new HashMap<>(businessLicence.sample().fieldValuesAsText());
        values.put("legalRepresentative", "林\uD880\uDC00峰"); // U+30000, CJK Extension G: not in GB 18030-2022

        assertThatThrownBy(() -> renderer.render(businessLicence, values, contextFor(businessLicence)))
                .isInstanceOf(LicenceRenderingException.class)
                .hasMessageContaining("U+30000");
    }

    @Test
    void printsRareCharactersGlyphByGlyphWithEmbeddedFallbackFaces() throws Exception {
        Map<String, String> values = new HashMap<>(businessLicence.sample().fieldValuesAsText());
        values.put("name", "𪚥䶮堃龍鿫数字科技有限公司");
        values.put("legalRepresentative", "林𠀀峰");
        Path dir = Files.createDirectories(Path.of("target", "render-test"));
        Path pdf = dir.resolve("business-licence-rare-characters.pdf");
        Files.write(pdf, renderer.render(businessLicence, values, contextFor(businessLicence)));

        String text = run("pdftotext", "-enc", "UTF-8", pdf.toString(), "-").replaceAll("\\s+", "");
        assertThat(text).contains("𪚥䶮堃龍鿫数字科技有限公司", "林𠀀峰", "统一社会信用代码");

        String fonts = run("pdffonts", pdf.toString());
        List<String> rows = fonts.lines().skip(2).toList();
        assertThat(rows)
                .as(fonts)
                .hasSize(4)
                .allSatisfy(row -> assertThat(row)
                        .matches("[A-Z]{6}\\+\\S+\\s+CID TrueType\\s+Identity-H\\s+yes\\s+yes\\s+yes.*"));
        assertThat(fonts).contains("+BousungEG-Light-GB", "+HanaMinA", "+HanaMinB", "+BabelStoneHan");
        assertThat(Files.size(pdf)).as("subsets keep the file small").isLessThan(160_000);
    }

    @Test
    void aLicenceInGb2312EmbedsTheSongFaceOnly() throws Exception {
        String fonts = run("pdffonts", writeSample().toString());
        assertThat(fonts.lines().skip(2)).singleElement().asString().contains("+BousungEG-Light-GB");
    }

    @Test
    void concurrentRendersGiveTheSameBytesAsASingleRender() throws Exception {
        byte[] expected = renderSample(businessLicence);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<byte[]>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> renderSample(businessLicence)));
            }
            for (var result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void measuresOneRender() throws Exception {
        long parseStart = System.nanoTime();
        try (var ttf = new org.apache.fontbox.ttf.TTFParser()
                .parse(new org.apache.pdfbox.io.RandomAccessReadBuffer(cn.zhengyin.trust.font.CjkFonts.songTi()))) {
            System.out.printf(
                    "LicencePdfRenderer: font copy + parse %.1f ms%n", (System.nanoTime() - parseStart) / 1e6);
        }
        for (int i = 0; i < 5; i++) {
            renderSample(businessLicence);
        }
        int n = 20;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            renderSample(businessLicence);
        }
        double ms = (System.nanoTime() - start) / 1e6 / n;
        System.out.printf("LicencePdfRenderer: %.1f ms per business-licence render (warm, 1 thread)%n", ms);
        assertThat(ms).isPositive();
    }

    private Path writeSample() throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "render-test"));
        Path pdf = dir.resolve("business-licence-sample.pdf");
        Files.write(pdf, renderSample(businessLicence));
        return pdf;
    }

    private static String run(String... command) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin", command[0])), command[0] + " not installed");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
