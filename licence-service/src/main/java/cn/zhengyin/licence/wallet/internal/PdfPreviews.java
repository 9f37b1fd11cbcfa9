package cn.zhengyin.licence.wallet.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * PNG previews of a licence PDF's first page, rendered with PDFBox and cached by version identifier (versions never
 * change), at most {@value #CACHED} of them.
 */
public final class PdfPreviews {
    static final int CACHED = 64;
    static final float DPI = 110;
    static final float THUMBNAIL_DPI = 20;
    static final int THUMBNAILS_CACHED = 1024;
    private final Map<String, byte[]> thumbnails = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > THUMBNAILS_CACHED;
        }
    });
    private final Map<String, byte[]> cache = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > CACHED;
        }
    });

    public byte[] firstPage(String identifier, Supplier<byte[]> pdf) {
        byte[] cached = cache.get(identifier);
        if (cached != null) {
            return cached;
        }
        byte[] png = render(pdf.get(), DPI);
        cache.put(identifier, png);
        return png;
    }

    /** A small picture of page 1 for the wallet's cards (about 160 × 230 px for A4), rendered once per version. */
    public byte[] thumbnail(String identifier, Supplier<byte[]> pdf) {
        byte[] cached = thumbnails.get(identifier);
        if (cached != null) {
            return cached;
        }
        byte[] png = render(pdf.get(), THUMBNAIL_DPI);
        thumbnails.put(identifier, png);
        return png;
    }

    static byte[] render(byte[] pdf, float dpi) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, dpi, ImageType.RGB);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the licence PDF", e);
        }
    }
}
