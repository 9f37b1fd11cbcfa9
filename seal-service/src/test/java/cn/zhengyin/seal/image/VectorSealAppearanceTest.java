package cn.zhengyin.seal.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import cn.zhengyin.trust.font.FontChain;
import cn.zhengyin.trust.ofd.OfdStampPicture;
import cn.zhengyin.trust.pdf.PadesPreparer;
import cn.zhengyin.trust.pdf.SignatureRequest;
import cn.zhengyin.trust.pdf.VisibleAppearance;
import cn.zhengyin.trust.seal.SealImpression;
import cn.zhengyin.trust.testing.TestPdfs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #18 (size): the visible seal drawn as PDF paths from the shape model looks the same as the 600 dpi PNG it
 * replaces. Both appearances go through {@link PadesPreparer} onto the same A4 page at a licence's seal square (40 mm),
 * poppler's {@code pdftoppm -r 300} renders the seal area of each, and the two renderings are compared pixel by pixel.
 * Tolerance: the amount of ink (sum over pixels of 255 − value, all channels) within 2 % — the strokes are neither
 * thicker nor thinner —, mean absolute difference per channel at most 4 (of 255), and at most 4 % of the pixels
 * differing by more than 64 in any channel: only edge pixels differ, because the PNG is itself a rasterisation (600
 * dpi, resampled to 300 by poppler) while the paths are anti-aliased directly (measured: mean 2.8, 2.5 %, ink +0.6 %).
 * The seal's vector OFD picture (the SESeal's) reads back to the same drawing. With
 * {@code -Dzhengyin.docs.regenerate=true} the renderings are written to {@code docs/images/seal-appearance-*.png}.
 */
class VectorSealAppearanceTest {

    private static final float MM = 72f / 25.4f;
    private static final int DPI = 300;

    private static SealArtwork artwork;

    @BeforeAll
    static void drawTheDevSeal() {
        SealImageRenderer renderer = new SealImageRenderer(FontChain.cjk());
        artwork = renderer.layout(SealDesign.specialPurposeSeal("证印示范市市场监督管理局", "电子证照专用章", ""));
    }

    @Test
    void theVectorAppearanceLooksLikeThePngAt300DpiAndIsAFractionOfItsSize(@TempDir Path dir) throws Exception {
        assumeThat(Path.of("/usr/bin/pdftoppm")).as("poppler-utils").exists();
        byte[] page = blankA4();
        float x = 120 * MM;
        float y = 40 * MM;
        float side = 40 * MM;
        byte[] png = artwork.toPng(600);
        SealImpression vector = artwork.toImpression();
        byte[] withImage = prepare(page, new VisibleAppearance(0, x, y, side, side, png));
        byte[] withPaths = prepare(page, VisibleAppearance.vector(0, x, y, side, side, vector));

        BufferedImage before = render(withImage, dir.resolve("image.pdf"), x, y, side);
        BufferedImage after = render(withPaths, dir.resolve("paths.pdf"), x, y, side);
        Difference d = Difference.of(before, after);
        System.out.println("seal appearance at 300 dpi, PNG vs paths: " + d + "; PDF bytes: blank " + page.length
                + ", with PNG " + withImage.length + ", with paths " + withPaths.length);
        if (Boolean.getBoolean("zhengyin.docs.regenerate")) {
            Path images = Path.of("..", "docs", "images");
            ImageIO.write(
                    before,
                    "png",
                    images.resolve("seal-appearance-png-300dpi.png").toFile());
            ImageIO.write(
                    after,
                    "png",
                    images.resolve("seal-appearance-vector-300dpi.png").toFile());
            ImageIO.write(
                    d.map(),
                    "png",
                    images.resolve("seal-appearance-difference.png").toFile());
        }
        assertLooksLikeThePng(d, "paths");
        // the PNG appearance adds the 600 dpi image (over 100 KB); the paths about 18 KB (Song glyph outlines);
        // both files also hold the 8 KB placeholder for the CMS, hex: 16 KB
        assertThat(withPaths.length - page.length - 2 * 8192)
                .as("bytes the vector seal adds")
                .isLessThan(25_000);
        assertThat(withImage.length - withPaths.length).as("bytes saved").isGreaterThan(80_000);
    }

