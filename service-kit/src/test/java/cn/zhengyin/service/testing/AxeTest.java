package cn.zhengyin.service.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** The shared axe-core check fails on a page with a serious violation and passes a clean one. */
class AxeTest {

    @Test
    void failsOnASeriousViolationAndPassesACleanPage() {
        Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/chromium"))
                        && Files.isExecutable(Path.of("/usr/bin/chromedriver")),
                "needs chromium and chromium-driver");
        Assumptions.assumeTrue(Axe.scriptFile().isPresent(), "needs axe-core (./zy test fetches it)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
        ChromeDriver driver = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                        .usingAnyFreePort()
                        .build(),
                options);
        try {
            // a form control without a label: axe's "label" rule, impact critical
            driver.get(page("<main><h1>表单</h1><form><input type='text' id='uscc'></form></main>"));
            assertThatThrownBy(() -> Axe.check(driver, "a page with an unlabelled input"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("critical label")
                    .hasMessageContaining("#uscc");

            driver.get(page("<main><h1>表单</h1><form><label for='uscc'>统一社会信用代码</label>"
                    + "<input type='text' id='uscc'></form></main>"));
            Axe.check(driver, "a clean page");
            assertThat(Axe.run(driver)).noneMatch(v -> v.impact().equals("critical"));
        } finally {
            driver.quit();
        }
    }

    private static String page(String body) {
        return "data:text/html;charset=utf-8,"
                + URLEncoder.encode(
                                "<!DOCTYPE html><html lang='zh-CN'><head><title>测试</title></head><body>" + body
                                        + "</body></html>",
                                StandardCharsets.UTF_8)
                        .replace("+", "%20");
    }
}
