package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Field reuse end to end (issue #5): holders grant and withdraw consents and give use codes; third parties read
 * exactly what is covered, signed; officials read by duty; 加注件; usage records for holders and issuers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FieldReuseIT {
    static final String LIN = "990101198203154411"; // represents 91990100MA00XF8K1E and 91990100MA02XF6H29
    static final String CHEN = "990102197909083012";
    static final String ZHOU = "990101198807214622"; // holds the physician certificate
    static final String COMPANY = "字段复用测试科技有限公司";
    static final String LEGAL_REP = "复用代表";
    static final String ADDRESS = "示范市复用区授权路9号";
    /** Every field the business licence's page prints (templates/business-licence/layout.json). */
    static final List<String> BUSINESS_PRINTED = List.of(
            "uscc",
            "licenceNumber",
            "name",
            "entityType",
            "legalRepresentative",
            "businessScope",
            "registeredCapital",
            "establishedDate",
            "operatingFrom",
            "operatingTo",
            "address",
            "registrationAuthority",
            "issueDate");

    private TwoServices services;
    private String business; // full identifier of 林晓峰's company's business licence
    private String businessRoot;
    // another business licence of the company, for the 加注件 tests: their consents to every field stay off the reads
    private String copied;
    private String copiedRoot;
    private String physician; // 周雅琴's physician certificate
    private String bank;
    private String duty;

    @BeforeAll
    void issue() throws Exception {
        services = TwoServices.shared();
        String approval = services.approvalToken();
        business = issueBusinessLicence(approval, "FR-1", "91990100MA00XF8K1E");
        businessRoot = root(business);
        copied = issueBusinessLicence(approval, "FR-3", WalletFixture.LIN_OTHER_COMPANY);
        copiedRoot = root(copied);
        ObjectNode fields = (ObjectNode) TwoServices.JSON
                .readTree(Files.readString(
                        TwoServices.TEMPLATES.resolve("physician-certificate").resolve("sample.json")))
                .get("fields");
        fields.remove("issuingAuthority");
        ObjectNode request = TwoServices.JSON
                .createObjectNode()
                .put("licenceType", "physician-certificate")
                .put("caseNumber", "FR-2");
        request.set("fields", fields);
        // issued by the health commission's approval system: each authority seals with its own seal
        String health = services.approvalTokenFor("physician-certificate", "licence:issue licence:read");
        physician = json(services.send(post("/api/v1/licences", health, request.toString())), 201)
                .get("identifier")
                .asString();
        bank = services.token("bank-demo", "bank-demo-secret", "licence:fields licence:verify");
        duty = services.token("duty-demo", "duty-demo-secret", "licence:duty");
    }

    // ---- consent ----

    @Test
    void withoutConsentAThirdPartyGetsA403ProblemWithTheReasonAndNoFieldValue() {
        HttpResponse<String> refused = services.send(get("/api/v1/licences/" + business + "/fields", bank));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
        assertThat(TwoServices.json(refused.body()).get("detail").asString()).contains("no active consent");
        assertThat(refused.body()).doesNotContain(COMPANY, LEGAL_REP, ADDRESS);
    }

    @Test
    void withConsentTheThirdPartyReadsExactlyTheGrantedFieldsSignedByTheService() throws Exception {
        HolderSession lin = HolderSession.signIn(services.licenceUrl, LIN);
        JsonNode consent = grant(
                lin,
                business,
                "bank-demo",
                List.of("name", "legalRepresentative"),
                "开立对公账户",
                Instant.now().plus(Duration.ofDays(30)));
        assertThat(consent.get("state").asString()).isEqualTo("ACTIVE");
        assertThat(consent.get("clientName").asString()).isEqualTo("示范银行");

        HttpResponse<String> read = services.send(get("/api/v1/licences/" + business + "/fields", bank));
        JsonNode body = json(read, 200);
        JsonNode release = body.get("release");
        assertThat(names(release.get("fields"))).containsExactlyInAnyOrder("name", "legalRepresentative");
        assertThat(release.get("fields").get("name").asString()).isEqualTo(COMPANY);
        assertThat(read.body()).doesNotContain(ADDRESS);
        assertThat(release.get("identifier").asString()).isEqualTo(business);
        assertThat(release.get("version").asString()).isEqualTo("001");
        assertThat(release.get("status").asString()).isEqualTo("VALID");
        assertThat(release.get("conclusion").asString()).isEqualTo("VALID");
        assertThat(release.get("purpose").asString()).isEqualTo("开立对公账户");
        assertThat(release.get("basis").get("consentId").asString())
                .isEqualTo(consent.get("id").asString());

        // The JWS: ES256 over exactly these claims, its x5c the published certificate, which chains to the dev root.
        JWSObject jws = JWSObject.parse(body.get("jws").asString());
        List<X509Certificate> chain = new ArrayList<>();
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        for (var c : jws.getHeader().getX509CertChain()) {
            chain.add((X509Certificate) x509.generateCertificate(new ByteArrayInputStream(c.decode())));
        }
        assertThat(jws.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        assertThat(jws.verify(new ECDSAVerifier((ECPublicKey) chain.getFirst().getPublicKey())))
                .isTrue();
        String published = services.send(
                        HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/field-releases/certificate"))
                                .GET()
                                .build())
                .body();
        X509Certificate publishedCert = (X509Certificate)
                x509.generateCertificate(new ByteArrayInputStream(published.getBytes(StandardCharsets.US_ASCII)));
        assertThat(publishedCert).isEqualTo(chain.getFirst());
        X509Certificate root = (X509Certificate)
                x509.generateCertificate(Files.newInputStream(TwoServices.KEYS.resolve("root-ca.crt.pem")));
        PKIXParameters pkix = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        pkix.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(x509.generateCertPath(chain.subList(0, chain.size() - 1)), pkix);
        assertThat(TwoServices.json(jws.getPayload().toString())).isEqualTo(release);

        // A field outside the consent refuses the whole read, without values.
        HttpResponse<String> more =
                services.send(get("/api/v1/licences/" + business + "/fields?fields=name,address", bank));
        assertThat(more.statusCode()).isEqualTo(403);
        assertThat(more.body()).contains("address").doesNotContain(COMPANY, ADDRESS);

        // The holder sees the read in the usage records of the licence.
        JsonNode records = json(lin.get("/api/v1/holder/usage-records?licence=" + business), 200);
        assertThat(records).anySatisfy(r -> {
            assertThat(r.get("kind").asString()).isEqualTo("FIELD_READ");
            assertThat(r.get("clientId").asString()).isEqualTo("bank-demo");
            assertThat(r.get("clientName").asString()).isEqualTo("示范银行");
            assertThat(r.get("purpose").asString()).isEqualTo("开立对公账户");
            assertThat(r.get("basis").asString()).isEqualTo(consent.get("id").asString());
            assertThat(r.get("fields").toString()).contains("name", "legalRepresentative");
        });
        assertThat(json(lin.get("/api/v1/holder/consents"), 200).toString())
                .contains(consent.get("id").asString());
    }

    @Test
    void aWithdrawnConsentNoLongerCoversARead() {
        HolderSession lin = HolderSession.signIn(services.licenceUrl, LIN);
        String id = grant(
                        lin,
                        business,
                        "bank-demo",
                        List.of("address"),
                        "核实住所",
                        Instant.now().plus(Duration.ofDays(3)))
                .get("id")
                .asString();
        String path = "/api/v1/licences/" + business + "/fields?consent=" + id;
        assertThat(json(services.send(get(path, bank)), 200)
                        .get("release")
                        .get("fields")
                        .get("address")
                        .asString())
                .isEqualTo(ADDRESS);
        JsonNode withdrawn = json(lin.delete("/api/v1/holder/consents/" + id), 200);
        assertThat(withdrawn.get("state").asString()).isEqualTo("WITHDRAWN");
        HttpResponse<String> refused = services.send(get(path, bank));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("withdrawn").doesNotContain(ADDRESS);
        // another holder cannot withdraw (or even see) it
        assertThat(HolderSession.signIn(services.licenceUrl, CHEN)
                        .delete("/api/v1/holder/consents/" + id)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void anExpiredConsentNoLongerCoversARead() {
        HolderSession lin = HolderSession.signIn(services.licenceUrl, LIN);
        String id = grant(
                        lin,
                        business,
                        "bank-demo",
                        List.of("registeredCapital"),
                        "授信审查",
                        Instant.now().plus(Duration.ofDays(1)))
                .get("id")
                .asString();
        // Time passes: the consent's end is moved into the past in the store.
        services.licence
                .getBean(MongoDatabase.class)
                .getCollection("consents")
                .updateOne(
                        Filters.eq("_id", id),
                        Updates.set("until", Date.from(Instant.now().minusSeconds(60))));
        HttpResponse<String> refused =
                services.send(get("/api/v1/licences/" + business + "/fields?consent=" + id, bank));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("expired").doesNotContain("\"fields\"", COMPANY);
    }

    @Test
    void aHolderCannotGrantConsentOnAnotherHoldersLicenceNorOnAGuessedIdentifier() {
        HolderSession chen = HolderSession.signIn(services.licenceUrl, CHEN);
        HttpResponse<String> other = chen.postJson(
                "/api/v1/holder/consents",
                grantBody(
                        business,
                        "bank-demo",
                        List.of("name"),
                        "冒用",
                        Instant.now().plus(Duration.ofDays(1))));
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("not-your-licence").doesNotContain(COMPANY);
        String guessed = business.substring(0, business.length() - 1) + (business.endsWith("0") ? "1" : "0");
        HttpResponse<String> guess = chen.postJson(
                "/api/v1/holder/consents",
                grantBody(
                        guessed,
                        "bank-demo",
                        List.of("name"),
                        "猜测",
                        Instant.now().plus(Duration.ofDays(1))));
        assertThat(guess.statusCode()).isEqualTo(403);
        assertThat(TwoServices.json(guess.body()).get("type").asString())
                .isEqualTo(TwoServices.json(other.body()).get("type").asString());
        assertThat(chen.postJson(
                                "/api/v1/holder/use-codes",
                                "{\"licence\":\"" + business + "\",\"fields\":[\"name\"],\"purpose\":\"冒用\"}")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void aConsentNamesOnlyFieldsOfTheSchemaAndRunsAtMostAYear() {
        HolderSession lin = HolderSession.signIn(services.licenceUrl, LIN);
        HttpResponse<String> unknown = lin.postJson(
                "/api/v1/holder/consents",
                grantBody(
                        business,
                        "bank-demo",
                        List.of("name", "salary"),
                        "测试",
                        Instant.now().plus(Duration.ofDays(1))));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("salary");
        HttpResponse<String> tooLong = lin.postJson(
                "/api/v1/holder/consents",
                grantBody(
                        business,
                        "bank-demo",
                        List.of("name"),
                        "测试",
                        Instant.now().plus(Duration.ofDays(400))));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        HttpResponse<String> notAParty = lin.postJson(
                "/api/v1/holder/consents",
                grantBody(
                        business,
                        "approval-demo",
                        List.of("name"),
                        "测试",
                        Instant.now().plus(Duration.ofDays(1))));
        assertThat(notAParty.statusCode()).isEqualTo(400);
    }

    // ---- use codes ----

    @Test
    void aUseCodeReleasesItsFieldsOnceIncludingASensitiveFieldTheHolderChose() {
        HolderSession zhou = HolderSession.signIn(services.licenceUrl, ZHOU);
        JsonNode code = json(
                zhou.postJson(
                        "/api/v1/holder/use-codes",
                        "{\"licence\":\"" + physician
                                + "\",\"fields\":[\"name\",\"idNumber\",\"practiceCategory\"],\"purpose\":\"入职核验\"}"),
                201);
        String text = code.get("code").asString();
        assertThat(text).hasSize(12);
        HttpResponse<String> first = services.send(
                post("/api/v1/use-codes/redemption", bank, "{\"code\":\"" + text + "\",\"caseNumber\":\"HR-2026-7\"}"));
        JsonNode release = json(first, 200).get("release");
        assertThat(names(release.get("fields"))).containsExactlyInAnyOrder("name", "idNumber", "practiceCategory");
        assertThat(release.get("fields").get("idNumber").asString()).isEqualTo(ZHOU);
        assertThat(release.get("basis").get("kind").asString()).isEqualTo("use-code");
        HttpResponse<String> second =
                services.send(post("/api/v1/use-codes/redemption", bank, "{\"code\":\"" + text + "\"}"));
        assertThat(second.statusCode()).isEqualTo(403);
        assertThat(second.body()).contains("redeemed already").doesNotContain(ZHOU);
        assertThat(json(zhou.get("/api/v1/holder/usage-records"), 200)).anySatisfy(r -> {
            assertThat(r.get("kind").asString()).isEqualTo("USE_CODE_REDEMPTION");
            assertThat(r.get("caseNumber").asString()).isEqualTo("HR-2026-7");
        });
        assertThat(services.send(post("/api/v1/use-codes/redemption", bank, "{\"code\":\"0000AAAA1111\"}"))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void aUseCodeForOneClientCannotBeRedeemedByAnother() {
        HolderSession zhou = HolderSession.signIn(services.licenceUrl, ZHOU);
        String text = json(
                        zhou.postJson(
                                "/api/v1/holder/use-codes",
                                "{\"licence\":\"" + physician
                                        + "\",\"fields\":[\"name\"],\"purpose\":\"定向\",\"clientId\":\"duty-demo\"}"),
                        201)
                .get("code")
                .asString();
        assertThat(services.send(post("/api/v1/use-codes/redemption", bank, "{\"code\":\"" + text + "\"}"))
                        .statusCode())
                .isEqualTo(403);
    }

    // ---- duty ----

    @Test
    void aReadByDutyNeedsAConfiguredServiceItemACaseNumberAndLeavesSensitiveFieldsOut() {
        String base = "/api/v1/licences/" + physician + "/fields?purpose=" + enc("职业资格确认");
        HttpResponse<String> noCase = services.send(get(base + "&serviceItem=XF-000302-001", duty));
        assertThat(noCase.statusCode()).isEqualTo(403);
        assertThat(noCase.body()).contains("case number").doesNotContain("周雅琴");
        HttpResponse<String> noItem = services.send(get(base + "&caseNumber=BJ-1", duty));
        assertThat(noItem.statusCode()).isEqualTo(403);
        HttpResponse<String> otherItem = services.send(get(
                "/api/v1/licences/" + physician + "/fields?purpose=" + enc("社会保险登记（单位）")
                        + "&serviceItem=XF-000301-001&caseNumber=BJ-1",
                duty));
        assertThat(otherItem.statusCode()).isEqualTo(403);
        assertThat(otherItem.body()).contains("does not cover").doesNotContain("周雅琴");

        JsonNode release = json(
                        services.send(get(base + "&serviceItem=XF-000302-001&caseNumber=BJ-20260001", duty)), 200)
                .get("release");
        assertThat(names(release.get("fields")))
                .contains("name", "birthDate", "practiceCategory")
                .doesNotContain("idNumber");
        assertThat(release.get("basis").get("caseNumber").asString()).isEqualTo("BJ-20260001");
        HttpResponse<String> sensitive =
                services.send(get(base + "&serviceItem=XF-000302-001&caseNumber=BJ-1&fields=name,idNumber", duty));
        assertThat(sensitive.statusCode()).isEqualTo(403);
        assertThat(sensitive.body()).contains("SENSITIVE").doesNotContain(ZHOU);
        // a bank may not read by duty at all
        assertThat(services.send(get(base + "&serviceItem=XF-000302-001&caseNumber=BJ-1", bank))
                        .statusCode())
                .isEqualTo(403);
        assertThat(json(
                        HolderSession.signIn(services.licenceUrl, ZHOU)
                                .get("/api/v1/holder/usage-records?licence=" + physician),
                        200))
                .anySatisfy(r -> {
                    assertThat(r.get("clientName").asString()).isEqualTo("示范市人社局");
                    assertThat(r.get("serviceItem").asString()).isEqualTo("XF-000302-001");
                    assertThat(r.get("caseNumber").asString()).isEqualTo("BJ-20260001");
                });
    }

    // ---- 加注件 ----

    @Test
    void anAnnotatedCopyKeepsTheOriginalSignatureAddsASignedStampAndVerifies(@TempDir Path dir) throws Exception {
        HolderSession lin = HolderSession.signIn(services.licenceUrl, LIN);
        String id = grant(
                        lin,
                        copied,
                        "bank-demo",
                        BUSINESS_PRINTED,
                        "贷款审批材料",
                        Instant.now().plus(Duration.ofDays(20)))
                .get("id")
                .asString();
        byte[] original = services.sendForBytes(
                        HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences/" + copied + "/pdf"))
                                .header("Authorization", "Bearer " + services.approvalToken())
                                .GET()
                                .build())
                .body();
        HttpResponse<byte[]> response = services.sendForBytes(
                HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences/" + copied + "/annotated-copies"))
                        .header("Authorization", "Bearer " + bank)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"consentId\":\"" + id + "\"}"))
                        .build());
        assertThat(response.statusCode())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(201);
        byte[] copy = response.body();
        assertThat(java.util.Arrays.copyOf(copy, original.length)).isEqualTo(original); // an incremental update
        try (PDDocument document = Loader.loadPDF(copy)) {
            // the licence is PAdES-LTA: its seal's signature and a document time-stamp; the copy adds its signature
            List<PDSignature> signatures = document.getSignatureDictionaries();
            assertThat(signatures).hasSize(3);
            assertThat(signatures.get(1).getSubFilter()).isEqualTo("ETSI.RFC3161");
            // the consent's purpose is the holder's words, and the stamp says so (review #14, finding 7)
            assertThat(signatures.get(2).getReason()).contains("用证事由（持证人填写）：贷款审批材料", "有效期至", "示范银行");
        }
        // both signatures verify over their byte ranges; the copy is sealed with the issuing authority's seal
        List<java.security.cert.X509Certificate> signers = Signers.pdfSignatureSigners(copy);
        assertThat(signers).hasSize(2);
        assertThat(signers).allSatisfy(c -> assertThat(Signers.organisation(c)).isEqualTo("证印示范市市场监督管理局"));
        JsonNode report = TwoServices.json(
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/verifications"))
                                .header("Content-Type", "application/pdf")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(copy))
                                .build())
                        .body());
        // the licence's signature, its document time-stamp and the copy's signature, which covers the whole copy
        assertThat(report.get("document").get("signatures"))
                .hasSize(3)
                .allSatisfy(s -> assertThat(s.get("indication").asString()).isEqualTo("TOTAL_PASSED"));
        JsonNode copySignature = report.get("document").get("signatures").get(2);
        assertThat(copySignature.get("coversWholeDocument").asBoolean()).isTrue();
        assertThat(copySignature.get("signerSubject").asString()).contains("O=证印示范市市场监督管理局");
        // the copy is recognised by the revision the licence's seal signed: the registered file
        assertThat(report.get("indication").asString()).isEqualTo("TOTAL_PASSED");
        assertThat(report.get("registry").get("found").asBoolean()).isTrue();
        Path file = dir.resolve("copy.pdf");
        Files.write(file, copy);
        Process pdfsig = new ProcessBuilder("/usr/bin/pdfsig", file.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(pdfsig.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        pdfsig.waitFor();
        assertThat(out.split("Signature is Valid", -1)).as(out).hasSize(3);
        assertThat(json(lin.get("/api/v1/holder/usage-records?licence=" + copiedRoot), 200))
                .anySatisfy(r -> assertThat(r.get("kind").asString()).isEqualTo("ANNOTATED_COPY"));
        // without consent no copy
        HttpResponse<String> refused =
                services.send(post("/api/v1/licences/" + physician + "/annotated-copies", bank, "{}"));
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    /**
     * Review #14 finding 1: a 加注件 prints every field of the licence, so its basis must cover all of them — a consent
     * naming one field, or a duty whose service item may not read a SENSITIVE field on the page, is refused with the
     * fields not covered; the holder's usage record lists the fields the copy disclosed.
     */
    @Test
    void anAnnotatedCopyNeedsABasisCoveringEveryFieldPrintedOnIt() {
        HolderSession lin = HolderSession.signIn(services.licenceUrl, LIN);
        String nameOnly = grant(
                        lin,
                        copied,
                        "bank-demo",
                        List.of("name"),
                        "开户名称核对",
                        Instant.now().plus(Duration.ofDays(5)))
                .get("id")
                .asString();
        HttpResponse<String> partial = services.send(
                post("/api/v1/licences/" + copied + "/annotated-copies", bank, "{\"consentId\":\"" + nameOnly + "\"}"));
        JsonNode problem = json(partial, 403);
        assertThat(partial.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(problem.get("type").asString()).endsWith("fields-not-covered");
        assertThat(strings(problem.get("fieldsNotCovered")))
                .contains("uscc", "address", "registeredCapital", "legalRepresentative")
                .doesNotContain("name");
        assertThat(partial.body()).doesNotContain(COMPANY, LEGAL_REP, ADDRESS, WalletFixture.LIN_OTHER_COMPANY);

        // by duty: the physician certificate prints 身份证件号码 (SENSITIVE), which XF-000302-001 may not read
        HttpResponse<String> byDuty = services.send(post(
                "/api/v1/licences/" + physician + "/annotated-copies",
                duty,
                "{\"serviceItem\":\"XF-000302-001\",\"caseNumber\":\"BJ-COPY-1\",\"purpose\":\"职业资格确认\"}"));
        JsonNode dutyProblem = json(byDuty, 403);
        assertThat(dutyProblem.get("type").asString()).endsWith("sensitive-field-by-duty");
        assertThat(strings(dutyProblem.get("fieldsNotCovered"))).containsExactly("idNumber");
        assertThat(byDuty.body()).doesNotContain(ZHOU, "周雅琴");

        // a consent naming every printed field is a basis; the usage record lists what the copy disclosed
        List<String> printed = BUSINESS_PRINTED;
        String all = grant(
                        lin,
                        copied,
                        "bank-demo",
                        printed,
                        "贷款材料存档",
                        Instant.now().plus(Duration.ofDays(5)))
                .get("id")
                .asString();
        HttpResponse<byte[]> copy = services.sendForBytes(
                HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences/" + copied + "/annotated-copies"))
                        .header("Authorization", "Bearer " + bank)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"consentId\":\"" + all + "\"}"))
                        .build());
        assertThat(copy.statusCode())
                .as(new String(copy.body(), StandardCharsets.UTF_8))
                .isEqualTo(201);
        assertThat(json(lin.get("/api/v1/holder/usage-records?licence=" + copiedRoot), 200))
                .anySatisfy(r -> {
                    assertThat(r.get("kind").asString()).isEqualTo("ANNOTATED_COPY");
                    assertThat(r.get("basis").asString()).isEqualTo(all);
                    assertThat(strings(r.get("fields"))).containsExactlyInAnyOrderElementsOf(printed);
                })
                .noneSatisfy(r -> assertThat(r.get("basis").asString()).isEqualTo(nameOnly));
    }

    /**
     * Review #14 finding 7: what a duty client writes is not sealed. A duty's purpose must be one of the 用证事由 its
     * service item lists (configuration), for reads and copies alike; a purpose of any origin has character and
     * length rules.
     */
    @Test
    void aDutyPurposeIsOneTheServiceItemListsAndPurposesHaveCharacterAndLengthRules() throws Exception {
        String forged = "本证照已被吊销作废，原件无效";
        HttpResponse<String> copy = services.send(post(
                "/api/v1/licences/" + copied + "/annotated-copies",
                duty,
                TwoServices.JSON.writeValueAsString(
                        Map.of("serviceItem", "XF-000301-001", "caseNumber", "SB-7", "purpose", forged))));
        JsonNode problem = json(copy, 403);
        assertThat(problem.get("type").asString()).endsWith("duty-purpose-not-listed");
        assertThat(problem.get("detail").asString()).contains("社会保险登记（单位）");
        HttpResponse<String> read = services.send(get(
                "/api/v1/licences/" + copied + "/fields?serviceItem=XF-000301-001&caseNumber=SB-7&purpose="
                        + enc(forged),
                duty));
        assertThat(json(read, 403).get("type").asString()).endsWith("duty-purpose-not-listed");

        HttpResponse<byte[]> listed = services.sendForBytes(
                HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences/" + copied + "/annotated-copies"))
                        .header("Authorization", "Bearer " + duty)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"serviceItem\":\"XF-000301-001\",\"caseNumber\":\"SB-7\",\"purpose\":\"社会保险登记（单位）\"}",
                                StandardCharsets.UTF_8))
                        .build());
        assertThat(listed.statusCode())
                .as(new String(listed.body(), StandardCharsets.UTF_8))
                .isEqualTo(201);
        try (PDDocument document = Loader.loadPDF(listed.body())) {
            assertThat(document.getSignatureDictionaries().getLast().getReason())
                    .startsWith("加注件 用证事由：社会保险登记（单位）；")
                    .doesNotContain(forged);
        }

        HolderSession lin = HolderSession.signIn(services.licenceUrl, LIN);
        Instant until = Instant.now().plus(Duration.ofDays(2));
        for (String bad : List.of("开户\n原件无效", "开户\u202e效无", "开户\u0000", "开".repeat(51), "   ")) {
            HttpResponse<String> refused = lin.postJson(
                    "/api/v1/holder/consents", grantBody(copied, "bank-demo", List.of("name"), bad, until));
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(TwoServices.json(refused.body()).get("detail").asString())
                    .contains("purpose");
        }
        assertThat(lin.postJson(
                                "/api/v1/holder/consents",
                                grantBody(copied, "bank-demo", List.of("name"), "开".repeat(50), until))
                        .statusCode())
                .isEqualTo(201);
    }

    // ---- verification by a registered client, issuers' listing ----

    @Test
    void aVerificationByARegisteredClientIsAUsageRecordAndIssuersListTheirTypesRecords() {
        byte[] pdf = services.sendForBytes(
                        HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences/" + physician + "/pdf"))
                                .header(
                                        "Authorization",
                                        "Bearer " + services.approvalTokenFor("physician-certificate", "licence:read"))
                                .GET()
                                .build())
                .body();
        HttpResponse<String> verified =
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/verifications"))
                        .header("Authorization", "Bearer " + bank)
                        .header("Zhengyin-Purpose", enc("核验执业资格"))
                        .header("Content-Type", "application/pdf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(pdf))
                        .build());
        assertThat(json(verified, 200).get("indication").asString()).isEqualTo("TOTAL_PASSED");
        assertThat(json(HolderSession.signIn(services.licenceUrl, ZHOU).get("/api/v1/holder/usage-records"), 200))
                .anySatisfy(r -> {
                    assertThat(r.get("kind").asString()).isEqualTo("VERIFICATION");
                    assertThat(r.get("clientId").asString()).isEqualTo("bank-demo");
                    assertThat(r.get("purpose").asString()).isEqualTo("核验执业资格");
                });
        String health = services.approvalTokenFor("physician-certificate", "licence:read");
        JsonNode records = json(services.send(get("/api/v1/usage-records?type=physician-certificate", health)), 200);
        assertThat(records).anySatisfy(r -> assertThat(r.get("kind").asString()).isEqualTo("VERIFICATION"));
        String forestry = services.token("approval-forestry-demo", "approval-forestry-secret", "licence:read");
        assertThat(services.send(get("/api/v1/usage-records?type=physician-certificate", forestry))
                        .statusCode())
                .isEqualTo(403);
    }

    // ---- helpers ----

    /** A 营业执照 of one of 林晓峰's companies (revoking the one an earlier test issued: a company holds one). */
    private String issueBusinessLicence(String approval, String caseNumber, String uscc) {
        return json(
                        WalletFixture.replacingTheOneInForce(
                                services,
                                () -> services.send(post("/api/v1/licences", approval, """
                {"licenceType": "business-licence", "caseNumber": "%s", "fields": {
                  "uscc": "%s", "licenceNumber": "99010000202611219999",
                  "name": "%s", "entityType": "有限责任公司（自然人投资或控股）",
                  "legalRepresentative": "%s", "businessScope": "字段复用测试。", "registeredCapital": 300,
                  "establishedDate": "2020-05-06", "operatingFrom": "2020-05-06", "address": "%s"}}
                """.formatted(
                                                caseNumber, uscc, COMPANY, LEGAL_REP, ADDRESS)))),
                        201)
                .get("identifier")
                .asString();
    }

    private static String root(String identifier) {
        return identifier.substring(
                "1.2.156.3005.2.".length(), identifier.lastIndexOf('.', identifier.lastIndexOf('.') - 1));
    }

    private JsonNode grant(
            HolderSession holder, String licence, String client, List<String> fields, String purpose, Instant until) {
        return json(
                holder.postJson("/api/v1/holder/consents", grantBody(licence, client, fields, purpose, until)), 201);
    }

    private static String grantBody(String licence, String client, List<String> fields, String purpose, Instant until) {
        return TwoServices.JSON.writeValueAsString(Map.of(
                "licence",
                licence,
                "clientId",
                client,
                "fields",
                fields,
                "purpose",
                purpose,
                "until",
                until.toString()));
    }

    /** The strings of a JSON array; an absent member is an empty list. */
    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        if (array != null) {
            array.forEach(e -> strings.add(e.asString()));
        }
        return strings;
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.properties().forEach(e -> names.add(e.getKey()));
        return names;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpRequest get(String path, String token) {
        return HttpRequest.newBuilder(services.licenceUrl.resolve(path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build();
    }

    private HttpRequest post(String path, String token, String body) {
        return HttpRequest.newBuilder(services.licenceUrl.resolve(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private static JsonNode json(HttpResponse<String> response, int expected) {
        assertThat(response.statusCode())
                .as(response.uri() + " " + response.body())
                .isEqualTo(expected);
        return TwoServices.json(response.body());
    }
}
