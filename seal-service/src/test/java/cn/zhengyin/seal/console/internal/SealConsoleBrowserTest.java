package cn.zhengyin.seal.console.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.seal.SealServiceApplication;
import cn.zhengyin.seal.authorisation.GranteeKind;
import cn.zhengyin.seal.authorisation.SealAuthorisationService;
import cn.zhengyin.seal.sealing.SealingRequestException;
import cn.zhengyin.seal.sealing.SealingRequestService;
import cn.zhengyin.service.testing.SharedChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The seal console in a real browser: headless system Chromium driven by Selenium through the system chromedriver,
 * against the seal service on a free port with an in-memory store. Skipped (assumption) where Chromium or chromedriver
 * is not installed. With {@code -Dzhengyin.docs.regenerate=true} it writes docs/images/console-*.png.
 */
@SpringBootTest(
        classes = SealServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=seal-service",
            "spring.application.name=seal-console-test",
            "zhengyin.store.embedded.in-memory=true",
            "zhengyin.console.dev-sign-in.enabled=true",
            "zhengyin.console.dev-sign-in.people[0].id=seal-applicant-demo",
            "zhengyin.console.dev-sign-in.people[0].name=印章申请人 王申 (seal applicant)",
            "zhengyin.console.dev-sign-in.people[0].roles=APPLICANT",
            "zhengyin.console.dev-sign-in.people[0].organisations=11110100000000019Q",
            "zhengyin.console.dev-sign-in.people[1].id=seal-approver-demo",
            "zhengyin.console.dev-sign-in.people[1].name=印章审批人 李审 (seal approver)",
            "zhengyin.console.dev-sign-in.people[1].roles=APPROVER,PROVINCE",
            "zhengyin.console.dev-sign-in.people[2].id=seal-admin-demo",
            "zhengyin.console.dev-sign-in.people[2].name=印章管理员 赵管 (seal administrator)",
            "zhengyin.console.dev-sign-in.people[2].roles=ADMINISTRATOR",
            "zhengyin.console.dev-sign-in.people[2].organisations=11110100000000019Q",
            // one person holding two roles, to show that the four-eyes rule still stops them approving their own
            "zhengyin.console.dev-sign-in.people[3].id=seal-clerk-demo",
            "zhengyin.console.dev-sign-in.people[3].name=科员 (applicant and approver)",
            "zhengyin.console.dev-sign-in.people[3].roles=APPLICANT,APPROVER",
            "zhengyin.console.dev-sign-in.people[3].organisations=11110100000000019Q",
            // an administrator of another organisation (the forestry bureau): sees none of the market bureau's seals
            "zhengyin.console.dev-sign-in.people[4].id=seal-admin-forestry-demo",
            "zhengyin.console.dev-sign-in.people[4].name=林业局印章管理员 钱林",
            "zhengyin.console.dev-sign-in.people[4].roles=ADMINISTRATOR",
            "zhengyin.console.dev-sign-in.people[4].organisations=11110100000000027K",
            // 用印审批: every use of the dev seal needs a second person's approval here
            "zhengyin.sealing.approval-required-seals=ZYDEV-SEAL-0001"
        })
class SealConsoleBrowserTest {
    static final Path KEYS_DEV = Path.of("../keys-dev");
    static final Path DOC_IMAGES = Path.of("../docs/images");
    static final String USCC = "11110100000000019Q";
    static final boolean REGENERATE = Boolean.getBoolean("zhengyin.docs.regenerate");

    @TempDir
    static Path keyStoreDir;

    static ChromeDriver browser;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void keyStore(DynamicPropertyRegistry registry) {
        registry.add(
                "zhengyin.keys-directory",
                () -> KEYS_DEV.toAbsolutePath().normalize().toString());
        registry.add(
                "zhengyin.seal-keys.file", () -> keyStoreDir.resolve("keys.p12").toString());
    }

    @BeforeAll
    static void startBrowser() {
        Assumptions.assumeTrue(
                SharedChromium.installed(),
                "browser tests need the Debian packages chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)");
        browser = SharedChromium.session(1280, 900); // the JVM's one Chromium (service-kit's test-jar)
    }

