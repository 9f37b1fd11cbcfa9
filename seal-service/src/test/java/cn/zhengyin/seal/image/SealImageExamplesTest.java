package cn.zhengyin.seal.image;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.font.CjkFonts;
import cn.zhengyin.trust.seal.SealType;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the example seals of docs/seal-images.md when asked; to regenerate the committed examples run (from the repository root)
 * {@code ./mvnw -q -o -pl seal-service -am test -Dtest=SealImageExamplesTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dseal.examples.dir=$PWD/docs/images/seals}.
 */
class SealImageExamplesTest {

    static Map<String, SealDesign> examples() {
        Map<String, SealDesign> examples = new LinkedHashMap<>();
        examples.put(
                "01-company-42mm",
                SealDesign.standard(SealType.ORGANISATION, "证印示范市智慧城市数字科技发展股份有限公司", null, null, null, null));
        examples.put(
                "01-company-short-42mm",
                SealDesign.standard(SealType.ORGANISATION, "证印科技有限公司", null, null, null, null));
        examples.put(
                "04-contract-40mm", SealDesign.standard(SealType.CONTRACT, "证印示范市建设工程有限公司", null, null, null, null));
        examples.put(
                "02-finance-40mm",
                SealDesign.standard(SealType.FINANCE, "证印示范市百货有限责任公司", null, "3301060012345", null, null));
        examples.put(
                "99-licence-40mm",
                SealDesign.standard(SealType.OTHER, "证印示范市市场监督管理局", "电子证照专用章", "3301000000001", null, null));
        examples.put("05-legal-representative-18mm", SealDesign.legalRepresentativeSeal("张三丰"));
        examples.put("05-legal-representative-2chars-18mm", SealDesign.legalRepresentativeSeal("李四"));
        examples.put(
                "05-legal-representative-10x20mm",
                SealDesign.standard(SealType.LEGAL_REPRESENTATIVE, "欧阳明", null, null, 10.0, 20.0));
        return examples;
    }

    /** A writer, not a check: runs (and counts) only when asked with -Dseal.examples.dir=… */
    @Test
    @EnabledIfSystemProperty(named = "seal.examples.dir", matches = ".+")
    void writesTheExampleSealsAsSvgAndPng() throws IOException {
        SealImageRenderer renderer = new SealImageRenderer(CjkFonts.songTi());
        Path dir = Path.of(System.getProperty("seal.examples.dir"));
        Files.createDirectories(dir);
        for (var e : examples().entrySet()) {
            SealArtwork artwork = renderer.layout(e.getValue());
            byte[] png = artwork.toPng(300);
            Files.write(dir.resolve(e.getKey() + ".png"), png);
            Files.write(dir.resolve(e.getKey() + ".svg"), artwork.toSvgBytes(SealImageRenderer.title(e.getValue())));
            assertThat(png).isNotEmpty();
        }
        Files.write(dir.resolve("contact-sheet.png"), contactSheet(renderer, 300));
        assertThat(Files.list(dir).filter(p -> p.toString().endsWith(".svg")).count())
                .isGreaterThanOrEqualTo(5);
    }

    /** All examples side by side on white, at their true relative sizes (for the docs and for looking at them). */
    static byte[] contactSheet(SealImageRenderer renderer, int dpi) throws IOException {
        var images = examples().values().stream()
                .map(d -> renderer.layout(d).toImage(dpi))
                .toList();
        int gap = 40;
        int width = images.stream().mapToInt(i -> i.getWidth() + gap).sum() + gap;
        int height = images.stream().mapToInt(BufferedImage::getHeight).max().orElse(0) + 2 * gap;
        BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int x = gap;
        for (BufferedImage image : images) {
            g.drawImage(image, x, (height - image.getHeight()) / 2, null);
            x += image.getWidth() + gap;
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(sheet, "png", out);
        return out.toByteArray();
    }
}
