package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.zhengyin.service.testing.Axe;
import cn.zhengyin.service.testing.SharedChromium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The wallet in a real browser: headless Chromium (Debian packages chromium and chromium-driver) driven by Selenium.
 * Skipped when /usr/bin/chromium or /usr/bin/chromedriver is missing. With {@code -Dzhengyin.docs.regenerate=true}
 * it writes the screenshots in docs/images/wallet-*.png.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalletBrowserIT {
    static final Path IMAGES = Path.of("..", "docs", "images").toAbsolutePath().normalize();
    private final boolean screenshots = Boolean.getBoolean("zhengyin.docs.regenerate");
    private final List<WebDriver> drivers = new java.util.ArrayList<>();
    private TwoServices services;
    private WalletFixture fixture;
    private JsonNode businessLicence;

    @BeforeAll
    void start() {
        assumeTrue(
                SharedChromium.installed(),
                "headless Chromium is not installed (apt-get install chromium chromium-driver)");
        services = TwoServices.shared();
        fixture = new WalletFixture(services);
    }

    /**
     * Every page the test opened kept to its Content-Security-Policy (review #14, finding 9): Chromium reports each
     * blocked style sheet, image, script or form target on its console.
     */
    @AfterEach
    void quit() {
        List<String> violations = new java.util.ArrayList<>();
        int probes = 0;
        int opened = drivers.size();
        try {
            for (WebDriver driver : drivers) {
                // a probe shows that the console is really read (WebDriver's own script is not subject to the CSP)
                ((org.openqa.selenium.JavascriptExecutor) driver)
                        .executeScript("console.error('zhengyin console probe')");
                for (var entry : driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)) {
                    if (entry.getMessage().contains("zhengyin console probe")) {
                        probes++;
                    } else if (entry.getMessage().contains("Content Security Policy")) {
                        violations.add(entry.getMessage());
                    }
                }
            }
        } finally {
            drivers.clear(); // the shared Chromium stays up for the next test
        }
        assertThat(probes).as("the browser console was read").isEqualTo(opened);
        assertThat(violations).as("Content-Security-Policy violations").isEmpty();
    }

    /**
     * The 营业执照 of 林晓峰's company (the sample), issued at the first call and shared by the class's tests that only
     * share it, give consents, show it or look at it: each issuance is a sealed PDF, and none of them changes the
     * licence's standing (the revoking tests revoke licences of their own).
     */
    private JsonNode businessLicence() {
        if (businessLicence == null) {
            businessLicence = fixture.issueSample("business-licence");
        }
        return businessLicence;
    }

    /** A desktop window, or with {@code phone} a phone screen (device emulation: windows cannot be that narrow). */
    private WebDriver browser(int width, int height) {
        return browser(width, height, false);
    }

    /**
     * A fresh session (cookies cleared) in the JVM's one Chromium (service-kit's {@code SharedChromium}); a session
     * ends when the test opens the next one.
     */
    private WebDriver browser(int width, int height, boolean phone) {
        WebDriver driver = SharedChromium.session(width, height, phone);
        drivers.add(driver);
        return driver;
    }

    private String url(String path) {
        return services.licenceUrl.resolve(path).toString();
    }

    @Test
    void signInShareTwoFieldsOpenTheLinkFreshAndSeeATamperedPdfFail() throws Exception {
        JsonNode licence = businessLicence();
        String root = licence.get("root").asString();

        WebDriver holder = browser(1280, 900);
        holder.get(url("/sign-in"));
        // Styled by the shared page styles (service-kit) and the licence service's own: the dev-only box is dashed.
        assertThat(holder.findElement(By.tagName("body")).getCssValue("background-color"))
                .isEqualTo("rgba(246, 248, 250, 1)");
        assertThat(holder.findElement(By.cssSelector(".dev-only")).getCssValue("border-top-style"))
                .isEqualTo("dashed");
        screenshot(holder, "wallet-sign-in");
        Axe.check(holder, "/sign-in, 1280 px");
        holder.findElement(By.id("sign-in-" + WalletFixture.LIN)).click();
        wait(holder).until(ExpectedConditions.urlToBe(url("/wallet")));
        assertThat(holder.findElement(By.tagName("h1")).getText()).isEqualTo("证照卡包");
        WebElement card = holder.findElement(By.cssSelector("a[href='/wallet/licences/" + root + "']"));
        assertThat(card.getText()).contains("营业执照", "有效");

        card.click();
        wait(holder).until(ExpectedConditions.presenceOfElementLocated(By.id("create-share")));
        assertThat(holder.findElement(By.id("fields-title")).getText()).isEqualTo("证照信息");
        wait(holder).until(d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript(
                        "const i = document.querySelector('img.preview'); return i.complete && i.naturalWidth > 0;"));

        holder.findElement(By.id("field-name")).click();
        holder.findElement(By.id("field-uscc")).click();
        holder.findElement(By.id("create-share")).click();
        WebElement link = wait(holder).until(ExpectedConditions.presenceOfElementLocated(By.id("share-link")));
        String shareUrl = link.getAttribute("href");
        assertThat(holder.findElement(By.id("share-state")).getText()).isEqualTo("有效");
        screenshot(holder, "wallet-share");
        Axe.check(holder, "licence page with a share link, 1280 px");

        WebDriver stranger = browser(360, 780, true); // a fresh session, phone-sized
        stranger.get(shareUrl);
        WebElement verdict = wait(stranger).until(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
        assertThat(verdict.getAttribute("class")).contains("passed");
        List<String> keys = stranger.findElements(By.cssSelector("#shared-fields dt")).stream()
                .map(e -> e.getAttribute("data-key"))
                .toList();
        assertThat(keys).containsExactlyInAnyOrder("name", "uscc");
        assertThat(stranger.findElement(By.id("shared-fields")).getText())
                .contains("示范市青禾数字科技有限公司", "91990100MA00XF8K1E")
                .doesNotContain("林晓峰");
        assertThat(stranger.findElement(By.id("licence-status")).getText()).isEqualTo("有效");
        screenshot(stranger, "wallet-share-opened");
        Axe.check(stranger, "opened share link, 360 px");
        holder.get(shareUrl);
        wait(holder).until(ExpectedConditions.presenceOfElementLocated(By.id("shared-fields")));
        Axe.check(holder, "opened share link, 1280 px");

        byte[] pdf = services.sendForBytes(HttpRequest.newBuilder(services.licenceUrl.resolve(
                                "/api/v1/licences/" + licence.get("identifier").asString() + "/pdf"))
                        .header("Authorization", "Bearer " + services.approvalToken())
                        .GET()
                        .build())
                .body();
        byte[] tampered = pdf.clone();
        String text = new String(tampered, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("/Producer");
        tampered[at > 0 ? at + 2 : tampered.length / 3] ^= 0x01;
        Path file = Files.createTempFile("tampered-licence", ".pdf");
        Files.write(file, tampered);

        WebDriver verifier = browser(360, 780, true);
        verifier.get(url("/verify"));
        verifier.findElement(By.id("file")).sendKeys(file.toString());
        verifier.findElement(By.id("verify-submit")).click();
        WebElement failed = wait(verifier).until(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
        assertThat(failed.getAttribute("class")).contains("failed");
        assertThat(failed.getText()).contains("验证失败");
        assertThat(((org.openqa.selenium.JavascriptExecutor) verifier).executeScript("return window.innerWidth;"))
                .isEqualTo(360L);
        Long scrollWidth = (Long) ((org.openqa.selenium.JavascriptExecutor) verifier)
                .executeScript("return document.documentElement.scrollWidth;");
        assertThat(scrollWidth).as("no horizontal scrolling at 360 px").isLessThanOrEqualTo(360L);
        screenshot(verifier, "wallet-verify-failed");

        verifier.get(url("/verify?lang=en"));
        verifier.findElement(By.id("file")).sendKeys(writeTemp(pdf).toString());
        verifier.findElement(By.id("verify-submit")).click();
        WebElement passed = wait(verifier).until(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
        assertThat(passed.getAttribute("class")).contains("passed");
        assertThat(passed.getText()).contains("Valid");
        screenshot(verifier, "wallet-verify-passed-en");
        Files.deleteIfExists(file);
    }

    /** Issue #20, observation 1: an authentic but revoked licence is not shown green, and the page says why and when. */
    @Test
    void aRevokedLicencesUploadIsNotGreenAndSaysWhy() throws Exception {
        // the other company's: revoking it leaves the class's shared licence of 林晓峰's company in force
        JsonNode licence =
                fixture.issueSample("business-licence", java.util.Map.of("uscc", WalletFixture.LIN_OTHER_COMPANY));
        String id = licence.get("identifier").asString();
        String token = services.token("approval-demo", "approval-demo-secret", "licence:status licence:read");
        var revoked = services.send(
                HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences/" + id + "/revocation"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"reason\":\"以欺骗手段取得许可\"}", java.nio.charset.StandardCharsets.UTF_8))
                        .build());
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        byte[] pdf = services.sendForBytes(
                        HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences/" + id + "/pdf"))
                                .header("Authorization", "Bearer " + token)
                                .GET()
                                .build())
                .body();

        WebDriver verifier = browser(1024, 800);
        verifier.get(url("/verify"));
        verifier.findElement(By.id("file")).sendKeys(writeTemp(pdf).toString());
        verifier.findElement(By.id("verify-submit")).click();
        WebElement verdict = wait(verifier).until(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
        assertThat(verdict.getAttribute("class")).contains("failed").doesNotContain("passed");
        assertThat(verdict.getAttribute("data-conclusion")).isEqualTo("NOT_IN_FORCE");
        assertThat(verdict.findElement(By.id("conclusion")).getText()).isEqualTo("证照不在有效状态");
        assertThat(verdict.findElement(By.id("not-in-force")).getText()).contains("被吊销", "以欺骗手段取得许可", "北京时间");
        String green = (String) ((org.openqa.selenium.JavascriptExecutor) verifier)
                .executeScript("return getComputedStyle(document.getElementById('verdict')).backgroundColor;");
        assertThat(green).as("the verdict box is not green").isNotEqualTo("rgb(218, 251, 225)");
        screenshot(verifier, "verify-revoked");

        verifier.get(url("/verify?lang=en"));
        verifier.findElement(By.id("file")).sendKeys(writeTemp(pdf).toString());
        verifier.findElement(By.id("verify-submit")).click();
        WebElement en = wait(verifier).until(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
        assertThat(en.getText()).contains("Not in force", "revoked", "以欺骗手段取得许可");
    }

    @Test
    void onAPhoneTheHolderGivesAConsentByKeyboardSeesItUsedAndWithdrawsIt() {
        JsonNode licence = businessLicence();
        String root = licence.get("root").asString();
        WebDriver phone = browser(360, 780, true);
        phone.get(url("/sign-in"));
        phone.findElement(By.id("sign-in-" + WalletFixture.LIN)).click();
        wait(phone).until(ExpectedConditions.urlToBe(url("/wallet")));
        phone.get(url("/wallet/licences/" + root));

        new org.openqa.selenium.support.ui.Select(phone.findElement(By.id("consent-party"))).selectByValue("bank-demo");
        phone.findElement(By.id("consent-field-name")).sendKeys(org.openqa.selenium.Keys.SPACE);
        phone.findElement(By.id("consent-field-legalRepresentative")).sendKeys(org.openqa.selenium.Keys.SPACE);
        phone.findElement(By.id("consent-purpose")).sendKeys("开立对公账户", org.openqa.selenium.Keys.ENTER);
        WebElement list = wait(phone).until(ExpectedConditions.presenceOfElementLocated(By.id("consent-list")));
        assertThat(list.getText()).contains("示范银行", "开立对公账户", "有效");

        String bank = services.token("bank-demo", "bank-demo-secret", "licence:fields licence:verify");
        String fields = "/api/v1/licences/" + licence.get("identifier").asString() + "/fields";
        assertThat(services.send(HttpRequest.newBuilder(services.licenceUrl.resolve(fields))
                                .header("Authorization", "Bearer " + bank)
                                .GET()
                                .build())
                        .statusCode())
                .isEqualTo(200);
        phone.navigate().refresh();
        assertThat(phone.findElement(By.id("usage-list")).getText()).contains("示范银行", "读取字段", "开立对公账户");
        Long scrollWidth = (Long) ((org.openqa.selenium.JavascriptExecutor) phone)
                .executeScript("return document.documentElement.scrollWidth;");
        assertThat(scrollWidth).as("no horizontal scrolling at 360 px").isLessThanOrEqualTo(360L);
        ((org.openqa.selenium.JavascriptExecutor) phone)
                .executeScript("document.getElementById('consents').scrollIntoView();");
        screenshot(phone, "wallet-consents");
        Axe.check(phone, "licence page with a consent and its use, 360 px");

        // 撤回授权 asks first, in a native <dialog> that works by keyboard: Escape keeps the consent, OK withdraws it
        WebElement withdraw = phone.findElement(By.cssSelector("#consent-list button.danger"));
        withdraw.sendKeys(org.openqa.selenium.Keys.ENTER);
        WebElement dialog = wait(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
        assertThat(dialog.getText()).contains("撤回对示范银行的授权", "取消", "确认撤回");
        assertThat(phone.switchTo().activeElement().getAttribute("id")).isEqualTo("confirm-dialog-cancel");
        screenshot(phone, "wallet-confirm-dialog-phone");
        Axe.check(phone, "withdraw-consent dialog, 360 px");
        phone.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ESCAPE);
        wait(phone).until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm-dialog")));
        assertThat(phone.findElement(By.id("consent-list")).getText()).doesNotContain("已撤回");
        assertThat(phone.switchTo().activeElement()).isEqualTo(withdraw);
        withdraw.sendKeys(org.openqa.selenium.Keys.ENTER);
        wait(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
        phone.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
        assertThat(phone.switchTo().activeElement().getAttribute("id")).isEqualTo("confirm-dialog-ok");
        phone.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ENTER);
        wait(phone).until(ExpectedConditions.textToBePresentInElementLocated(By.id("consent-list"), "已撤回"));
        assertThat(phone.findElements(By.cssSelector("#consent-list button.danger")))
                .isEmpty();
        assertThat(services.send(HttpRequest.newBuilder(services.licenceUrl.resolve(fields))
                                .header("Authorization", "Bearer " + bank)
                                .GET()
                                .build())
                        .statusCode())
                .isEqualTo(403);
    }

    /**
     * Issue #16 (统计): an authority's statistics administrator signs in, sees the charts and tables of their
     * authority, switches the range and downloads a table as CSV (with the browser's session); on a phone the page
     * does not scroll sideways.
     */
    @Test
    void anAuthorityAdministratorSeesTheStatisticsSwitchesTheRangeAndDownloadsACsv() throws Exception {
        businessLicence(); // a 营业执照 issued today, for the table of licences by type
        WebDriver admin = browser(1280, 900);
        admin.get(url("/statistics"));
        wait(admin).until(ExpectedConditions.urlToBe(url("/statistics/sign-in")));
        admin.findElement(By.id("sign-in-stats-market")).click();
        wait(admin).until(ExpectedConditions.urlToBe(url("/statistics")));
        assertThat(admin.findElement(By.tagName("h1")).getText()).isEqualTo("电子证照统计");
        assertThat(admin.findElement(By.id("scope")).getText()).contains("证印示范市市场监督管理局");
        assertThat(admin.findElements(By.cssSelector("svg.chart[role=img]"))).hasSize(6);
        assertThat(admin.findElements(By.id("authority")))
                .as("no authority picker for one authority")
                .isEmpty();
        assertThat(admin.findElement(By.cssSelector("#licences-by-type-table tbody"))
                        .getText())
                .contains("营业执照");
        screenshot(admin, "statistics");

        admin.findElement(By.id("preset-7")).click();
        wait(admin).until(d -> d.getCurrentUrl().contains("from="));
        java.time.LocalDate to =
                java.time.LocalDate.parse(admin.findElement(By.id("to")).getAttribute("value"));
        assertThat(java.time.LocalDate.parse(admin.findElement(By.id("from")).getAttribute("value")))
                .isEqualTo(to.minusDays(6));
        assertThat(admin.findElements(By.cssSelector("#licences-by-day-table tbody tr")))
                .hasSize(7);

        String href = admin.findElement(By.id("verifications-by-day-csv")).getAttribute("href");
        String cookies = admin.manage().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
        var csv = services.send(HttpRequest.newBuilder(java.net.URI.create(href))
                .header("Cookie", cookies)
                .GET()
                .build());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("filename*=UTF-8''");
        assertThat(csv.body().split("\r\n")).hasSize(8); // heading + 7 days

        WebDriver phone = browser(390, 844, true);
        phone.get(url("/statistics/sign-in"));
        phone.findElement(By.id("sign-in-stats-province")).click();
        wait(phone).until(ExpectedConditions.urlToBe(url("/statistics")));
        assertThat(phone.findElements(By.cssSelector("#authority option"))).hasSizeGreaterThanOrEqualTo(4);
        Long scrollWidth = (Long) ((org.openqa.selenium.JavascriptExecutor) phone)
                .executeScript("return document.documentElement.scrollWidth;");
        assertThat(scrollWidth).as("no horizontal scrolling at 390 px").isLessThanOrEqualTo(390L);
        screenshot(phone, "statistics-phone");
        phone.get(url("/statistics?lang=en"));
        assertThat(phone.findElement(By.tagName("h1")).getText()).isEqualTo("Licence statistics");
    }

    /**
     * Issue #15: a representative with more licences than a page holds (12; this test adds 13, so there is always a
     * second page) finds one by its number (server-side search, paging without script), opens it — the card and 亮证
     * are on the first screen — and shows it: a full-screen QR code that renews itself when the countdown ends, and that
     * the service worker keeps for showing offline. At 1280 and 390 px. The 13 come in one bulk-import request (30
     * before: each is a sealed PDF, and 13 prove the same paging and search).
     */
    @Test
    void aRepresentativeFindsALicenceAmongMoreThanAPageAndShowsItFullScreenWithARenewingQrCode() {
        long base = 1_000_000_000L + Math.floorMod(System.nanoTime(), 8_000_000_000L);
        List<java.util.Map<String, String>> licences = new java.util.ArrayList<>();
        for (int i = 0; i < 13; i++) {
            licences.add(java.util.Map.of("licenceNumber", "JY2" + String.format("%013d", base + i)));
        }
        fixture.importSamples("food-business-licence", licences);
        String wanted = "JY2" + String.format("%013d", base + 7);

        for (boolean phone : List.of(false, true)) {
            String suffix = phone ? "-phone" : "";
            WebDriver browser = phone ? browser(390, 844, true) : browser(1280, 900);
            browser.get(url("/sign-in"));
            if (phone) {
                screenshot(browser, "wallet-sign-in-phone");
                Axe.check(browser, "/sign-in, 390 px");
            }
            browser.findElement(By.id("sign-in-" + WalletFixture.CHEN)).click();
            wait(browser).until(ExpectedConditions.urlToBe(url("/wallet")));
            assertThat(browser.findElements(By.cssSelector(".licence-card"))).hasSize(12);
            assertThat(browser.findElement(By.id("page-of")).getText()).startsWith("第 1 页");
            assertThat(browser.findElement(By.cssSelector(".group h2")).getText())
                    .contains("示范市青禾区禾味轩餐饮管理有限公司");
            waitForImages(browser);
            screenshot(browser, "wallet-list" + suffix);
            Axe.check(browser, "/wallet, " + width(browser) + " px");
            browser.findElement(By.id("next-page")).click();
            wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-of"), "第 2 页"));

            browser.findElement(By.id("q")).sendKeys(wanted, org.openqa.selenium.Keys.ENTER);
            wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("found"), "找到 1 张"));
            List<WebElement> cards = browser.findElements(By.cssSelector(".licence-card"));
            assertThat(cards).hasSize(1);
            assertThat(cards.getFirst().getText())
                    .contains("食品经营许可证", wanted, "示范市青禾区禾味轩餐饮管理有限公司", "有效")
                    .containsPattern("\\d{4}-\\d{2}-\\d{2}");
            assertNoSidewaysScrollingOrStackedLetters(browser);
            screenshot(browser, "wallet-search" + suffix);
            Axe.check(browser, "/wallet search result, " + width(browser) + " px");

            String clock = (String) ((ChromeDriver) browser)
                    .executeCdpCommand(
                            "Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", COUNTDOWN_CLOCK))
                    .get("identifier");
            try {
                showTheLicenceFullScreen(browser, cards.getFirst(), phone, suffix);
            } finally {
                ((ChromeDriver) browser)
                        .executeCdpCommand(
                                "Page.removeScriptToEvaluateOnNewDocument", java.util.Map.of("identifier", clock));
            }
        }
    }

    /** Opens a found licence's card, then 亮证: a full-screen QR code renewed twice by its countdown. */
    private void showTheLicenceFullScreen(WebDriver browser, WebElement card, boolean phone, String suffix) {
        card.findElement(By.cssSelector("a.licence-link")).click();
        WebElement show = wait(browser).until(ExpectedConditions.elementToBeClickable(By.id("show-licence")));
        Number bottom = (Number) js(browser)
                .executeScript("return document.getElementById('show-licence').getBoundingClientRect().bottom;");
        assertThat(bottom.doubleValue()).as("亮证 on the first screen").isLessThan(phone ? 844 : 900);
        assertNoSidewaysScrollingOrStackedLetters(browser);
        waitForImages(browser);
        screenshot(browser, "wallet-licence" + suffix);
        // axe checks the licence page at both widths in eachFormErrorShowsInChinese…, in a state with more on it (the
        // same page with the 亮证 form open and three form errors), not here a second time

        show.click();
        WebElement qr = wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("show-qr")));
        String first = qr.getAttribute("data-share");
        long screen = (Long) js(browser).executeScript("return Math.min(window.innerWidth, window.innerHeight);");
        assertThat(qr.getSize().getWidth()).as("the QR code fills the screen").isGreaterThan((int) (screen * 0.6));
        assertThat(browser.findElement(By.id("shown-fields")).getText()).contains("许可证编号");
        assertThat(browser.getPageSource()).doesNotContain("eyJ"); // no credential shown as base64
        waitForImages(browser);
        screenshot(browser, "wallet-show" + suffix);
        Axe.check(browser, "亮证 (full-screen QR code), " + width(browser) + " px");
        // the countdown ends and a new code (a new short-lived share) replaces the old one, twice: the renewed
        // page counts down again. The countdown runs on the test's clock (COUNTDOWN_CLOCK), not the wall's.
        String second = countDownToTheNextCode(browser, first);
        countDownToTheNextCode(browser, second);
        // the renewed page came through the service worker, which kept it for showing offline
        wait(browser).until(d -> (Boolean) js(d).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "caches.match('/wallet/offline/last-shown').then(r => r ? r.text() : '')"
                + ".then(t => done(t.includes('id=\"show-qr\"'))).catch(() => done(false));"));
    }

    /**
     * Issue #15: a revoked licence shows a banner with the date and the reason in plain Chinese, offers no 亮证, share or
     * consent, and the holder's notifications (with a badge) say so. At 1280 and 390 px.
     */
    @Test
    void aRevokedLicenceShowsItsBannerOffersNoSharingAndIsNotified() {
        JsonNode licence = fixture.issueSample("food-business-licence");
        fixture.revoke(licence.get("identifier").asString());
        for (boolean phone : List.of(false, true)) {
            String suffix = phone ? "-phone" : "";
            WebDriver browser = phone ? browser(390, 844, true) : browser(1280, 900);
            browser.get(url("/sign-in"));
            browser.findElement(By.id("sign-in-" + WalletFixture.CHEN)).click();
            wait(browser).until(ExpectedConditions.urlToBe(url("/wallet")));
            assertThat(browser.findElement(By.id("notification-count")).getText())
                    .matches("[1-9]\\d*");
            browser.get(url("/wallet/licences/" + licence.get("root").asString()));
            WebElement banner = browser.findElement(By.id("standing-banner"));
            assertThat(banner.getText()).contains("该证照已被吊销", "吊销测试", "颁发机构于");
            assertThat(browser.findElement(By.id("licence-status")).getText()).isEqualTo("吊销");
            assertThat(browser.findElements(By.id("show-licence"))).isEmpty();
            assertThat(browser.findElements(By.id("create-share"))).isEmpty();
            assertThat(browser.findElements(By.id("grant-consent"))).isEmpty();
            assertThat(browser.getPageSource()).doesNotContain("REVOKED", "ISSUED");
            assertNoSidewaysScrollingOrStackedLetters(browser);
            screenshot(browser, "wallet-revoked" + suffix);
            Axe.check(browser, "revoked licence page, " + width(browser) + " px");
            browser.findElement(By.id("notifications-link")).click();
            wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("notices")));
            assertThat(browser.findElement(By.id("notices")).getText()).contains("被吊销", "吊销测试");
            screenshot(browser, "wallet-notifications" + suffix);
            Axe.check(browser, "notifications, " + width(browser) + " px");
            assertThat(browser.findElements(By.id("notification-count"))).isEmpty();
            // a mistyped address is a page with the ways on, not "401 needs a bearer token"
            browser.get(url("/walet"));
            assertThat(browser.findElement(By.id("error-title")).getText()).isEqualTo("找不到该页面");
            assertNoSidewaysScrollingOrStackedLetters(browser);
            screenshot(browser, "wallet-error-page" + suffix);
            Axe.check(browser, "error page, " + width(browser) + " px");
        }
    }

    /**
     * Issue #15: every form error of the licence page shows in Chinese next to its field, with the form kept; the
     * focus ring on the blue header is yellow (WCAG contrast at least 3:1); a share is withdrawn after a confirmation.
     */
    @Test
    void eachFormErrorShowsInChineseNextToItsFieldAndWithdrawingAShareAsksFirst() {
        JsonNode licence = businessLicence();
        String root = licence.get("root").asString();
        for (boolean phone : List.of(false, true)) {
            String suffix = phone ? "-phone" : "";
            WebDriver browser = phone ? browser(390, 844, true) : browser(1280, 900);
            browser.get(url("/sign-in"));
            browser.findElement(By.id("sign-in-" + WalletFixture.LIN)).click();
            wait(browser).until(ExpectedConditions.urlToBe(url("/wallet")));
            browser.get(url("/wallet/licences/" + root));

            browser.findElement(By.cssSelector("#show-form summary")).click();
            for (WebElement box : browser.findElements(By.cssSelector("#show-form input[type=checkbox]:checked"))) {
                box.click();
            }
            browser.findElement(By.id("show-licence")).click();
            assertErrorNextToField(browser, "show-fields-error", "请至少选择一个要出示的字段", "#show-form fieldset");

            js(browser).executeScript("document.getElementById('create-share').scrollIntoView();");
            browser.findElement(By.id("create-share")).click();
            assertErrorNextToField(browser, "share-fields-error", "请至少选择一个要出示的字段", "#share-form fieldset");

            browser.findElement(By.id("consent-purpose")).sendKeys("开立对公账户");
            js(browser).executeScript("document.getElementById('grant-consent').scrollIntoView();");
            browser.findElement(By.id("grant-consent")).click();
            assertErrorNextToField(browser, "consent-fields-error", "请至少选择一个授权对方读取的字段", "#consent-form fieldset");
            assertThat(browser.findElement(By.id("consent-purpose")).getAttribute("value"))
                    .isEqualTo("开立对公账户");
            assertThat(browser.getPageSource()).doesNotContain("operatingTo\"", "validation-failed");
            js(browser).executeScript("document.getElementById('consent-fields-error').scrollIntoView();");
            screenshot(browser, "wallet-form-error" + suffix);
            Axe.check(browser, "licence page with form errors, " + width(browser) + " px");

            browser.findElement(By.id("consent-field-name")).click();
            browser.findElement(By.id("consent-purpose")).clear();
            browser.findElement(By.id("grant-consent")).click();
            assertErrorNextToField(browser, "consent-purpose-error", "请填写用证事由", "#consent-form");
            assertThat(browser.findElement(By.id("consent-field-name")).isSelected())
                    .isTrue();

            // the yellow focus ring on the blue header
            js(browser).executeScript("document.querySelector('.top .brand').focus();");
            new org.openqa.selenium.interactions.Actions(browser)
                    .sendKeys(org.openqa.selenium.Keys.TAB)
                    .perform();
            WebElement focused = browser.switchTo().activeElement();
            assertThat(focused.getText()).isEqualTo("我的证照");
            assertThat(focused.getCssValue("outline-style")).isEqualTo("solid");
            String ring = focused.getCssValue("outline-color");
            String header = browser.findElement(By.cssSelector("header.top")).getCssValue("background-color");
            assertThat(contrast(ring, header)).as(ring + " on " + header).isGreaterThanOrEqualTo(3.0);

            if (phone) {
                continue;
            }
            // 撤回分享 asks first; cancelling keeps the share
            browser.findElement(By.id("field-name")).click();
            browser.findElement(By.id("create-share")).click();
            wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("share-link")));
            browser.findElement(By.id("withdraw-share")).click();
            WebElement dialog =
                    wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
            assertThat(dialog.getText()).contains("撤回", "名称");
            screenshot(browser, "wallet-confirm-dialog");
            Axe.check(browser, "withdraw-share dialog, 1280 px");
            browser.findElement(By.id("confirm-dialog-cancel")).click();
            assertThat(browser.findElement(By.id("share-state")).getText()).isEqualTo("有效");
            browser.findElement(By.id("withdraw-share")).click();
            wait(browser)
                    .until(ExpectedConditions.elementToBeClickable(By.id("confirm-dialog-ok")))
                    .click();
            wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("share-state"), "已撤回"));
        }
    }

    /**
     * The 亮证 page's countdown (wallet.js: a one-second setInterval that asks for the next code at 0) on a clock the
     * test moves. Added to every new document of the session (CDP) and active on 亮证 pages only, it keeps the page's
     * interval timers until {@link #countDownToTheNextCode} runs them as the seconds of the countdown would: the test
     * neither waits out the period (3 s a code) nor races a renewal that starts while axe is checking the page.
     */
    private static final String COUNTDOWN_CLOCK = """
            if (location.pathname.startsWith('/wallet/shares/') && location.pathname.endsWith('/show')) {
              const timers = new Map();
              let next = 1;
              window.setInterval = (fn, ms) => { timers.set(next, {fn, ms}); return next++; };
              window.clearInterval = id => { timers.delete(id); };
              window.zhengyinCountdown = seconds => {
                if (timers.size === 0) return false;
                for (let ms = 1000; ms <= seconds * 1000; ms += 1000)
                  for (const [id, t] of [...timers]) if (timers.has(id) && ms % t.ms === 0) t.fn();
                return true;
              };
            }
            """;

    /**
     * Lets the 亮证 page's countdown run to its end (data-refresh seconds) and returns the next code's share, which
     * replaces {@code shown}; the renewal replaces the element, so a code read while it happens is read again.
     */
    private static String countDownToTheNextCode(WebDriver browser, String shown) {
        wait(browser).until(d -> (Boolean) js(d).executeScript("const main = document.querySelector('main.show');"
                + "return !!main && typeof window.zhengyinCountdown === 'function'"
                + " && window.zhengyinCountdown(Number(main.dataset.refresh));"));
        return wait(browser)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    String now = d.findElement(By.id("show-qr")).getAttribute("data-share");
                    return shown.equals(now) ? null : now;
                });
    }

    private static void assertErrorNextToField(WebDriver browser, String errorId, String text, String container) {
        WebElement error = wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id(errorId)));
        assertThat(error.getText()).contains(text);
        assertThat(browser.findElement(By.cssSelector(container)).findElements(By.id(errorId)))
                .as(errorId + " inside " + container)
                .hasSize(1);
    }

    /** No sideways scrolling, and no header, button or badge squeezed to one character a line. */
    private static void assertNoSidewaysScrollingOrStackedLetters(WebDriver browser) {
        long width = (Long) js(browser).executeScript("return window.innerWidth;");
        long scrollWidth = (Long) js(browser).executeScript("return document.documentElement.scrollWidth;");
        assertThat(scrollWidth).as("no horizontal scrolling").isLessThanOrEqualTo(width);
        @SuppressWarnings("unchecked")
        List<String> stacked = (List<String>) js(browser)
                .executeScript(
                        "return [...document.querySelectorAll('th, button, .button, .top a, .badge, label, h1, h2')]"
                                + ".filter(e => e.offsetParent !== null && e.textContent.trim().length > 1)"
                                + ".filter(e => { const s = getComputedStyle(e); const r = e.getBoundingClientRect();"
                                + " return r.width < 1.9 * parseFloat(s.fontSize) && r.height > 2.2 * parseFloat(s.fontSize); })"
                                + ".map(e => e.textContent.trim());");
        assertThat(stacked).as("one character a line").isEmpty();
    }

    private static void waitForImages(WebDriver browser) {
        wait(browser)
                .until(
                        d -> (Boolean)
                                js(d).executeScript(
                                                "return [...document.images].every(i => i.loading === 'lazy' || (i.complete && i.naturalWidth > 0));"));
    }

    private static long width(WebDriver browser) {
        return (Long) js(browser).executeScript("return window.innerWidth;");
    }

    private static org.openqa.selenium.JavascriptExecutor js(WebDriver driver) {
        return (org.openqa.selenium.JavascriptExecutor) driver;
    }

    /** WCAG 2.1 contrast ratio of two CSS colours (rgb()/rgba()). */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String css) {
        String[] parts = css.replaceAll("[^0-9.,]", "").split(",");
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Double.parseDouble(parts[i]) / 255;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    private static Path writeTemp(byte[] content) throws IOException {
        Path file = Files.createTempFile("licence", ".pdf");
        Files.write(file, content);
        file.toFile().deleteOnExit();
        return file;
    }

    /** SharedChromium's wait: asks every 50 ms (Selenium's default of 500 ms cost up to half a second a page). */
    private static WebDriverWait wait(WebDriver driver) {
        return SharedChromium.waitFor(driver);
    }

    /** Writes a screenshot of the whole page (the viewport grown to the page's height) when regenerating the docs. */
    private void screenshot(WebDriver driver, String name) {
        if (!screenshots) {
            return;
        }
        var js = (org.openqa.selenium.JavascriptExecutor) driver;
        long width = (Long) js.executeScript("return window.innerWidth;");
        long height = (Long) js.executeScript("return window.innerHeight;");
        long page = (Long) js.executeScript("return document.documentElement.scrollHeight;");
        boolean phone = width < 500;
        ChromeDriver chrome = (ChromeDriver) driver;
        chrome.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                java.util.Map.of(
                        "width", width, "height", Math.min(4000, page), "deviceScaleFactor", 1, "mobile", phone));
        try {
            Path png = ((org.openqa.selenium.TakesScreenshot) driver)
                    .getScreenshotAs(OutputType.FILE)
                    .toPath();
            Files.createDirectories(IMAGES);
            Files.copy(png, IMAGES.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            chrome.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    java.util.Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", phone));
        }
    }
}