    /** Signed out and the language chosen again: every cookie cleared (CDP, without loading a page to do it). */
    @BeforeEach
    void freshSession() {
        browser.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    @Test
    void anApplicantAppliesAnApproverApprovesAndTheAdministratorRunsTheWholeLifecycle() throws Exception {
        open("/console/seals");
        assertThat(browser.getCurrentUrl())
                .as("not signed in: sent to the sign-in page")
                .contains("/console/sign-in");
        assertThat(text("#dev-sign-in")).contains("开发环境");
        // Styled by the page styles shared with the licence service (service-kit) and by its own.
        assertThat(browser.findElement(By.tagName("body")).getCssValue("background-color"))
                .isEqualTo("rgba(246, 248, 250, 1)");
        screenshot("console-sign-in.png");

        signInAs("seal-applicant-demo");
        assertThat(text("#who")).contains("印章申请人");
        String id = applyForSeal("证印示范市市场监督管理局浏览器测试专用章");
        assertThat(state()).isEqualTo("APPLIED");
        assertThat(text("#notice")).contains("申请已提交");
        assertThat(browser.findElements(By.id("do-approve")))
                .as("an applicant has no approve button")
                .isEmpty();
        assertThat(text("#events")).contains("申请").contains("王申");
        // the validity ends on the day entered, the same on the seal page as in the list (China time)
        String lastDay =
                LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusYears(2).toString();
        assertThat(text("#validity")).endsWith(lastDay + "（含，北京时间）");
        open("/console/seals");
        assertThat(text("#seals tr[data-seal='" + id + "']")).contains(lastDay);
        openSeal(id);
        signOut();

        signInAs("seal-approver-demo");
        openSeal(id);
        assertThat(browser.findElements(By.id("own-application"))).isEmpty();
        act("approve", "材料齐全");
        assertThat(state()).isEqualTo("APPROVED");
        assertThat(text("#notice")).contains("已审批通过");
        assertThat(browser.findElements(By.id("do-make")))
                .as("the approver cannot make seals")
                .isEmpty();
        signOut();

        signInAs("seal-admin-demo");
        openSeal(id);
        act("make", "制作");
        assertThat(state()).isEqualTo("MADE");
        assertThat(text("#details")).contains("SM2").contains("ECDSA");
        act("issue", "交付");
        assertThat(state()).isEqualTo("ISSUED");
        browser.findElement(By.id("grantee")).sendKeys("licence-service");
        browser.findElement(By.id("grantReason")).sendKeys("电子证照签章");
        submitAndWaitForTheNextPage(browser.findElement(By.id("grant-submit")));
        assertThat(text("#authorisation-table")).contains("电子证照系统").contains("赵管");
        assertThat(imageLoaded("seal-image"))
                .as("the seal's image is served by the console")
                .isTrue();
        screenshot("console-seal.png");

        signOut();

        // the applicant, who holds the seal, reports it lost themselves (a confirmation first)
        signInAs("seal-applicant-demo");
        openSeal(id);
        assertThat(text("#do-suspend")).isEqualTo("报告遗失（挂失）");
        assertThat(browser.findElements(By.id("do-revoke"))).isEmpty();
        act("suspend", "印章遗失");
        assertThat(state()).isEqualTo("SUSPENDED");
        signOut();

        signInAs("seal-admin-demo");
        openSeal(id);
        act("reinstate", "已找回");
        assertThat(state()).isEqualTo("ISSUED");
        new Select(browser.findElement(By.id("crl-revoke"))).selectByValue("cessationOfOperation");
        act("revoke", "单位注销");
        assertThat(state()).isEqualTo("REVOKED");
        act("destroy", "到期销毁");
        assertThat(state()).isEqualTo("DESTROYED");
        assertThat(browser.findElements(By.id("no-actions"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#events tbody tr"))).hasSize(8);
        // people's names, not client ids; certificate reasons in words
        assertThat(text("#events")).contains("王申", "李审", "赵管").doesNotContain("seal-applicant-demo");
        assertThat(text("#details")).contains("单位停止运营").doesNotContain("cessationOfOperation");
        assertThat(text("#authorisation-table")).contains("电子证照系统", "应用系统").doesNotContain("OAuth2");

        open("/console/seals?state=DESTROYED");
        assertThat(browser.findElements(By.cssSelector("#seals tr[data-seal='" + id + "']")))
                .hasSize(1);
        open("/console/seals?state=APPLIED");
        assertThat(browser.findElements(By.cssSelector("#seals tr[data-seal='" + id + "']")))
                .isEmpty();
        open("/console/seals");
        screenshot("console-list.png");
        signOut();
        open("/console/seals/" + id);
        assertThat(browser.getCurrentUrl())
                .as("signed out: the session is gone")
                .contains("/console/sign-in");
    }

    @Test
    void theApplicantCannotApproveTheirOwnApplicationEvenWithTheApproverRole() {
        signInAs("seal-clerk-demo");
        String id = applyForSeal("证印示范市市场监督管理局四眼测试专用章");
        assertThat(browser.findElements(By.id("do-approve")))
                .as("no approve button on one's own application")
                .isEmpty();
        assertThat(text("#own-application")).contains("四眼原则");
        // forge the approve action from the reject form (valid session and CSRF token): the domain rule refuses it
        ((JavascriptExecutor) browser)
                .executeScript(
                        "const f = document.getElementById('form-reject'); f.querySelector('input[name=action]').value = 'approve';"
                                + "f.querySelector('input[name=reason]').value = '自批'; f.submit();");
        waitForPage();
        assertThat(text("#error")).contains("四眼原则").contains("seal-clerk-demo").doesNotContain("Exception");
        assertThat(state()).isEqualTo("APPLIED");
    }

    @Test
    void anIllegalTransitionIsShownAsAReadableMessage() {
        String id = appliedFor("证印示范市市场监督管理局状态测试专用章");
        signInAs("seal-admin-demo");
        openSeal(id);
        assertThat(browser.findElements(By.id("do-make")))
                .as("an applied seal cannot be made yet")
                .isEmpty();
        String token = browser.findElement(By.cssSelector("#sign-out"))
                .findElement(By.xpath(".."))
                .findElement(By.name("_csrf"))
                .getDomProperty("value");
        ((JavascriptExecutor) browser)
                .executeScript(
                        "const f = document.createElement('form'); f.method = 'post'; f.action = arguments[0];"
                                + "for (const [k, v] of [['action', 'issue'], ['_csrf', arguments[1]]]) {"
                                + "  const i = document.createElement('input'); i.type = 'hidden'; i.name = k; i.value = v; f.appendChild(i); }"
                                + "document.body.appendChild(f); f.submit();",
                        "/console/seals/" + id + "/transitions",
                        token);
        waitForPage();
        assertThat(text("#error")).contains("不允许").contains("is APPLIED; only MADE seals can be issued");
        assertThat(state()).isEqualTo("APPLIED");
    }

    @Test
    void chineseIsTheDefaultAndEnglishCanBeChosenAndIsRemembered() {
        signInAs("seal-approver-demo");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("印章列表");
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang"))
                .isEqualTo("zh-CN");
        browser.findElement(By.id("lang-en")).click();
        waitForPage();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Seals");
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang"))
                .isEqualTo("en");
        open("/console/seals?state=ISSUED");
        assertThat(browser.findElement(By.tagName("h1")).getText())
                .as("the choice is remembered")
                .isEqualTo("Seals");
        assertThat(text("#who")).contains("Signed in as").contains("Approver");
        browser.findElement(By.id("lang-zh")).click();
        waitForPage();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("印章列表");
    }

    @Test
    void theListAndASealPageFitA360PixelWideScreen() {
        String id = appliedFor("证印示范市市场监督管理局窄屏测试专用章名称较长以检查换行");
        signInAs("seal-applicant-demo");
        try {
            browser.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", 360, "height", 780, "deviceScaleFactor", 1, "mobile", true));
            for (String page : List.of("/console/seals", "/console/seals/" + id, "/console/seals/new")) {
                open(page);
                Map<?, ?> size = (Map<?, ?>) ((JavascriptExecutor) browser)
                        .executeScript(
                                "return {inner: window.innerWidth, scroll: document.documentElement.scrollWidth};");
                assertThat(((Number) size.get("inner")).intValue()).isEqualTo(360);
                assertThat(((Number) size.get("scroll")).intValue())
                        .as("no horizontal scrolling on " + page)
                        .isLessThanOrEqualTo(360);
            }
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    void everyControlIsReachableByKeyboardAndLabelled() {
        signInAs("seal-applicant-demo");
        open("/console/seals/new");
        for (WebElement input : browser.findElements(By.cssSelector("main input, main select, main textarea"))) {
            if (!"hidden".equals(input.getDomAttribute("type"))) {
                String inputId = input.getDomAttribute("id");
                assertThat(browser.findElements(By.cssSelector("label[for='" + inputId + "']")))
                        .as("a label for #" + inputId)
                        .hasSize(1);
            }
        }
        // the skip link is the first stop of the tab order, and a button submits the form from the keyboard
        browser.findElement(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.TAB);
        assertThat(browser.switchTo().activeElement().getDomAttribute("class")).isEqualTo("skip");
    }

    /**
     * Every irreversible action asks first, in a native dialog usable by keyboard: Esc or Cancel leaves the seal as
     * it was and gives the focus back; confirming runs it. Without JavaScript the server asks on a page instead.
     */
    @Test
    void irreversibleActionsAskForConfirmationInADialogAndWithoutJavaScriptOnAPage() {
        String id = appliedFor("证印示范市市场监督管理局确认测试专用章");
        // approved, made and issued through the service the console's buttons call (the lifecycle test clicks them)
        lifecycle.approve(id, "seal-approver-demo", "同意");
        lifecycle.make(id, "seal-admin-demo", "制作");
        lifecycle.issue(id, "seal-admin-demo", "交付");
        signInAs("seal-admin-demo");
        openSeal(id);
        assertThat(state()).isEqualTo("ISSUED");

        WebElement revoke = browser.findElement(By.id("form-revoke"));
        revoke.findElement(By.name("reason")).sendKeys("单位注销");
        browser.findElement(By.id("do-revoke")).sendKeys(org.openqa.selenium.Keys.ENTER);
        assertThat(dialogOpen()).isTrue();
        assertThat(text("#confirm-text")).contains("确定注销", "确认测试专用章", "不能恢复");
        assertThat(browser.switchTo().activeElement().getDomAttribute("id"))
                .as("the safe choice has the focus")
                .isEqualTo("confirm-cancel");
        browser.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ESCAPE);
        assertThat(dialogOpen()).isFalse();
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("do-revoke");
        open("/console/seals/" + id);
        assertThat(state()).as("cancelled: nothing happened").isEqualTo("ISSUED");
        axe("console seal page with the dialog open, 1280 px", () -> {
            browser.findElement(By.id("form-revoke"))
                    .findElement(By.name("reason"))
                    .sendKeys("x");
            browser.findElement(By.id("do-revoke")).click();
        });
        browser.findElement(By.id("confirm-cancel")).click();

        // without JavaScript the form is sent as it is (form.submit() fires no submit event): the server asks
        ((JavascriptExecutor) browser)
                .executeScript("const f = document.getElementById('form-revoke');"
                        + "f.querySelector('input[name=reason]').value = '单位注销'; f.submit();");
        waitForPage();
        assertThat(text("#confirm-question")).contains("确定注销");
        assertThat(browser.getCurrentUrl()).endsWith("/transitions");
        WebElement yes = browser.findElement(By.id("confirm-yes"));
        yes.click();
        SharedChromium.waitFor(browser).until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(yes));
        waitForPage();
        assertThat(state()).isEqualTo("REVOKED");

        act("destroy", "到期销毁");
        assertThat(state()).isEqualTo("DESTROYED");
    }

    /** Refusals of one input are shown next to it, in Chinese, with the form kept. */
    @Test
    void formErrorsAreShownInChineseNextToTheirField() {
        signInAs("seal-applicant-demo");
        open("/console/seals/new");
        browser.findElement(By.id("organisationName")).sendKeys("证印示范市市场监督管理局");
        browser.findElement(By.id("organisationUscc")).sendKeys("91990100MA00XF8K1X"); // wrong check character
        browser.findElement(By.id("name")).sendKeys("证印示范市市场监督管理局合同专用章");
        browser.findElement(By.id("apply-submit")).click();
        waitForPage();
        assertThat(text("#organisationUscc-error")).contains("统一社会信用代码有误", "校验码");
        assertThat(browser.findElement(By.id("organisationUscc")).getDomAttribute("aria-describedby"))
                .isEqualTo("organisationUscc-error");
        assertThat(browser.findElement(By.id("organisationUscc")).getDomAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(browser.findElement(By.id("name")).getDomProperty("value"))
                .as("the form is kept")
                .isEqualTo("证印示范市市场监督管理局合同专用章");
        assertThat(browser.findElements(By.id("error")))
                .as("no English sentence at the top")
                .isEmpty();
        axe("console apply form with an error, 1280 px", () -> {});

        String id = appliedFor("证印示范市市场监督管理局理由测试专用章");
        signOut();
        signInAs("seal-approver-demo");
        openSeal(id);
        // reject without a reason (the browser's own check removed): the server's message is at the reason field
        ((JavascriptExecutor) browser)
                .executeScript("document.getElementById('reason-reject').removeAttribute('required');");
        WebElement rejectForm = browser.findElement(By.id("form-reject"));
        browser.findElement(By.id("do-reject")).click();
        browser.findElement(By.id("confirm-yes")).click();
        SharedChromium.waitFor(browser)
                .until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(rejectForm));
        waitForPage();
        assertThat(text("#reason-reject-error")).isEqualTo("请填写理由：这项操作需要记录原因。");
        assertThat(state()).isEqualTo("APPLIED");
    }

    /**
     * An organisation's administrators see only their organisation's seals: another's is not in their list and its page
     * is "not found"; a province-wide person sees them all.
     */
    @Test
    void administratorsSeeOnlyTheirOwnOrganisationsSeals() {
        String id = appliedFor("证印示范市市场监督管理局范围测试专用章");
        signInAs("seal-admin-forestry-demo");
        assertThat(text("#scope")).contains("本单位");
        assertThat(browser.findElements(By.cssSelector("#seals tr[data-seal='" + id + "']")))
                .isEmpty();
        assertThat(browser.findElements(By.cssSelector("#seals td")).stream()
                        .map(WebElement::getText)
                        .toList())
                .noneMatch(t -> t.contains("市场监督管理局"));
        open("/console/seals/" + id);
        assertThat(text("#error")).contains("未找到该印章");
        signOut();
        signInAs("seal-approver-demo");
        assertThat(text("#scope")).contains("全省");
        assertThat(browser.findElements(By.cssSelector("#seals tr[data-seal='" + id + "']")))
                .hasSize(1);
    }

    /** The skip link is readable when it has the focus, and axe finds nothing serious on any page at 1280 and 390 px. */
    @Test
    void theSkipLinkShowsWhenFocusedAndEveryPageIsAccessibleAtBothWidths() throws Exception {
        open("/console/sign-in");
        axe("console sign-in, 1280 px", () -> {});
        String id = appliedFor("证印示范市市场监督管理局无障碍测试专用章");
        signInAs("seal-applicant-demo");
        browser.findElement(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.TAB);
        WebElement skip = browser.switchTo().activeElement();
        assertThat(skip.getDomAttribute("class")).isEqualTo("skip");
        assertThat(skip.getCssValue("color"))
                .as("the focused skip link is not white on white")
                .isNotEqualTo(skip.getCssValue("background-color"));
        assertThat(skip.getRect().getX()).isGreaterThanOrEqualTo(0);
        for (int width : new int[] {1280, 390}) {
            browser.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", 844, "deviceScaleFactor", 1, "mobile", width < 500));
            try {
                for (String page : List.of("/console/seals", "/console/seals/" + id, "/console/seals/new")) {
                    open(page);
                    if (width != 1280 || !page.endsWith("/new")) { // at 1280 px: with an error, in formErrorsAre…
                        axe(page + ", " + width + " px", () -> {});
                    }
                    assertThat(oneCharacterPerLine())
                            .as("buttons, badges and headers wrapping one character per line on " + page)
                            .isEmpty();
                }
                if (width == 390) {
                    open("/console/seals/" + id);
                    screenshot("console-seal-390.png");
                    open("/console/seals");
                    screenshot("console-list-390.png");
                }
            } finally {
                browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            }
        }
    }

    /** Runs axe on the page after {@code prepare}; fails on serious or critical violations. */
    private void axe(String where, Runnable prepare) {
        prepare.run();
        cn.zhengyin.service.testing.Axe.check(browser, where);
    }

    /** Texts of buttons, badges and table headers laid out narrower than two characters and taller than two lines. */
    private List<String> oneCharacterPerLine() {
        @SuppressWarnings("unchecked")
        List<String> narrow = (List<String>) ((JavascriptExecutor) browser).executeScript("""
                        const out = [];
                        for (const e of document.querySelectorAll('main button, main .button, main .badge, main th, main label')) {
                          const r = e.getBoundingClientRect(), s = getComputedStyle(e), size = parseFloat(s.fontSize);
                          const text = e.textContent.trim();
                          if (r.width > 0 && text.length > 1 && r.width < 2 * size && r.height > 2.5 * size) out.push(text);
                        }
                        return out;""");
        return narrow;
    }

    @Autowired
    SealAuthorisationService authorisations;

    @Autowired
    cn.zhengyin.seal.lifecycle.SealLifecycleService lifecycle;

    @Autowired
    SealingRequestService sealingRequests;

    /**
     * 用印 with 用印审批: a clerk uploads a two-page PDF, a missing keyword is explained next to its field, the keyword
     * places the seal, a click on the rendered page moves it, the submission waits for approval; the clerk (also an
     * approver) cannot approve their own request; the approver confirms in a dialog; the clerk downloads the sealed PDF,
     * which pdfsig reports valid.
     */
    @Test
    void aDocumentIsPlacedSubmittedApprovedBySomeoneElseAndDownloadedSealed(@TempDir Path dir) throws Exception {
        authorisations.grant(
                "ZYDEV-SEAL-0001",
                GranteeKind.PERSON,
                "seal-clerk-demo",
                Set.of("doc:decision"),
                Optional.empty(),
                Optional.empty(),
                "seal-admin-demo",
                "browser test: the clerk seals decisions");
        Path pdf = dir.resolve("decision.pdf");
        Files.write(pdf, twoPageDecision());

        signInAs("seal-clerk-demo");
        browser.findElement(By.id("nav-sealings")).click();
        waitForPage();
        browser.findElement(By.id("new-sealing")).click();
        waitForPage();
        fillSealingForm(pdf, "Nowhere");
        assertThat(text("#error-keyword")).contains("未找到关键字").contains("keyword-not-found");
        fillSealingForm(pdf, "Approved by");
        assertThat(text("#sealing-state")).isEqualTo("草稿");
        assertThat(text("#positions")).startsWith("page 2 [");
        assertThat(browser.findElement(By.id("page-image")).getSize().getHeight())
                .as("the rendered A4 page, 600 px wide")
                .isBetween(840, 855);

        // a click in the middle of the rendered page 2 (600 px for 210 mm) puts the seal's centre there
        browser.findElement(By.id("page-image")).click();
        waitForPage();
        assertThat(text("#notice")).contains("位置已更新");
        assertThat(text("#positions")).startsWith("page 2 [84.0, ");
        screenshot("console-sealing.png");

        browser.findElement(By.id("submit-sealing")).click();
        waitForPage();
        assertThat(text("#sealing-state")).isEqualTo("待审批");
        assertThat(text("#approval-required")).contains("用印审批");
        String id = browser.getCurrentUrl().replaceAll(".*/console/sealings/", "");
        assertThat(browser.findElements(By.id("approve")))
                .as("the requester, though an approver, has no approve button")
                .isEmpty();
        assertThat(text("#own-request")).contains("四眼原则");
        assertThatThrownBy(() -> sealingRequests.approve(id, "seal-clerk-demo"))
                .isInstanceOf(SealingRequestException.class)
                .hasMessageContaining("四眼原则");
        signOut();

        signInAs("seal-approver-demo");
        open("/console/sealings");
        browser.findElement(By.cssSelector("#pending li[data-request='" + id + "'] a"))
                .click();
        waitForPage();
        assertThat(browser.findElement(By.id("approve-confirm")).isDisplayed()).isFalse();
        browser.findElement(By.id("approve")).click();
        assertThat(browser.findElement(By.id("approve-confirm")).isDisplayed())
                .as("a confirmation dialog first")
                .isTrue();
        browser.findElement(By.id("approve-confirm")).click();
        waitForPage();
        assertThat(text("#notice")).contains("已批准");
        assertThat(text("#sealing-state")).isEqualTo("已盖章");
        assertThat(text("#decided-by")).isEqualTo("seal-approver-demo");
        signOut();

        signInAs("seal-clerk-demo");
        open("/console/sealings/" + id);
        String href = browser.findElement(By.id("download")).getDomProperty("href");
        String cookies = browser.manage().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
        java.net.http.HttpResponse<byte[]> download = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(href))
                                .header("Cookie", cookies)
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/pdf");
        Path sealed = dir.resolve("sealed.pdf");
        Files.write(sealed, download.body());
        Process pdfsig = new ProcessBuilder("pdfsig", sealed.toString())
                .redirectErrorStream(true)
                .start();
        String report = new String(pdfsig.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(pdfsig.waitFor()).as(report).isZero();
        assertThat(report).contains("Signature is Valid.").doesNotContain("Signature is Invalid");
        assertThat(report).contains("证印示范市市场监督管理局");
    }

    private void fillSealingForm(Path pdf, String keyword) {
        browser.findElement(By.id("document")).sendKeys(pdf.toAbsolutePath().toString());
        new Select(browser.findElement(By.id("sealId"))).selectByValue("ZYDEV-SEAL-0001");
        WebElement caseNumber = browser.findElement(By.id("caseNumber"));
        caseNumber.clear();
        caseNumber.sendKeys("XF-2026-000777");
        browser.findElement(By.id("placement-keyword")).click();
        WebElement word = browser.findElement(By.id("keyword"));
        word.clear();
        word.sendKeys(keyword);
        submitAndWaitForTheNextPage(browser.findElement(By.id("sealing-upload")));
    }

    /** A two-page A4 PDF whose second page ends with "Approved by" (Helvetica: no font to embed). */
    static byte[] twoPageDecision() throws Exception {
        try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
            var font = new org.apache.pdfbox.pdmodel.font.PDType1Font(
                    org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA);
            for (String text : List.of("Decision XF-2026-000777", "Approved by the authority")) {
                var page = new org.apache.pdfbox.pdmodel.PDPage(org.apache.pdfbox.pdmodel.common.PDRectangle.A4);
                doc.addPage(page);
                try (var content = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
                    content.beginText();
                    content.setFont(font, 14);
                    content.newLineAtOffset(200, 400);
                    content.showText(text);
                    content.endText();
                }
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    // ---- helpers ----

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private void signInAs(String person) {
        open("/console/sign-in");
        browser.findElement(By.id("person-" + person)).click();
        browser.findElement(By.id("dev-sign-in-submit")).click();
        SharedChromium.waitFor(browser)
                .until(org.openqa.selenium.support.ui.ExpectedConditions.urlMatches("/console/seals$"));
        waitForPage();
        assertThat(browser.getCurrentUrl()).endsWith("/console/seals");
    }

    private void signOut() {
        browser.findElement(By.id("sign-out")).click();
        SharedChromium.waitFor(browser)
                .until(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(By.id("signed-out")));
        assertThat(text("#signed-out")).isNotEmpty();
    }

    private String applyForSeal(String name) {
        open("/console/seals/new");
        browser.findElement(By.id("organisationName")).sendKeys("证印示范市市场监督管理局");
        browser.findElement(By.id("organisationUscc")).sendKeys(USCC);
        new Select(browser.findElement(By.id("type"))).selectByValue("99");
        browser.findElement(By.id("kindName")).sendKeys("业务专用章");
        browser.findElement(By.id("name")).sendKeys(name);
        WebElement until = browser.findElement(By.id("validUntil"));
        ((JavascriptExecutor) browser)
                .executeScript(
                        "arguments[0].value = arguments[1];",
                        until,
                        LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))
                                .plusYears(2)
                                .toString());
        browser.findElement(By.id("reason")).sendKeys("浏览器测试");
        browser.findElement(By.id("apply-submit")).click();
        SharedChromium.waitFor(browser)
                .until(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(By.id("seal-name")));
        assertThat(text("#seal-name")).isEqualTo(name);
        return text("#seal-id");
    }

    /**
     * A seal the applicant applied for, through the service the console's form calls: for the tests whose subject comes
     * after the application (the form itself is driven in the lifecycle, four-eyes and form-error tests).
     */
    private String appliedFor(String name) {
        java.time.ZoneId china = java.time.ZoneId.of("Asia/Shanghai");
        var application = new cn.zhengyin.seal.lifecycle.SealApplication(
                new cn.zhengyin.seal.lifecycle.Organisation("证印示范市市场监督管理局", USCC),
                cn.zhengyin.seal.lifecycle.SealTypes.ofCode("99"),
                "业务专用章",
                name,
                new cn.zhengyin.seal.lifecycle.ValidityPeriod(
                        java.time.Instant.now(),
                        LocalDate.now(china)
                                .plusYears(2)
                                .plusDays(1)
                                .atStartOfDay(china)
                                .toInstant()));
        return lifecycle.apply(application, "seal-applicant-demo", "浏览器测试").id();
    }

    private void openSeal(String id) {
        open("/console/seals");
        browser.findElement(By.cssSelector("#seals tr[data-seal='" + id + "'] a"))
                .click();
        waitForPage();
    }

    private void act(String action, String reason) {
        WebElement form = browser.findElement(By.id("form-" + action));
        form.findElement(By.name("reason")).sendKeys(reason);
        boolean asks = form.getDomAttribute("data-confirm") != null;
        form.findElement(By.id("do-" + action)).click();
        if (asks) {
            assertThat(dialogOpen()).as("a confirmation before " + action).isTrue();
            browser.findElement(By.id("confirm-yes")).click();
        }
        // the dialog sends the form when it closes, after the click returned: wait for the next page
        SharedChromium.waitFor(browser).until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(form));
        waitForPage();
        assertThat(browser.findElements(By.id("error")))
                .as("no error after " + action)
                .isEmpty();
    }

    private boolean dialogOpen() {
        return Boolean.TRUE.equals(
                ((JavascriptExecutor) browser).executeScript("return document.getElementById('confirm-dialog').open;"));
    }

    private String state() {
        return browser.findElement(By.cssSelector("h1 .badge")).getDomAttribute("data-state");
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private boolean imageLoaded(String id) {
        return Boolean.TRUE.equals(((JavascriptExecutor) browser)
                .executeScript(
                        "const i = document.getElementById(arguments[0]); return i.complete && i.naturalWidth > 0;",
                        id));
    }

    /**
     * Clicks a form's submit button and waits for the page the server answers with: the click may return before the
     * navigation starts, when the old page is still "complete", so first wait for the button to leave the document.
     */
    private void submitAndWaitForTheNextPage(WebElement submit) {
        submit.click();
        SharedChromium.waitFor(browser).until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(submit));
        waitForPage();
    }

    private void waitForPage() {
        SharedChromium.waitFor(browser)
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** A full-page screenshot to docs/images when regenerating the docs. */
    private void screenshot(String name) throws Exception {
        if (!REGENERATE) {
            return;
        }
        cn.zhengyin.service.testing.Screenshots.fullPage(browser, DOC_IMAGES.resolve(name));
    }
}
