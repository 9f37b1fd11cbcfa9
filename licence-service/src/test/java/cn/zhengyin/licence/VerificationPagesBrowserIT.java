package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.zhengyin.service.testing.Axe;
import cn.zhengyin.service.testing.Screenshots;
import cn.zhengyin.service.testing.SharedChromium;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

/**
 * The public verification pages in headless Chromium at 1280 and 390 px (issue #15): the QR page {@code /v/{id}} in
 * Chinese and English — verdict in plain words, what to compare with the paper, the standing after a revocation
 * (date and reason, never "长期"), what to do next, the site's navigation, no API text — and {@code /verify}: an
 * empty upload's message at the field, a genuine file's headline, who sealed it, the checks in Chinese. axe-core finds
 * no serious or critical violation on any of them. One session of the JVM's shared Chromium for the class; the shared
 * running services.
 * {@code -Dzhengyin.docs.regenerate=true} writes docs/images/verify-*.png and qr-*.png.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerificationPagesBrowserIT {
    static final Path IMAGES = Path.of("..", "docs", "images").toAbsolutePath().normalize();
    private final boolean screenshots = Boolean.getBoolean("zhengyin.docs.regenerate");
    private TwoServices services;
    private WalletFixture fixture;
    private ChromeDriver browser;

    @BeforeAll
    void start() {
        assumeTrue(
                SharedChromium.installed(),
                "headless Chromium is not installed (apt-get install chromium chromium-driver)");
        services = TwoServices.shared();
        fixture = new WalletFixture(services);
        browser = SharedChromium.session(1280, 900); // the JVM's one Chromium; the pages need no clean session
    }

    @Test
    void theQrPageSpeaksPlainlyInBothLanguagesAndShowsARevocationsDateAndReason() throws Exception {
        JsonNode licence = fixture.issueSample("business-licence");
        String id = licence.get("identifier").asString();

        width(390);
        open("/v/" + id + "?lang=en");
        assertThat(text("#headline")).isEqualTo("This licence is in force");
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang"))
                .isEqualTo("en");
        assertThat(browser.findElements(By.cssSelector("header.top nav a[href='/verify']")))
                .as("the site's navigation")
                .hasSize(1);
        assertThat(text("#licence-number")).isEqualTo("99010000202405200031");
        assertThat(text("#holder-code")).isEqualTo("91990100MA00XF8K1E");
        assertThat(text("#next")).contains("What to do next");
        assertThat(browser.getPageSource()).doesNotContain("POST /api", "/api/v1/verifications");
        noSidewaysScrolling();
        Axe.check(browser, "/v/{id}?lang=en, 390 px");
        screenshot("qr-page-en-390");

        width(1280);
        open("/v/" + id + "?lang=zh-CN");
        assertThat(text("#headline")).isEqualTo("这份证照现行有效");
        assertThat(text("#compare")).contains("证照编号", "统一社会信用代码", "示范市青禾数字科技有限公司");
        Axe.check(browser, "/v/{id}, 1280 px");
        screenshot("qr-page");

        fixture.revoke(id);
        open("/v/" + id);
        assertThat(text("#headline")).isEqualTo("这份证照已被吊销，不能再使用");
        assertThat(browser.findElement(By.id("verdict")).getDomAttribute("class"))
                .contains("failed");
        assertThat(text("#not-in-force")).contains("北京时间", "原因：");
        assertThat(text("#validity")).contains("（已吊销）").doesNotContain("长期");
        assertThat(text("#next")).contains("请不要凭这份证照办理业务");
        Axe.check(browser, "/v/{id} revoked, 1280 px");
        screenshot("qr-page-revoked");

        open("/v/1.2.156.3005.2.not-a-licence?lang=en");
        assertThat(text("#headline")).isEqualTo("The registry has no such licence");
        assertThat(browser.findElements(By.cssSelector("header.top nav"))).hasSize(1);
        Axe.check(browser, "/v/{unknown}, 1280 px");
        open("/v/x?lang=zh-CN");
    }

    @Test
    void theVerificationPageNamesAnEmptyFileAtTheFieldAndExplainsAGenuineOneInChinese() throws Exception {
        JsonNode licence = fixture.issueSample("business-licence");
        byte[] pdf = services.sendForBytes(HttpRequest.newBuilder(services.licenceUrl.resolve(
                                "/api/v1/licences/" + licence.get("identifier").asString() + "/pdf"))
                        .header("Authorization", "Bearer " + services.approvalToken())
                        .GET()
                        .build())
                .body();
        Path empty = Files.createTempFile("空文件", ".pdf");
        Path genuine = Files.createTempFile("licence", ".pdf");
        Files.write(genuine, pdf);
        try {
            for (int width : new int[] {390, 1280}) {
                width(width);
                open("/verify"); // axe checks the form below, with an error at its field as well
                browser.findElement(By.id("file")).sendKeys(empty.toString());
                browser.findElement(By.id("verify-submit")).click();
                SharedChromium.waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("file-error")));
                assertThat(text("#file-error"))
                        .contains("是空的（0 字节）", empty.getFileName().toString())
                        .doesNotContain("请选择一个文件");
                assertThat(browser.findElement(By.id("file")).getDomAttribute("aria-describedby"))
                        .isEqualTo("file-error");
                Axe.check(browser, "/verify with an error, " + width + " px");

                browser.findElement(By.id("file")).sendKeys(genuine.toString());
                browser.findElement(By.id("verify-submit")).click();
                SharedChromium.waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("headline")));
                assertThat(text("#headline")).isEqualTo("真实有效：签章完好，文件未被改动，证照现行有效");
                assertThat(text("#sealed")).contains("证印示范市市场监督管理局", "可信时间戳");
                assertThat(text("#compare")).contains("99010000202405200031", "91990100MA00XF8K1E");
                browser.findElement(By.cssSelector("details.experts summary")).click();
                assertThat(text("#checks")).contains("通过", "签名覆盖的字节范围", "证书链到可信根");
                noSidewaysScrolling();
                Axe.check(browser, "/verify passed, " + width + " px");
                screenshot(width == 1280 ? "verify-passed" : "verify-passed-390");
            }
        } finally {
            Files.deleteIfExists(empty);
            Files.deleteIfExists(genuine);
            width(1280);
        }
    }

    /** The shared axe check can fail: an unlabelled input (axe's rule "label", critical) is caught, its label not. */
    @Test
    void theAxeCheckFailsOnAnUnlabelledInputAndPassesItsLabelledForm() {
        browser.get(page("<main><h1>表单</h1><form><input type='text' id='uscc'></form></main>"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Axe.check(browser, "an unlabelled input"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("critical label")
                .hasMessageContaining("#uscc");
        browser.get(page("<main><h1>表单</h1><form><label for='uscc'>统一社会信用代码</label>"
                + "<input type='text' id='uscc'></form></main>"));
        Axe.check(browser, "a labelled input");
    }

    private static String page(String body) {
        return "data:text/html;charset=utf-8,"
                + java.net.URLEncoder.encode(
                                "<!DOCTYPE html><html lang='zh-CN'><head><title>测试</title></head><body>" + body
                                        + "</body></html>",
                                java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20");
    }

    private void open(String path) {
        browser.get(services.licenceUrl.resolve(path).toString());
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private void width(int width) {
        if (width >= 1000) {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        } else {
            browser.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        }
    }

    private void noSidewaysScrolling() {
        Map<?, ?> size = (Map<?, ?>) ((JavascriptExecutor) browser)
                .executeScript("return {inner: window.innerWidth, scroll: document.documentElement.scrollWidth};");
        assertThat(((Number) size.get("scroll")).intValue())
                .as("no horizontal scrolling")
                .isLessThanOrEqualTo(((Number) size.get("inner")).intValue());
    }

    private void screenshot(String name) throws Exception {
        if (!screenshots) {
            return;
        }
        Screenshots.fullPage(browser, IMAGES.resolve(name + ".png"));
    }
}