    /**
     * The seal's characters as text in the page's own Song subset (the licence renderer adds them to it): the same
     * limits against the PNG as the paths, the font is the page's (a reference, not a second copy), and the seal adds
     * a fraction of what its outlines add. The impression is the one read back from the SESeal's OFD picture, as the
     * licence service reads it.
     */
    @Test
    void theCharactersAsTextInThePagesFontLookLikeThePngAt300Dpi(@TempDir Path dir) throws Exception {
        assumeThat(Path.of("/usr/bin/pdftoppm")).as("poppler-utils").exists();
        SealImpression vector = OfdStampPicture.read(OfdStampPicture.write(artwork.toImpression()))
                .orElseThrow();
        assertThat(vector.parts().stream().filter(p -> p.glyph().isPresent()))
                .as("every character of the seal is a glyph")
                .hasSize("证印示范市市场监督管理局电子证照专用章".length());
        // a page in the Song face whose subset also holds the seal's characters, as the licence renderer leaves it
        byte[] page = TestPdfs.onePageInSong(
                "营业执照",
                vector.parts().stream().flatMap(p -> p.glyph().stream()).mapToInt(SealImpression.Glyph::codePoint));
        float x = 120 * MM;
        float y = 40 * MM;
        float side = 40 * MM;
        byte[] withImage = prepare(page, new VisibleAppearance(0, x, y, side, side, artwork.toPng(600)));
        byte[] withPaths = prepare(blankA4(), VisibleAppearance.vector(0, x, y, side, side, vector));
        byte[] withText = prepare(page, VisibleAppearance.vector(0, x, y, side, side, vector));

        Difference d = Difference.of(
                render(withImage, dir.resolve("image.pdf"), x, y, side),
                render(withText, dir.resolve("text.pdf"), x, y, side));
        System.out.println("seal appearance at 300 dpi, PNG vs text: " + d + "; PDF bytes: page " + page.length
                + ", with text " + withText.length + "; paths on a blank page add "
                + (withPaths.length - blankA4().length));
        assertLooksLikeThePng(d, "text");
        try (PDDocument signed = Loader.loadPDF(withText)) {
            PDResources pageResources = signed.getPage(0).getResources();
            COSBase pageFont = pageResources
                    .getCOSObject()
                    .getCOSDictionary(COSName.FONT)
                    .getItem(pageResources.getFontNames().iterator().next());
            PDResources seal = signed.getSignatureFields()
                    .getFirst()
                    .getWidgets()
                    .getFirst()
                    .getAppearance()
                    .getNormalAppearance()
                    .getAppearanceStream()
                    .getResources();
            COSBase sealFont =
                    seal.getCOSObject().getCOSDictionary(COSName.FONT).getItem("SealF1");
            assertThat(sealFont).as("the page's font object, referenced").isInstanceOf(COSObject.class);
            assertThat(((COSObject) sealFont).getKey()).isEqualTo(((COSObject) pageFont).getKey());
        }
        // the outlines add ~16 KB; as text the seal adds the rim, the star and 19 short text operations
        assertThat(withText.length - page.length - 2 * 8192)
                .as("bytes the seal as text adds")
                .isLessThan(3_000);
    }

    /** The limits of "looks the same at 300 dpi" against the PNG appearance, for the paths and for the text. */
    private static void assertLooksLikeThePng(Difference d, String drawnAs) {
        assertThat(d.inkPixels()).as("the seal was drawn in both").isGreaterThan(30_000);
        assertThat(d.inkRatio())
                .as("ink of the " + drawnAs + " / ink of the PNG " + d)
                .isBetween(0.98, 1.02);
        assertThat(d.meanAbsolute())
                .as("mean absolute difference per channel " + d)
                .isLessThanOrEqualTo(4.0);
        assertThat(d.shareOver64())
                .as("share of pixels differing by more than 64 " + d)
                .isLessThanOrEqualTo(0.04);
    }

