package cn.zhengyin.bench;

import cn.zhengyin.trust.SuppressForbidden;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Random;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The memory check of issue #8: a 100-page, ~20 MB PDF (each page one incompressible 256×256 RGB image), sealed
 * with Zhengyin's PAdES path, then verified with Zhengyin's PDF verifier while the heap is watched.
 *
 * <p>{@code write FILE}: makes and signs the file (signing time = now, dev keys). {@code measure FILE OUT_DIR}: in
 * this JVM, after a full GC, records the heap in use (baseline), resets the heap pools' peak counters, verifies the
 * file 3 times and reports: peak heap in use minus baseline (an upper bound of the extra heap: it includes garbage
 * not yet collected), bytes allocated per verification (ThreadMXBean), and the -Xmx this JVM ran with — run it
 * with {@code -Xmx256m}: completing at all proves the verification needs less than 256 MB besides the JVM's own.
 */
public final class LargePdf {
    private LargePdf() {}

    @SuppressForbidden // a measuring tool's entry point: signs with the machine's clock
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        if (args[0].equals("write")) {
            byte[] pdf = make(100);
            Clock now = Clock.systemUTC();
            byte[] signed = new Zhengyin(now).signPades(pdf);
            Files.write(file, signed);
            System.out.printf(Locale.ROOT, "wrote %s: %d bytes, 100 pages%n", file, signed.length);
        } else {
            measure(file, Path.of(args[2]));
        }
    }

    static byte[] make(int pages) throws IOException {
        Random random = new Random(20261121L);
        try (PDDocument document = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int p = 0; p < pages; p++) {
                BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 256; y++) {
                    for (int x = 0; x < 256; x++) {
                        image.setRGB(x, y, random.nextInt(1 << 24));
                    }
                }
                PDImageXObject xobject = LosslessFactory.createFromImage(document, image);
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.drawImage(xobject, 50, 300, 495, 495);
                }
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    @SuppressForbidden // a measuring tool: verifies at the machine's time
    static void measure(Path file, Path outDir) throws IOException {
        byte[] pdf = Files.readAllBytes(file);
        Zhengyin zhengyin = new Zhengyin(Clock.systemUTC());
        zhengyin.verifyPdf(Fixtures.issuedPdf()); // load classes
        System.gc();
        long baseline = heapUsed();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long started = System.nanoTime();
        DocumentVerificationReport report = null;
        for (int i = 0; i < 3; i++) {
            report = zhengyin.verifyPdf(pdf);
        }
        double msEach = (System.nanoTime() - started) / 3e6;
        long allocatedEach = (threads.getCurrentThreadAllocatedBytes() - allocatedBefore) / 3;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        long maxHeap = Runtime.getRuntime().maxMemory();
        String line = String.format(
                Locale.ROOT,
                "large PDF in-process\t%d\t%d\t%d\t%d\t%d\t%.0f\t%s%n",
                pdf.length,
                baseline,
                peak - baseline,
                allocatedEach,
                maxHeap,
                msEach,
                report.indication());
        Files.createDirectories(outDir);
        Files.writeString(
                outDir.resolve("memory.tsv"),
                "name\tfile_bytes\tbaseline_heap\tpeak_extra_heap\tallocated_per_verification\tmax_heap\tms_each\tindication\n"
                        + line,
                StandardCharsets.UTF_8);
        System.out.print(line);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
