package cn.zhengyin.trust.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.zhengyin.trust.crypto.pkcs11.Pkcs11Slot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SoftHSM2 token for tests, one per JVM. SoftHSM2 reads {@code SOFTHSM2_CONF} from the process environment when
 * the library is first loaded, and a JVM cannot set its own environment, so surefire sets it (module pom:
 * {@code <environmentVariables><SOFTHSM2_CONF>${project.build.directory}/softhsm2/softhsm2.conf}). The first call
 * writes that file (token directory beside it), wipes old tokens and initialises token {@value #LABEL} with
 * {@code softhsm2-util}. Tests are skipped (assumption) when SoftHSM2 is not installed.
 */
public final class SoftHsm {
    public static final String LABEL = "zy-test";
    public static final String USER_PIN = "1234";
    public static final String SO_PIN = "5678";
    private static final List<Path> LIBRARIES = List.of(
            Path.of("/usr/lib/softhsm/libsofthsm2.so"),
            Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
            Path.of("/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so"),
            Path.of("/usr/local/lib/softhsm/libsofthsm2.so"));
    private static final Pattern SLOT = Pattern.compile("reassigned to slot (\\d+)");

    /** The library and the slot of the initialised test token. */
    public record Token(Path library, Pkcs11Slot.Id slot, char[] pin) {}

    private static Token token;

    private SoftHsm() {}

    /** The test token, made on first use; skips the calling test if SoftHSM2 is not installed. */
    public static synchronized Token token() {
        Optional<Path> library = LIBRARIES.stream().filter(Files::isRegularFile).findFirst();
        assumeTrue(library.isPresent(), "SoftHSM2 is not installed (apt-get install softhsm2; ./zy test does it)");
        if (token != null) {
            return token;
        }
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null || conf.isBlank()) {
            throw new IllegalStateException("SOFTHSM2_CONF is not set; run the test through Maven (surefire sets it"
                    + " to target/softhsm2/softhsm2.conf) or set it yourself to a writable path.");
        }
        try {
            Path confFile = Path.of(conf).toAbsolutePath();
            Path tokens = confFile.resolveSibling("tokens");
            if (Files.isDirectory(tokens)) {
                try (var old = Files.walk(tokens)) {
                    old.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(tokens);
            Files.writeString(
                    confFile,
                    "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                            + "log.level = ERROR\nslots.removable = false\n",
                    StandardCharsets.UTF_8);
            ProcessBuilder init = new ProcessBuilder(
                            "softhsm2-util",
                            "--init-token",
                            "--free",
                            "--label",
                            LABEL,
                            "--pin",
                            USER_PIN,
                            "--so-pin",
                            SO_PIN)
                    .redirectErrorStream(true);
            init.environment().put("SOFTHSM2_CONF", confFile.toString());
            Process process = init.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("softhsm2-util --init-token failed: " + output);
            }
            Matcher slot = SLOT.matcher(output);
            if (!slot.find()) {
                throw new IllegalStateException("softhsm2-util did not report the token's slot: " + output);
            }
            token = new Token(library.get(), new Pkcs11Slot.Id(Long.parseLong(slot.group(1))), USER_PIN.toCharArray());
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
