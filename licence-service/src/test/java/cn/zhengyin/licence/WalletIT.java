package cn.zhengyin.licence;

import static cn.zhengyin.trust.testing.Bytes.indexOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.authlete.sd.Disclosure;
import com.authlete.sd.SDJWT;
import com.authlete.sd.SDObjectDecoder;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Map;
import java.util.zip.Inflater;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** The wallet's access rules, sharing as an SD-JWT VC (checked with an independent library) and the public pages. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalletIT {
    private TwoServices services;
    private WalletFixture fixture;
    private JsonNode business; // held by 林晓峰's company
    private JsonNode physician; // held by 周雅琴

    @BeforeAll
    void issue() {
        services = TwoServices.shared();
        fixture = new WalletFixture(services);
        business = fixture.issueSample("business-licence");
        physician = fixture.issueSample("physician-certificate");
    }

    private String root(JsonNode licence) {
        return licence.get("root").asString();
    }

    private String id(JsonNode licence) {
        return licence.get("identifier").asString();
    }

    @Test
    void aRepresentativeSeesTheCompanysLicenceButNeverAnotherHoldersLicence() {
        HolderSession lin = HolderSession.signIn(services.licenceUrl, WalletFixture.LIN);
        HttpResponse<String> wallet = lin.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/wallet"))
                .GET()
                .build());
        assertThat(wallet.statusCode()).isEqualTo(200);
        assertThat(wallet.body()).contains("/wallet/licences/" + root(business)).doesNotContain(root(physician));

        assertThat(lin.get("/wallet/licences/" + root(business)).statusCode()).isEqualTo(200);
        assertThat(lin.get("/wallet/licences/" + root(physician)).statusCode()).isEqualTo(404);
        assertThat(lin.get("/wallet/versions/" + id(physician) + "/pdf").statusCode())
                .isEqualTo(404);
        assertThat(lin.get("/wallet/versions/" + id(physician) + "/xml").statusCode())
                .isEqualTo(404);
        assertThat(lin.get("/wallet/versions/" + id(physician) + "/ofd").statusCode())
                .isEqualTo(404);
        assertThat(bytes(lin, "/wallet/versions/" + id(physician) + "/preview.png")
                        .statusCode())
                .isEqualTo(404);
        assertThat(lin.get("/wallet/licences/no-such-licence").statusCode()).isEqualTo(404);
        HttpResponse<String> sharePhysician = WalletFixture.postForm(
                lin,
                "/wallet/licences/" + root(business),
                "/wallet/licences/" + root(physician) + "/shares",
                List.of("field=name", "expiry=P1D"));
        assertThat(sharePhysician.statusCode()).isEqualTo(404);
    }

    @Test
    void theHolderDownloadsTheFilesAndAPreviewOfTheirOwnLicence() {
        HolderSession zhou = HolderSession.signIn(services.licenceUrl, WalletFixture.ZHOU);
        HttpResponse<byte[]> pdf = bytes(zhou, "/wallet/versions/" + id(physician) + "/pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(pdf.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v).contains("attachment"));
        HttpResponse<byte[]> xml = bytes(zhou, "/wallet/versions/" + id(physician) + "/xml");
        assertThat(new String(xml.body(), StandardCharsets.UTF_8)).contains("Signature");
        HttpResponse<byte[]> ofd = bytes(zhou, "/wallet/versions/" + id(physician) + "/ofd");
        assertThat(ofd.statusCode()).isEqualTo(200);
        assertThat(cn.zhengyin.trust.ofd.OfdPackage.looksLikeOfd(ofd.body())).isTrue();
        HttpResponse<byte[]> png = bytes(zhou, "/wallet/versions/" + id(physician) + "/preview.png");
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.body()).startsWith(0x89, 'P', 'N', 'G');
        HttpResponse<String> page =
                zhou.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/wallet/licences/" + root(physician)))
                        .GET()
                        .build());
        assertThat(page.body())
                .contains("周雅琴", "有效", "颁发", "首次颁发", "/wallet/versions/" + id(physician) + "/ofd")
                .doesNotContain("ISSUED", ">ISSUE<");
        HttpResponse<String> english = zhou.send(
                HttpRequest.newBuilder(services.licenceUrl.resolve("/wallet/licences/" + root(physician) + "?lang=en"))
                        .GET()
                        .build());
        assertThat(english.body()).contains("Licence details", "Valid");
    }

    @Test
    void aCompanyNamedWithExtensionBCharactersShowsItsNameInTheWalletAndItsPreview() {
        String rare = "𪚥䶮堃龍数字科技有限公司";
        JsonNode licence = fixture.issueSample(
                "business-licence",
                Map.of("name", rare, "legalRepresentative", "林𠀀", "uscc", WalletFixture.LIN_OTHER_COMPANY));
        HolderSession lin = HolderSession.signIn(services.licenceUrl, WalletFixture.LIN);

        assertThat(lin.get("/wallet").body()).contains(rare);
        assertThat(lin.get("/wallet/licences/" + root(licence)).body()).contains(rare, "林𠀀");
        HttpResponse<byte[]> png = bytes(lin, "/wallet/versions/" + id(licence) + "/preview.png");
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.body()).startsWith(0x89, 'P', 'N', 'G');
        String share = WalletFixture.share(lin, root(licence), "P1D", "name", "legalRepresentative");
        assertThat(share).isNotBlank();
    }

    @Test
    void withoutSignInTheWalletRedirectsAndTheFilesAreNotServed() throws Exception {
        HttpClient plain = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        for (String path : List.of("/wallet/licences/" + root(business), "/wallet/versions/" + id(business) + "/pdf")) {
            HttpResponse<String> r = plain.send(
                    HttpRequest.newBuilder(services.licenceUrl.resolve(path))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(r.headers().firstValue("Location"))
                    .hasValueSatisfying(v -> assertThat(v).endsWith("/sign-in"));
        }
    }

    @Test
    void aShareIsAnSdJwtVcThatAnIndependentLibraryVerifiesRevealingOnlyTheChosenFields() throws Exception {
        HolderSession lin = HolderSession.signIn(services.licenceUrl, WalletFixture.LIN);
        String shareId = WalletFixture.share(lin, root(business), "P1D", "name", "uscc");
        HttpResponse<String> credential =
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/s/" + shareId + "/credential"))
                        .GET()
                        .build());
        assertThat(credential.statusCode()).isEqualTo(200);
        assertThat(credential.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("dc+sd-jwt"));

        SDJWT sdJwt = SDJWT.parse(credential.body());
        SignedJWT jwt = SignedJWT.parse(sdJwt.getCredentialJwt());
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("dc+sd-jwt");
        List<Base64> x5c = jwt.getHeader().getX509CertChain();
        X509Certificate seal = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(x5c.getFirst().decode()));
        assertThat(seal.getSubjectX500Principal().getName()).isNotEmpty();
        assertThat(jwt.verify(new ECDSAVerifier((ECPublicKey) seal.getPublicKey())))
                .isTrue();

        Map<String, Object> claims = jwt.getJWTClaimsSet().toJSONObject();
        assertThat(claims.get("vct")).isEqualTo("urn:zhengyin:licence-type:11100000XF0000001X001");
        assertThat(claims.get("_sd_alg")).isEqualTo("sha-256");
        assertThat(sdJwt.getDisclosures())
                .extracting(Disclosure::getClaimName)
                .containsExactlyInAnyOrder("name", "uscc");
        Map<String, Object> decoded = new SDObjectDecoder().decode(claims, sdJwt.getDisclosures());
        assertThat(decoded)
                .containsEntry("name", "示范市青禾数字科技有限公司")
                .containsEntry("uscc", "91990100MA00XF8K1E")
                .doesNotContainKeys("_sd", "_sd_alg", "address", "legalRepresentative", "businessScope");
        @SuppressWarnings("unchecked")
        Map<String, Object> statusList =
                (Map<String, Object>) ((Map<String, Object>) claims.get("status")).get("status_list");
        assertThat(statusList.get("uri")).isEqualTo(services.licenceUrl + "/s/" + shareId + "/status");
        assertThat(statusOf(shareId)).isEqualTo(0);

        HttpResponse<String> page = services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/s/" + shareId))
                .header("Accept", "text/html")
                .GET()
                .build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("示范市青禾数字科技有限公司", "91990100MA00XF8K1E", "verdict passed", "data-conclusion=\"VALID\"")
                .doesNotContain("示范市青禾区科创大道88号", "林晓峰");
    }

    @Test
    void revokingTheLicenceShowsOnTheShareAndWithdrawingEndsIt() {
        JsonNode food = fixture.issueSample("food-business-licence");
        HolderSession chen = HolderSession.signIn(services.licenceUrl, WalletFixture.CHEN);
        String shareId = WalletFixture.share(chen, root(food), "PT1H", "operatorName");

        HolderSession lin = HolderSession.signIn(services.licenceUrl, WalletFixture.LIN);
        assertThat(lin.get("/wallet/shares/" + shareId).statusCode()).isEqualTo(404);
        assertThat(WalletFixture.postForm(lin, "/wallet", "/wallet/shares/" + shareId + "/withdrawal", List.of())
                        .statusCode())
                .isEqualTo(404);

        fixture.revoke(id(food));
        assertThat(statusOf(shareId)).isEqualTo(1);
        HttpResponse<String> revoked =
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/s/" + shareId))
                        .GET()
                        .build());
        assertThat(revoked.body()).contains("verdict failed", "吊销", "data-conclusion=\"NOT_IN_FORCE\"");

        HttpResponse<String> withdrawn = WalletFixture.postForm(
                chen, "/wallet/shares/" + shareId, "/wallet/shares/" + shareId + "/withdrawal", List.of());
        assertThat(withdrawn.statusCode()).isEqualTo(302);
        HttpResponse<String> gone = services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/s/" + shareId))
                .GET()
                .build());
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.body()).contains("已撤回").doesNotContain("示范市青禾区禾味轩餐饮管理有限公司");
        assertThat(services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/s/" + shareId + "/credential"))
                                .GET()
                                .build())
                        .statusCode())
                .isEqualTo(410);
    }

    @Test
    void aConsentGivenThroughTheApiIsListedInTheWalletAndWithdrawingItThereEndsTheBanksReads() {
        JsonNode licence = fixture.issueSample("business-licence", Map.of("uscc", WalletFixture.LIN_OTHER_COMPANY));
        HolderSession lin = HolderSession.signIn(services.licenceUrl, WalletFixture.LIN);
        HttpResponse<String> granted = lin.postJson(
                "/api/v1/holder/consents",
                TwoServices.JSON.writeValueAsString(Map.of(
                        "licence",
                        id(licence),
                        "clientId",
                        "bank-demo",
                        "fields",
                        List.of("name", "uscc"),
                        "purpose",
                        "钱包授权测试",
                        "until",
                        java.time.Instant.now()
                                .plus(java.time.Duration.ofDays(30))
                                .toString())));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        String consentId = TwoServices.json(granted.body()).get("id").asString();
        String bank = services.token("bank-demo", "bank-demo-secret", "licence:fields licence:verify");
        assertThat(bankReads(bank, id(licence)).statusCode()).isEqualTo(200);

        String page = lin.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/wallet/licences/" + root(licence)))
                        .GET()
                        .build())
                .body();
        assertThat(section(page, "consent-list"))
                .contains(
                        "id=\"consent-" + consentId + "\"",
                        "示范银行",
                        "钱包授权测试",
                        "名称、统一社会信用代码",
                        "有效",
                        "/wallet/consents/" + consentId + "/withdrawal");
        assertThat(section(page, "usage-list")).contains("示范银行", "读取字段", "钱包授权测试");
        assertThat(page).doesNotContain("尚未接入");

        HolderSession zhou = HolderSession.signIn(services.licenceUrl, WalletFixture.ZHOU);
        assertThat(WalletFixture.postForm(zhou, "/wallet", "/wallet/consents/" + consentId + "/withdrawal", List.of())
                        .statusCode())
                .isEqualTo(404);
        assertThat(WalletFixture.postForm(zhou, "/wallet", "/wallet/consents/cst-no-such/withdrawal", List.of())
                        .statusCode())
                .isEqualTo(404);
        assertThat(bankReads(bank, id(licence)).statusCode()).isEqualTo(200);

        HttpResponse<String> withdrawn = WalletFixture.postForm(
                lin, "/wallet/licences/" + root(licence), "/wallet/consents/" + consentId + "/withdrawal", List.of());
        assertThat(withdrawn.statusCode()).isEqualTo(302);
        assertThat(withdrawn.headers().firstValue("Location"))
                .hasValueSatisfying(v -> assertThat(v).endsWith("/wallet/licences/" + root(licence) + "#consents"));
        HttpResponse<String> refused = bankReads(bank, id(licence));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).containsIgnoringCase("withdrawn").doesNotContain("示范市青禾数字科技有限公司");
        String after = lin.send(HttpRequest.newBuilder(
                                services.licenceUrl.resolve("/wallet/licences/" + root(licence) + "?lang=en"))
                        .GET()
                        .build())
                .body();
        assertThat(section(after, "consent-list")).contains("Withdrawn").doesNotContain("/withdrawal");
    }

    @Test
    void aConsentGivenOnTheWalletPageLetsTheBankReadOnlyTheChosenFieldsAndOnlyTheHolderCanGiveIt() {
        JsonNode licence = fixture.issueSample("business-licence", Map.of("uscc", WalletFixture.LIN_OTHER_COMPANY));
        HolderSession lin = HolderSession.signIn(services.licenceUrl, WalletFixture.LIN);
        String page = "/wallet/licences/" + root(licence);
        List<String> form = List.of("clientId=bank-demo", "field=name", "purpose=开立对公账户", "term=P30D");

        HolderSession zhou = HolderSession.signIn(services.licenceUrl, WalletFixture.ZHOU);
        assertThat(WalletFixture.postForm(zhou, "/wallet", page + "/consents", form)
                        .statusCode())
                .isEqualTo(404);
        assertThat(WalletFixture.postForm(
                                lin,
                                page,
                                page + "/consents",
                                List.of("clientId=no-such-party", "field=name", "purpose=x", "term=P30D"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(WalletFixture.postForm(
                                lin,
                                page,
                                page + "/consents",
                                List.of("clientId=bank-demo", "field=name", "purpose=x", "term=P9999D"))
                        .statusCode())
                .isEqualTo(400);

        HttpResponse<String> granted = WalletFixture.postForm(lin, page, page + "/consents", form);
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(302);
        String bank = services.token("bank-demo", "bank-demo-secret", "licence:fields licence:verify");
        HttpResponse<String> read = bankReads(bank, id(licence));
        assertThat(read.statusCode()).isEqualTo(200);
        JsonNode release = TwoServices.json(read.body()).get("release");
        assertThat(release.get("fields").properties())
                .extracting(Map.Entry::getKey)
                .containsExactly("name");
        assertThat(release.get("purpose").asString()).isEqualTo("开立对公账户");
        assertThat(bankReads(bank, id(licence) + "?fields=name,address").statusCode())
                .isEqualTo(403);
        String shown = lin.send(HttpRequest.newBuilder(services.licenceUrl.resolve(page))
                        .GET()
                        .build())
                .body();
        assertThat(section(shown, "consent-list")).contains("开立对公账户", "有效");
        assertThat(section(shown, "usage-list")).contains("开立对公账户");
    }

    /**
     * Issue #15: a browser gets each form error as the licence page again, in Chinese, with the message next to the
     * field and the form as it was; a program posting the same gets problem+json.
     */
    @Test
    void aFormErrorIsThePageAgainWithTheMessageNextToTheFieldAndProgramsGetProblemJson() {
        HolderSession lin = HolderSession.signIn(services.licenceUrl, WalletFixture.LIN);
        String page = "/wallet/licences/" + root(business);

        HttpResponse<String> noField =
                WalletFixture.postForm(lin, page, page + "/shares", List.of("expiry=P1D"), "text/html");
        assertThat(noField.statusCode()).isEqualTo(400);
        assertThat(noField.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(element(noField.body(), "share-fields-error")).contains("请至少选择一个要出示的字段");

        HttpResponse<String> consent = WalletFixture.postForm(
                lin,
                page,
                page + "/consents",
                List.of("clientId=bank-demo", "purpose=开立对公账户", "term=P90D"),
                "text/html");
        assertThat(consent.statusCode()).isEqualTo(400);
        assertThat(element(consent.body(), "consent-fields-error")).contains("请至少选择一个授权对方读取的字段");
        assertThat(consent.body()).doesNotContain("operatingTo\"", "problem");
        assertThat(consent.body()).contains("value=\"开立对公账户\"", "value=\"P90D\" selected");

        HttpResponse<String> noPurpose = WalletFixture.postForm(
                lin, page, page + "/consents", List.of("clientId=bank-demo", "field=name", "term=P30D"), "text/html");
        assertThat(element(noPurpose.body(), "consent-purpose-error")).contains("请填写用证事由");
        assertThat(noPurpose.body()).containsPattern("id=\"consent-field-name\"[^>]*checked");

        HttpResponse<String> program = WalletFixture.postForm(lin, page, page + "/shares", List.of("expiry=P1D"));
        assertThat(program.statusCode()).isEqualTo(400);
        assertThat(program.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    /**
     * Issue #15: another holder's licence, an unknown wallet address and a mistyped address are pages for a browser
     * (in Chinese, or English with ?lang=en), and stay problem+json for programs.
     */
    @Test
    void anotherHoldersLicenceAndAMistypedAddressArePagesForBrowsersAndProblemsForPrograms() {
        HolderSession lin = HolderSession.signIn(services.licenceUrl, WalletFixture.LIN);
        HttpResponse<String> other =
                lin.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/wallet/licences/" + root(physician)))
                        .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                        .GET()
                        .build());
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(element(other.body(), "error-message")).contains("没有找到这个证照");
        assertThat(other.body()).doesNotContain(root(physician), "周雅琴");
        assertThat(lin.get("/wallet/licences/" + root(physician)).headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));

        HttpResponse<String> mistyped = services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/walet"))
                .header("Accept", "text/html")
                .GET()
                .build());
        assertThat(mistyped.statusCode()).isEqualTo(404);
        assertThat(element(mistyped.body(), "error-title")).isEqualTo("找不到该页面");
        assertThat(mistyped.body()).contains("href=\"/wallet\"", "href=\"/verify\"");
        HttpResponse<String> english =
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/walet?lang=en"))
                        .header("Accept", "text/html")
                        .GET()
                        .build());
        assertThat(element(english.body(), "error-title")).isEqualTo("Page not found");
        HttpResponse<String> program = services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/walet"))
                .GET()
                .build());
        assertThat(program.statusCode()).isEqualTo(401);
        assertThat(program.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        HttpResponse<String> inWallet =
                lin.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/wallet/no-such-page"))
                        .header("Accept", "text/html")
                        .GET()
                        .build());
        assertThat(inWallet.statusCode()).isEqualTo(404);
        assertThat(inWallet.body()).contains("id=\"error-title\"");
    }

    /**
     * Issue #15: a revoked licence's page has a banner with the date and reason in plain words and no 亮证, share or
     * consent form; its shares show as invalid; sharing or consenting anyway is 409 (problem+json for programs).
     */
    @Test
    void aRevokedLicenceShowsItsBannerItsSharesAsInvalidAndRefusesSharingAndConsents() {
        JsonNode food = fixture.issueSample("food-business-licence");
        HolderSession chen = HolderSession.signIn(services.licenceUrl, WalletFixture.CHEN);
        WalletFixture.share(chen, root(food), "P1D", "operatorName");
        fixture.revoke(id(food));

        String page = "/wallet/licences/" + root(food);
        String shown = chen.get(page).body();
        assertThat(element(shown, "standing-banner")).contains("该证照已被吊销", "吊销测试", "颁发机构于");
        assertThat(shown)
                .doesNotContain("id=\"show-licence\"", "id=\"create-share\"", "id=\"grant-consent\"", "REVOKED");
        assertThat(section(shown, "share-list")).contains("已失效").doesNotContain(">有效<");
        assertThat(section(shown, "history")).contains("吊销");

        HttpResponse<String> share =
                WalletFixture.postForm(chen, page, page + "/shares", List.of("field=operatorName", "expiry=P1D"));
        assertThat(share.statusCode()).isEqualTo(409);
        assertThat(share.body()).contains("licence-not-in-force");
        HttpResponse<String> shareByBrowser =
                WalletFixture.postForm(chen, page, page + "/showing", List.of("field=operatorName"), "text/html");
        assertThat(shareByBrowser.statusCode()).isEqualTo(409);
        assertThat(shareByBrowser.body()).contains("该证照已被吊销");
        HttpResponse<String> consent = chen.postJson(
                "/api/v1/holder/consents",
                "{\"licence\":\"" + root(food) + "\",\"clientId\":\"bank-demo\",\"fields\":[\"operatorName\"],"
                        + "\"purpose\":\"开立对公账户\",\"until\":\""
                        + java.time.Instant.now().plusSeconds(86_400) + "\"}");
        assertThat(consent.statusCode()).as(consent.body()).isEqualTo(409);
        assertThat(consent.body()).contains("licence-not-in-force");
        assertThat(chen.get("/wallet/notifications").body()).contains("已于", "被吊销", "吊销测试");
    }

    /** Issue #15: downloads are named 营业执照-<holder>-001.pdf (RFC 5987), the ID number is masked until revealed. */
    @Test
    void downloadsHaveMeaningfulNamesAndTheIdNumberIsMaskedUntilTheHolderRevealsIt() {
        HolderSession lin = HolderSession.signIn(services.licenceUrl, WalletFixture.LIN);
        for (String kind : List.of("pdf", "ofd", "xml", "json")) {
            HttpResponse<byte[]> file = bytes(lin, "/wallet/versions/" + id(business) + "/" + kind);
            assertThat(file.statusCode()).isEqualTo(200);
            String disposition =
                    file.headers().firstValue("Content-Disposition").orElse("");
            assertThat(disposition).startsWith("attachment; filename=\"").contains("filename*=UTF-8''");
            String name = java.net.URLDecoder.decode(
                    disposition.substring(disposition.indexOf("UTF-8''") + 7), StandardCharsets.UTF_8);
            assertThat(name).isEqualTo("营业执照-示范市青禾数字科技有限公司-001." + kind);
        }
        HolderSession zhou = HolderSession.signIn(services.licenceUrl, WalletFixture.ZHOU);
        String page = "/wallet/licences/" + root(physician);
        String masked = zhou.get(page).body();
        assertThat(element(masked, "value-idNumber")).contains("990101********4622");
        assertThat(masked).doesNotContain("990101198807214622");
        assertThat(element(zhou.get(page + "?reveal=idNumber").body(), "value-idNumber"))
                .contains("990101198807214622");
    }

    /** The text of the element with this id (tags removed, whitespace collapsed). */
    private static String element(String page, String id) {
        int start = page.indexOf("id=\"" + id + "\"");
        assertThat(start).as("element " + id + " on the page").isPositive();
        int open = page.lastIndexOf('<', start);
        String tag = page.substring(open + 1, page.indexOf(' ', open)).trim();
        int end = page.indexOf("</" + tag + ">", start);
        String inner = page.substring(page.indexOf('>', start) + 1, end);
        return inner.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip();
    }

    private HttpResponse<String> bankReads(String token, String identifierAndQuery) {
        return services.send(HttpRequest.newBuilder(services.licenceUrl.resolve(
                        "/api/v1/licences/" + identifierAndQuery.replaceFirst("^([^?]+)(\\?.*)?$", "$1/fields$2")))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build());
    }

    /** The table with this id on a page (to assert on one section only). */
    private static String section(String page, String id) {
        int start = page.indexOf("id=\"" + id + "\"");
        assertThat(start).as("table " + id + " on the page").isPositive();
        return page.substring(start, page.indexOf("</table>", start));
    }

    @Test
    void theVerificationPageSaysPassedForTheGenuineFileAndFailedForATamperedOne() {
        HolderSession zhou = HolderSession.signIn(services.licenceUrl, WalletFixture.ZHOU);
        byte[] pdf = bytes(zhou, "/wallet/versions/" + id(physician) + "/pdf").body();
        assertThat(upload(pdf)).contains("verdict passed", "验证通过");
        byte[] tampered = pdf.clone();
        int at = indexOf(tampered, "/Producer".getBytes(StandardCharsets.US_ASCII));
        tampered[at > 0 ? at + 1 : tampered.length / 3] ^= 0x01;
        assertThat(upload(tampered)).contains("verdict failed", "验证失败");

        // the OFD the wallet offers: recognised by content (a ZIP with OFD.xml), passed; a changed page fails
        byte[] ofd = bytes(zhou, "/wallet/versions/" + id(physician) + "/ofd").body();
        assertThat(upload(ofd)).contains("verdict passed", "验证通过");
        cn.zhengyin.trust.ofd.OfdPackage pkg = cn.zhengyin.trust.ofd.OfdPackage.read(ofd);
        byte[] page = pkg.part("Doc_0/Pages/Page_0/Content.xml").orElseThrow();
        page[page.length / 2] ^= 0x01;
        assertThat(upload(pkg.with("Doc_0/Pages/Page_0/Content.xml", page).write()))
                .contains("verdict failed", "验证失败", "ofd.references.digests");
    }

    private String upload(byte[] pdf) {
        String boundary = "----wallet" + System.nanoTime();
        byte[] head = ("--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"licence.pdf\"\r\n"
                        + "Content-Type: application/pdf\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + pdf.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(pdf, 0, body, head.length, pdf.length);
        System.arraycopy(tail, 0, body, head.length + pdf.length, tail.length);
        return services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/verify"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build())
                .body();
    }

    private int statusOf(String shareId) {
        HttpResponse<String> token =
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/s/" + shareId + "/status"))
                        .GET()
                        .build());
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(token.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("statuslist+jwt"));
        try {
            SignedJWT jwt = SignedJWT.parse(token.body());
            assertThat(jwt.getHeader().getType().getType()).isEqualTo("statuslist+jwt");
            X509Certificate seal = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(
                            jwt.getHeader().getX509CertChain().getFirst().decode()));
            assertThat(jwt.verify(new ECDSAVerifier((ECPublicKey) seal.getPublicKey())))
                    .isTrue();
            @SuppressWarnings("unchecked")
            Map<String, Object> list =
                    (Map<String, Object>) jwt.getJWTClaimsSet().getClaim("status_list");
            assertThat(((Number) list.get("bits")).intValue()).isEqualTo(2);
            Inflater inflater = new Inflater();
            inflater.setInput(java.util.Base64.getUrlDecoder().decode((String) list.get("lst")));
            byte[] out = new byte[16];
            int n = inflater.inflate(out);
            assertThat(n).isEqualTo(1);
            return out[0] & 0x03;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static HttpResponse<byte[]> bytes(HolderSession session, String path) {
        try {
            return session.http.send(
                    HttpRequest.newBuilder(session.base.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
