package cn.zhengyin.trust.sealing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes docs/images/sealing/*.png from sealed PDFs (only with {@code -Dzhengyin.docs.regenerate=true}): each page
 * rendered by poppler's pdftoppm, laid side by side, and under them the right-hand edges of the pages put together —
 * where the cross-page seal's strips must join into the whole seal.
 */
final class SealingImages {
    private SealingImages() {}

    static final int DPI = 40;

    static Path docs() {
        Path here = Path.of("").toAbsolutePath();
        Path docs = here.resolve("docs");
        return Files.isDirectory(docs) ? docs : here.getParent().resolve("docs");
    }

    static void write(byte[] coSealed, byte[] byPosition, Path work) throws Exception {
        Path out = docs().resolve("images/sealing");
        Files.createDirectories(out);
        List<BufferedImage> pages = render(coSealed, work.resolve("co"));
        ImageIO.write(
                sideBySide(pages, 40 * DPI / 25.4 / 1.0),
                "png",
                out.resolve("pdf-keyword-and-cross-page.png").toFile());
        List<BufferedImage> positioned = render(byPosition, work.resolve("pos"));
        ImageIO.write(
                sideBySide(positioned, 0),
                "png",
                out.resolve("pdf-coordinates.png").toFile());
    }

    static List<BufferedImage> render(byte[] pdf, Path prefix) throws Exception {
        Path file = Path.of(prefix + ".pdf");
        Files.write(file, pdf);
        PdfDocumentSealerTest.run("pdftoppm", "-png", "-r", Integer.toString(DPI), file.toString(), prefix.toString());
        List<BufferedImage> pages = new ArrayList<>();
        File[] files = prefix.getParent()
                .toFile()
                .listFiles((d, n) -> n.startsWith(prefix.getFileName() + "-") && n.endsWith(".png"));
        java.util.Arrays.sort(files);
        for (File f : files) {
            pages.add(ImageIO.read(f));
        }
        return pages;
    }

    /**
     * The pages side by side with a gap; when {@code edgePixels} > 0, a second row joins the right-hand
     * {@code edgePixels / pages} of every page, which is where the strips of a cross-page seal are.
     */
    static BufferedImage sideBySide(List<BufferedImage> pages, double edgePixels) {
        int gap = 12;
        int width = gap;
        int height = 0;
        for (BufferedImage p : pages) {
            width += p.getWidth() + gap;
            height = Math.max(height, p.getHeight());
        }
        int strip = edgePixels > 0 ? (int) Math.ceil(edgePixels / pages.size()) : 0;
        int rowTwo = strip > 0 ? height + gap : 0;
        BufferedImage image = new BufferedImage(width, height + 2 * gap + rowTwo, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xdddddd));
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        int x = gap;
        for (BufferedImage p : pages) {
            g.drawImage(p, x, gap, null);
            x += p.getWidth() + gap;
        }
        if (strip > 0) {
            int sx = gap;
            for (BufferedImage p : pages) {
                g.drawImage(p.getSubimage(p.getWidth() - strip, 0, strip, p.getHeight()), sx, height + 2 * gap, null);
                sx += strip;
            }
        }
        g.dispose();
        return image;
    }
}