    @Test
    void theSesealsVectorPictureReadsBackToTheSameDrawing() {
        SealImpression vector = artwork.toImpression();
        byte[] ofd = OfdStampPicture.write(vector);
        System.out.println("SESeal OFD picture bytes: " + ofd.length);
        // 14.3 KB as paths; 6.6 KB with the characters as text in a subset of their glyphs
        assertThat(ofd.length).as("OFD picture bytes").isLessThan(8_000);
        SealImpression back = OfdStampPicture.read(ofd).orElseThrow();
        assertThat(back.widthMm()).isEqualTo(vector.widthMm());
        assertThat(back.rgb()).isEqualTo(SealImageRenderer.SEAL_RED.getRGB() & 0xFFFFFF);
        assertThat(back.parts()).hasSameSizeAs(vector.parts());
        // coordinates are kept to 0.02 mm in the OFD and the PDF: the drawing is the same
        assertThat(back.fingerprint()).isEqualTo(vector.fingerprint());
        assertThat(OfdStampPicture.write(back)).isEqualTo(ofd);
    }

    private static byte[] blankA4() throws IOException {
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage(PDRectangle.A4));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static byte[] prepare(byte[] pdf, VisibleAppearance appearance) {
        return new PadesPreparer(1 << 24)
                .prepare(
                        pdf,
                        new SignatureRequest(
                                "test",
                                "size",
                                "",
                                Instant.parse("2026-12-06T00:00:00Z"),
                                Optional.of(appearance),
                                8192))
                .preparedPdf();
    }

    /** The seal area (with 1 mm around it) of page 1 at 300 dpi, by poppler's pdftoppm. */
    private static BufferedImage render(byte[] pdf, Path file, float x, float y, float side) throws Exception {
        Files.write(file, pdf);
        double px = DPI / 72.0;
        int margin = (int) Math.round(DPI / 25.4);
        int left = (int) Math.round(x * px) - margin;
        int top = (int) Math.round((PDRectangle.A4.getHeight() - y - side) * px) - margin;
        int size = (int) Math.round(side * px) + 2 * margin;
        Path prefix = file.resolveSibling(file.getFileName() + "-render");
        Process p = new ProcessBuilder(List.of(
                        "pdftoppm",
                        "-png",
                        "-r",
                        Integer.toString(DPI),
                        "-singlefile",
                        "-x",
                        Integer.toString(left),
                        "-y",
                        Integer.toString(top),
                        "-W",
                        Integer.toString(size),
                        "-H",
                        Integer.toString(size),
                        file.toString(),
                        prefix.toString()))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return ImageIO.read(Path.of(prefix + ".png").toFile());
    }

    /** Pixel differences of two renderings of the same size. */
    record Difference(double meanAbsolute, double shareOver64, int inkPixels, double inkRatio, BufferedImage map) {
        static Difference of(BufferedImage a, BufferedImage b) {
            assertThat(b.getWidth()).isEqualTo(a.getWidth());
            assertThat(b.getHeight()).isEqualTo(a.getHeight());
            long sum = 0;
            long inkA = 0;
            long inkB = 0;
            int over = 0;
            int ink = 0;
            BufferedImage map = new BufferedImage(a.getWidth(), a.getHeight(), BufferedImage.TYPE_INT_RGB);
            for (int yy = 0; yy < a.getHeight(); yy++) {
                for (int xx = 0; xx < a.getWidth(); xx++) {
                    int p = a.getRGB(xx, yy);
                    int q = b.getRGB(xx, yy);
                    int max = 0;
                    for (int shift = 0; shift <= 16; shift += 8) {
                        inkA += 255 - ((p >> shift) & 0xFF);
                        inkB += 255 - ((q >> shift) & 0xFF);
                        int diff = Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF));
                        sum += diff;
                        max = Math.max(max, diff);
                    }
                    if (max > 64) {
                        over++;
                    }
                    if ((p & 0xFFFFFF) != 0xFFFFFF) {
                        ink++;
                    }
                    int grey = 255 - max;
                    map.setRGB(xx, yy, grey << 16 | grey << 8 | grey);
                }
            }
            double pixels = (double) a.getWidth() * a.getHeight();
            return new Difference(sum / (3 * pixels), over / pixels, ink, inkB / (double) inkA, map);
        }

        @Override
        public String toString() {
            return String.format(
                    java.util.Locale.ROOT,
                    "mean %.3f, >64: %.4f %%, ink pixels %d, ink ratio %.4f",
                    meanAbsolute,
                    100 * shareOver64,
                    inkPixels,
                    inkRatio);
        }
    }
}
