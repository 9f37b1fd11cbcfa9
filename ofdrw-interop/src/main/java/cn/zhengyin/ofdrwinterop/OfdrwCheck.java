package cn.zhengyin.ofdrwinterop;

import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.ofdrw.converter.ImageMaker;
import org.ofdrw.reader.OFDReader;
import org.ofdrw.sign.verify.OFDValidator;
import org.ofdrw.sign.verify.container.SESV4ValidateContainer;

/**
 * ofdrw's own view of an OFD, one line per request on standard output:
 *
 * <ul>
 *   <li>{@code validate FILE}: {@link OFDValidator} with {@link SESV4ValidateContainer} (GB/T 38540 v4) checks every
 *       reference's digest, that Seal.esl is the seal inside SignedValue.dat, Signature.xml's SM3 hash against
 *       dataHash and the SM2 signature over TBS_Sign: {@code VALID FILE} or {@code INVALID FILE reason};</li>
 *   <li>{@code render FILE PNG PPM}: page 1 drawn by ofdrw's {@link ImageMaker} (stamp annotations included) at PPM
 *       pixels per millimetre: {@code RENDERED FILE PNG} or {@code FAILED FILE reason}.</li>
 * </ul>
 *
 * Arguments repeat: {@code validate a.ofd render a.ofd a.png 5 validate b.ofd …}. Exit code 0 when every line was
 * answered. Runs only on ofdrw's class path (Bouncy Castle 1.70), in a JVM of its own.
 */
public final class OfdrwCheck {
    private OfdrwCheck() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        int i = 0;
        while (i < args.length) {
            switch (args[i]) {
                case "validate" -> {
                    out.println(validate(Path.of(args[i + 1])));
                    i += 2;
                }
                case "render" -> {
                    out.println(render(Path.of(args[i + 1]), Path.of(args[i + 2]), Double.parseDouble(args[i + 3])));
                    i += 4;
                }
                default -> throw new IllegalArgumentException("unknown request '" + args[i] + "'");
            }
        }
    }

    static String validate(Path file) {
        try (OFDReader reader = new OFDReader(file)) {
            OFDValidator validator = new OFDValidator(reader);
            validator.setValidator(new SESV4ValidateContainer());
            validator.exeValidate();
            return "VALID " + file;
        } catch (Exception | LinkageError e) {
            return "INVALID " + file + " " + oneLine(e);
        }
    }

    static String render(Path file, Path png, double ppm) {
        try (OFDReader reader = new OFDReader(file)) {
            BufferedImage page = new ImageMaker(reader, ppm).makePage(0);
            Files.createDirectories(png.toAbsolutePath().getParent());
            ImageIO.write(page, "PNG", png.toFile());
            return "RENDERED " + file + " " + png;
        } catch (Exception | LinkageError e) {
            return "FAILED " + file + " " + oneLine(e);
        }
    }

    private static String oneLine(Throwable e) {
        StringBuilder s = new StringBuilder(e.getClass().getName() + ": " + e.getMessage());
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            s.append(" <- ").append(c.getClass().getName()).append(": ").append(c.getMessage());
        }
        return s.toString().replace('\n', ' ').toLowerCase(Locale.ROOT).isEmpty()
                ? "?"
                : s.toString().replace('\n', ' ');
    }
}
