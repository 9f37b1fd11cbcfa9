package cn.zhengyin.service.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (Deque's accessibility rules, WCAG 2.1 A/AA) run on the page a browser test has open: the script is read
 * from a local file — never a CDN, the pages' Content-Security-Policy is not involved because WebDriver injects it —
 * and the test fails on every <em>serious</em> or <em>critical</em> violation, listing rule, impact, help and the
 * offending elements.
 *
 * <p>Where the script is: the system property {@code zhengyin.axe} ({@code ./zy test} fetches axe-core with npm into a
 * cache and sets it), else {@code ~/.cache/zhengyin/axe-core-<version>/node_modules/axe-core/axe.min.js}. Without it the
 * calling test is skipped (a JUnit assumption), as the browser tests are without Chromium.
 *
 * <pre>{@code
 * Axe.check(driver, "console seal page, 390 px");            // fails on serious/critical violations
 * List<Axe.Violation> all = Axe.run(driver);                  // every violation, to inspect
 * }</pre>
 */
public final class Axe {
    /** The axe-core version {@code ./zy} fetches; the fallback location of the script names it. */
    public static final String VERSION = "4.14.1";

    private static final Set<String> FAILING = Set.of("serious", "critical");
    private static volatile String script;

    private Axe() {}

    /**
     * One rule broken on the page.
     *
     * @param rule    axe's rule id, e.g. {@code color-contrast}
     * @param impact  minor, moderate, serious or critical
     * @param help    what the rule asks
     * @param targets CSS selectors of the offending elements (at most five)
     */
    public record Violation(String rule, String impact, String help, List<String> targets) {
        @Override
        public String toString() {
            return impact + " " + rule + " (" + help + "): " + String.join(", ", targets);
        }
    }

    /**
     * Runs axe on the open page and fails (AssertionError) on serious or critical violations; {@code where} names the
     * page in the message.
     */
    public static void check(WebDriver driver, String where) {
        List<Violation> failing =
                run(driver).stream().filter(v -> FAILING.contains(v.impact())).toList();
        if (!failing.isEmpty()) {
            StringBuilder message = new StringBuilder("axe-core " + VERSION + " found " + failing.size()
                    + " serious or critical accessibility violation(s) on " + where + ":");
            failing.forEach(v -> message.append("\n  ").append(v));
            throw new AssertionError(message.toString());
        }
    }

    /**
     * Every violation axe finds on the open page (rules tagged WCAG 2.0/2.1 A and AA, and best practices). The same
     * rules run as with axe's defaults; what is left out is work no result here uses (issue #13, CPU): the HTML of each
     * node ({@code noHtml}) and the re-read of every style sheet ({@code preload} of the CSSOM, which only the
     * experimental rule css-orientation-lock reads, and the tags above exclude it); the media preload that
     * no-autoplay-audio needs stays.
     */
    public static List<Violation> run(WebDriver driver) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object';"))) {
            js.executeScript(script());
        }
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
                                   resultTypes: ['violations'], noHtml: true, preload: {assets: ['media']}})
                  .then(r => done(r.violations.map(v => ({rule: v.id, impact: v.impact || '', help: v.help,
                      targets: v.nodes.slice(0, 5).map(n => String(n.target))}))))
                  .catch(e => done('axe failed: ' + e));
                """);
        if (!(result instanceof List<?> list)) {
            throw new AssertionError(String.valueOf(result));
        }
        List<Violation> violations = new ArrayList<>();
        for (Object o : list) {
            Map<?, ?> v = (Map<?, ?>) o;
            List<String> targets = new ArrayList<>();
            ((List<?>) v.get("targets")).forEach(t -> targets.add(String.valueOf(t)));
            violations.add(new Violation(
                    String.valueOf(v.get("rule")),
                    String.valueOf(v.get("impact")),
                    String.valueOf(v.get("help")),
                    targets));
        }
        return violations;
    }

    /** The local axe.min.js, if there is one. */
    public static Optional<Path> scriptFile() {
        String configured = System.getProperty("zhengyin.axe", "");
        Path file = configured.isBlank()
                ? Path.of(
                        System.getProperty("user.home"),
                        ".cache",
                        "zhengyin",
                        "axe-core-" + VERSION,
                        "node_modules",
                        "axe-core",
                        "axe.min.js")
                : Path.of(configured);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private static String script() {
        String s = script;
        if (s == null) {
            Optional<Path> file = scriptFile();
            Assumptions.assumeTrue(
                    file.isPresent(),
                    "axe-core is not installed: ./zy test fetches it (npm), or set -Dzhengyin.axe=/path/to/axe.min.js");
            try {
                s = Files.readString(file.get(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            script = s;
        }
        return s;
    }
}
