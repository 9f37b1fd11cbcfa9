package cn.zhengyin.service.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/** Full-page screenshots of a browser test's page for the docs (docs/images), taken only when the docs are written. */
public final class Screenshots {

    /** Pages longer than this are cut: the docs show the top of a page. */
    private static final int MAX_HEIGHT_PX = 4000;

    private Screenshots() {}

    /** Writes the whole page (not only the window), at most 4,000 px high, as PNG to {@code file}. */
    public static void fullPage(ChromeDriver browser, Path file) throws IOException {
        Map<String, Object> metrics = browser.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<?, ?> content = (Map<?, ?>) metrics.get("cssContentSize");
        long width = Math.round(((Number) content.get("width")).doubleValue());
        long height = Math.min(MAX_HEIGHT_PX, Math.round(((Number) content.get("height")).doubleValue()));
        Map<String, Object> shot = browser.executeCdpCommand(
                "Page.captureScreenshot",
                Map.of(
                        "format",
                        "png",
                        "captureBeyondViewport",
                        true,
                        "clip",
                        Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
    }
}
