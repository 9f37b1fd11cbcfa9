package cn.zhengyin.service.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium per test JVM for every browser test (issue #13, suite time: a Chromium start costs about 2 s
 * of CPU, as much as several page tests). The system Chromium and chromedriver (Debian packages chromium and
 * chromium-driver) are started at the first {@link #session} and quit when the JVM exits. Where Chromium's headless
 * shell is installed (Debian package chromium-headless-shell, which {@code ./zy test} installs) it is started instead
 * of {@code chromium --headless=new}: the same Blink and V8 without the desktop browser around them, which halves the
 * CPU the browser spends in the browser tests (issue #13; docs/architecture.md "Test suite time").
 *
 * <p>Each {@link #session} is a fresh session in the one browser: other windows closed, every cookie and the cache of
 * every origin cleared (and the storage of the origin last open), the window resized, and with {@code phone} a phone's
 * screen emulated (device metrics and touch, as chromedriver's mobile emulation does). A test must therefore finish
 * with one session before it opens the next; tests in one JVM run one after another (surefire/failsafe run test
 * classes in parallel only in separate JVMs). Never {@code quit()} the driver a session returns.
 *
 * <p>The browser's console is logged ({@code goog:loggingPrefs} browser=ALL): {@code logs().get(LogType.BROWSER)}
 * returns what the pages logged since the last read, across sessions (a test that checks the console reads it at its
 * end, as WalletBrowserIT does for Content-Security-Policy violations).
 */
public final class SharedChromium {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /**
     * Chromium's headless shell (Debian package chromium-headless-shell, the same Blink and V8 without the desktop
     * browser around them): used where installed, it spends far less CPU than {@code chromium --headless=new}.
     */
    public static final Path HEADLESS_SHELL = Path.of("/usr/lib/chromium/chromium-headless-shell");

    private static ChromeDriver driver;

    private SharedChromium() {}

    /** The system Chromium and chromedriver are installed (browser tests assume it and are skipped otherwise). */
    public static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /**
     * A wait for what the page should show next, at most 60 s (a loaded CI machine), asking every 50 ms: Selenium's
     * default of every 500 ms made each click that loads a page cost half a second of waiting.
     */
    public static WebDriverWait waitFor(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(50));
    }

    /** A fresh desktop session of the given window size. */
    public static ChromeDriver session(int width, int height) {
        return session(width, height, false);
    }

    /** A fresh session; {@code phone}: the given size is a phone's screen (a window cannot be that narrow). */
    public static synchronized ChromeDriver session(int width, int height, boolean phone) {
        ChromeDriver browser = browser();
        String first = browser.getWindowHandles().iterator().next();
        for (String handle : browser.getWindowHandles()) {
            if (!handle.equals(first)) {
                browser.switchTo().window(handle).close();
            }
        }
        browser.switchTo().window(first);
        URI page = URI.create(browser.getCurrentUrl());
        if (page.getScheme() != null && page.getScheme().startsWith("http")) { // local and session storage too
            browser.executeCdpCommand(
                    "Storage.clearDataForOrigin",
                    Map.of("origin", page.getScheme() + "://" + page.getAuthority(), "storageTypes", "all"));
        }
        browser.get("about:blank");
        browser.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        browser.executeCdpCommand("Network.clearBrowserCache", Map.of());
        if (phone) {
            browser.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
            browser.executeCdpCommand(
                    "Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 1));
        } else {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            browser.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", false));
            browser.manage().window().setSize(new Dimension(width, height));
        }
        return browser;
    }

    private static ChromeDriver browser() {
        if (driver == null) {
            ChromeOptions options = new ChromeOptions();
            boolean shell = Files.isExecutable(HEADLESS_SHELL);
            options.setBinary((shell ? HEADLESS_SHELL : CHROMIUM).toFile());
            options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
            options.addArguments(
                    shell ? "--headless" : "--headless=new",
                    "--no-sandbox",
                    "--disable-dev-shm-usage",
                    "--disable-gpu",
                    "--window-size=1280,900",
                    "--lang=zh-CN",
                    "--hide-scrollbars",
                    "--no-first-run",
                    "--disable-extensions",
                    // issue #13, measured: the compositor in the browser process, not a process of its own (there is
                    // no GPU); no log file; V8 without its optimising compilers (Maglev, TurboFan), which cost more
                    // than they save on pages and axe runs that last a fraction of a second (axe: half the CPU)
                    "--in-process-gpu",
                    "--log-level=3",
                    "--js-flags=--no-opt --no-maglev");
            options.setExperimentalOption("excludeSwitches", List.of("enable-logging"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver started = new ChromeDriver(service, options);
            started.manage().timeouts().implicitlyWait(Duration.ZERO).pageLoadTimeout(Duration.ofSeconds(60));
            Runtime.getRuntime().addShutdownHook(new Thread(started::quit, "shared-chromium-quit"));
            driver = started;
        }
        return driver;
    }
}
