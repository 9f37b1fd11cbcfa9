package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Walks the authorisation table ({@code authorisation-table.csv}, rendered in docs/authorisation-table.md) against
 * both running services: every endpoint × identity cell is tried; every "ok" must succeed (2xx) with a valid request,
 * every refusal must be the expected 401 (with {@code WWW-Authenticate: Bearer}) or 403 as problem+json without any
 * of the target licence's data; and the table must list every endpoint the services expose.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorisationTableIT {
    static final String SEAL = "ZYDEV-SEAL-0001";
    private static final Map<String, String[]> CLIENTS = Map.of(
            "approval-demo",
                    new String[] {"approval-demo", "approval-demo-secret", "licence:issue licence:status licence:read"},
            "approval-forestry-demo",
                    new String[] {
                        "approval-forestry-demo",
                        "approval-forestry-secret",
                        "licence:issue licence:status licence:read"
                    },
            "no-scope", new String[] {"approval-demo", "approval-demo-secret", ""},
            "licence-service", new String[] {"licence-service", "licence-service-secret", "seal:sign seal:read"},
            "seal-applicant-demo",
                    new String[] {"seal-applicant-demo", "seal-applicant-secret", "seal:apply seal:read"},
            "seal-approver-demo", new String[] {"seal-approver-demo", "seal-approver-secret", "seal:approve seal:read"},
            "seal-admin-demo", new String[] {"seal-admin-demo", "seal-admin-secret", "seal:admin seal:read"},
            "bank-demo", new String[] {"bank-demo", "bank-demo-secret", "licence:fields licence:verify"},
            "duty-demo", new String[] {"duty-demo", "duty-demo-secret", "licence:duty licence:verify"});

    private TwoServices services;
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private AuthorisationTable table;
    private String licence; // a business licence of approval-demo: the target of refused reads and changes
    private List<String> licenceValues;
    private byte[] licencePdf;
    /**
     * A one-page PDF without a signature, uploaded by the "ok" cells of the PDF verification rows whose kind of caller
     * has already verified the sealed licence in that row. The answer to an allowed caller does not depend on who it
     * is beyond its kind — no principal (anonymous), a bearer token (a client, named in the usage record of a
     * registered file) or the holder's wallet session — and a full verification of the sealed licence is the walk's
     * most expensive read; so each row verifies the sealed licence once per kind of caller (3 of its 7 allowed cells)
     * and the file without a signature (a quick FAILED report, still a 200) for the others. Refused cells send the
     * sealed licence, so that a refusal is still shown not to echo its data.
     */
    private byte[] unsignedPdf;

    private final Set<String> verifiedTheLicence = new java.util.HashSet<>(); // row key + kind of caller
    private String imageId;
    private HolderSession holder;
    private String licenceRoot; // the root of that licence (held by the holder's company)
    private String shareId; // a share of it by the holder: the target of the share pages

    /**
     * Targets of the walk's "ok" cells that change a licence's or a seal's state, by the state they are in: a cell
     * takes one in the state it needs (issuing or applying for one only when there is none) and gives it back in the
     * state it left it in. So one licence goes amended → renewed → corrected → suspended → reinstated → revoked, and
     * one seal approved → image → made → issued → suspended → reinstated → revoked → destroyed, instead of a new
     * licence or seal brought to the right state for each cell.
     */
    private final Map<String, java.util.Deque<String>> licencesIn = new java.util.HashMap<>();

    private final Map<String, java.util.Deque<String>> sealsIn = new java.util.HashMap<>();
    private Runnable onSuccess = () -> {}; // what the cell just sent does to its target's state when it succeeds
    private HttpResponse<byte[]> lastResponse;

    @BeforeAll
    void start() throws Exception {
        services = TwoServices.shared();
        table = AuthorisationTable.load();
        CLIENTS.forEach((identity, c) -> tokens.put(identity, services.token(c[0], c[1], c[2])));
        holder = HolderSession.signIn(services.licenceUrl, AuthorisationTable.HOLDER);
        JsonNode issued = json(
                WalletFixture.replacingTheOneInForce(
                        services,
                        () -> send(post(
                                services.licenceUrl,
                                "/api/v1/licences",
                                "approval-demo",
                                businessLicence("91990100MA00XF8K1E")))),
                201);
        licence = issued.get("identifier").asString();
        licenceRoot = issued.get("root").asString();
        shareId = WalletFixture.share(holder, licenceRoot, "P1D", "name");
        licenceValues = new ArrayList<>();
        issued.get("fields").properties().forEach(e -> {
            if (e.getValue().isString() && e.getValue().asString().length() >= 4) {
                licenceValues.add(e.getValue().asString());
            }
        });
        assertThat(licenceValues).contains("授权表测试科技有限公司");
        licencePdf = services.sendForBytes(
                        HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences/" + licence + "/pdf"))
                                .header("Authorization", "Bearer " + tokens.get("approval-demo"))
                                .GET()
                                .build())
                .body();
        try (org.apache.pdfbox.pdmodel.PDDocument unsigned = new org.apache.pdfbox.pdmodel.PDDocument()) {
            unsigned.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            unsigned.save(out);
            unsignedPdf = out.toByteArray();
        }
        imageId = json(
                        send(post(
                                services.sealUrl,
                                "/api/v1/seal-images/generate",
                                "seal-admin-demo",
                                "{\"type\":\"99\",\"name\":\"证印示范市市场监督管理局\",\"purpose\":\"电子证照专用章\"}")),
                        201)
                .get("id")
                .asString();
    }

    @Test
    void everyCellOfTheTableHoldsAgainstTheRunningServices() {
        List<String> failures = new ArrayList<>();
        int cells = 0;
        for (AuthorisationTable.Row row : table.rows()) {
            for (String identity : AuthorisationTable.IDENTITIES) {
                String expected = row.expected(identity);
                cells++;
                HttpResponse<byte[]> response;
                onSuccess = () -> {};
                try {
                    response = send(row, identity, expected.equals("ok"));
                } catch (RuntimeException e) {
                    failures.add(row.key() + " as " + identity + ": " + e);
                    continue;
                }
                if (expected.equals("ok") && response.statusCode() / 100 == 2) {
                    lastResponse = response;
                    onSuccess.run();
                }
                String body = new String(response.body(), StandardCharsets.UTF_8);
                String problem = check(row, expected, response, body);
                if (problem != null) {
                    failures.add(row.key() + " as " + identity + ": expected " + expected + ", " + problem + " — "
                            + body.substring(0, Math.min(300, body.length())));
                }
            }
        }
        assertThat(cells).isEqualTo(table.rows().size() * AuthorisationTable.IDENTITIES.size());
        assertThat(failures).as("cells that do not hold").isEmpty();
    }

    /**
     * Sends the row's request as the identity: bearer identities with their token, the holder in its wallet session
     * (cookies and CSRF header). A "form" row is a browser form: the walker first loads the sign-in page in a fresh
     * session (the holder: a throwaway holder session) to get the CSRF token, as a browser would.
     */
    private HttpResponse<byte[]> send(AuthorisationTable.Row row, String identity, boolean forSuccess) {
        if (row.variant().equals("form")) {
            HolderSession session = identity.equals("holder")
                    ? HolderSession.signIn(services.licenceUrl, AuthorisationTable.HOLDER)
                    : HolderSession.anonymous(services.licenceUrl);
            String formPath = row.path()
                    .replace("{root}", licenceRoot)
                    .replace(
                            "{id}",
                            identity.equals("holder")
                                            && (row.path().endsWith("/withdrawal")
                                                    || row.path().endsWith("/renewal"))
                                    ? WalletFixture.share(session, licenceRoot, "P1D", "name")
                                    : shareId)
                    .replace(
                            "{consentId}",
                            identity.equals("holder") ? grantConsent(licence, "bank-demo") : "cst-unknown");
            HttpRequest.Builder b = session.withCsrf(HttpRequest.newBuilder(services.licenceUrl.resolve(formPath)))
                    .header("Content-Type", "application/x-www-form-urlencoded");
            if (!identity.equals("anonymous") && !identity.equals("holder")) {
                b.header("Authorization", "Bearer " + tokens.get(identity));
            }
            String form = row.path().equals("/sign-in/dev")
                    ? "holder=" + AuthorisationTable.HOLDER
                    : row.path().endsWith("/shares") || row.path().endsWith("/showing")
                            ? "field=name&expiry=P1D"
                            : row.path().endsWith("/consents")
                                    ? "clientId=bank-demo&field=name&purpose=%E6%8E%88%E6%9D%83%E8%A1%A8&term=P7D"
                                    : "";
            return session.sendForBytes(
                    b.POST(HttpRequest.BodyPublishers.ofString(form)).build());
        }
        HttpRequest request = request(row, identity, forSuccess);
        // the token endpoint knows no sessions; the seal service is another origin on the same host, whose cookies
        // (the console's JSESSIONID) would replace the holder's session cookie (cookies ignore the port)
        if (identity.equals("holder")
                && !row.path().equals("/oauth2/token")
                && row.service().equals("licence")) {
            return holder.sendForBytes(holder.withCsrf(HttpRequest.newBuilder(request, (n, v) -> true))
                    .build());
        }
        return services.sendForBytes(request);
    }

    private String check(AuthorisationTable.Row row, String expected, HttpResponse<byte[]> response, String body) {
        int status = response.statusCode();
        if (expected.equals("ok")) {
            boolean redirectIsSuccess =
                    row.variant().equals("form") || row.variant().equals("html");
            return status / 100 == 2 || (redirectIsSuccess && status / 100 == 3) ? null : "got " + status;
        }
        if (expected.equals(
                "302")) { // a browser page (seal console, wallet): sent to its sign-in page, whatever the token
            String location = response.headers().firstValue("Location").orElse("");
            String signIn = row.service().equals("seal")
                    ? "/console/sign-in"
                    : row.path().startsWith("/statistics") ? "/statistics/sign-in" : "/sign-in";
            return status == 302 && location.endsWith(signIn) ? null : "got " + status + " to '" + location + "'";
        }
        if (status != Integer.parseInt(expected)) {
            return "got " + status;
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (response.uri().getPath().equals("/oauth2/token")) {
            return null; // the OAuth2 token endpoint answers in its own (RFC 6749) format, not problem+json
        }
        if (!contentType.startsWith("application/problem+json")) {
            return "refusal is not problem+json";
        }
        if (status == 401
                && !response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer")) {
            return "401 without WWW-Authenticate: Bearer";
        }
        for (String value : licenceValues) {
            if (body.contains(value)) {
                return "refusal leaks licence data '" + value + "'";
            }
        }
        return null;
    }

    @Test
    void theTableListsEveryEndpointBothServicesExpose() {
        Set<String> exposed = new TreeSet<>();
        exposed.addAll(endpoints("licence", services.licence));
        exposed.addAll(endpoints("seal", services.seal));
        Set<String> listed = new TreeSet<>();
        table.rows().forEach(r -> listed.add(r.service() + " " + r.method() + " " + r.path()));
        assertThat(listed).as("every exposed endpoint is in the table").containsAll(exposed);
    }

    private static Set<String> endpoints(String service, ApplicationContext context) {
        Set<String> result = new TreeSet<>();
        RequestMappingHandlerMapping mapping =
                context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            for (String path : info.getPatternValues()) {
                if (path.equals("/error") || path.startsWith("/v3/api-docs/") || path.equals("/v3/api-docs.yaml")) {
                    continue; // the error dispatch (only reached internally) and springdoc's per-group variants
                }
                info.getMethodsCondition()
                        .getMethods()
                        .forEach(m -> result.add(service + " " + m.name() + " "
                                + path.replace("{encoded:.+}", "{encoded}").replace("{file:.+}", "{file}")));
            }
        }
        return result;
    }

    @Test
    void anApprovalSystemMayIssueOnlyItsTypesAndChangeOnlyItsOwnLicences() {
        HttpResponse<String> business =
                send(post(services.licenceUrl, "/api/v1/licences", "approval-forestry-demo", businessLicence()));
        assertThat(business.statusCode()).isEqualTo(403);
        assertThat(json(business, 403).get("detail").asString()).contains("may not issue");
        HttpResponse<String> change = send(post(
                services.licenceUrl,
                "/api/v1/licences/" + licence + "/suspension",
                "approval-forestry-demo",
                "{\"reason\":\"越权\"}"));
        assertThat(json(change, 403).get("detail").asString()).contains("another authority");
        licenceValues.forEach(v -> assertThat(change.body()).doesNotContain(v));
        HttpResponse<String> read =
                send(get(services.licenceUrl, "/api/v1/licences/" + licence + "/json", "approval-forestry-demo"));
        assertThat(json(read, 403).get("detail").asString()).contains("may read only its own licences");
        licenceValues.forEach(v -> assertThat(read.body()).doesNotContain(v));
        JsonNode forest =
                json(send(post(services.licenceUrl, "/api/v1/licences", "approval-forestry-demo", forestRight())), 201);
        assertThat(forest.get("issuerCode").asString()).isEqualTo("11110100000000027K");
    }

    @Test
    void aClientCannotSignWithASealItIsNotAuthorisedFor() {
        String id = sealIn("ISSUED");
        HttpResponse<String> refused =
                send(post(services.sealUrl, "/api/v1/signatures/pades", "licence-service", padesBody(id)));
        assertThat(json(refused, 403).get("detail").asString()).contains("no authorisation to use seal " + id);
    }

    /**
     * Issue #14, finding 6: an authorisation to use a seal names one existing OAuth2 client or person of the directory,
     * never a wildcard, and a person's grant never lets the client of the same name sign.
     */
    @Test
    void aSealGrantNamesOneExistingClientOrPersonAndPersonsAreNotClients() {
        String id = sealIn("ISSUED");
        String grants = "/api/v1/seals/" + id + "/authorisations";
        for (String grantee : List.of(
                "{\"grantee\":\"*\"", // a wildcard client
                "{\"granteeKind\":\"PERSON\",\"grantee\":\"*\"", // a wildcard person
                "{\"grantee\":\"nobody-xyz\"", // nobody registered
                "{\"granteeKind\":\"PERSON\",\"grantee\":\"licence-service\"")) { // a client, not a person
            HttpResponse<String> refused =
                    send(post(services.sealUrl, grants, "seal-admin-demo", grantee + ",\"reason\":\"授权表\"}"));
            assertThat(refused.statusCode())
                    .as(grantee + " → " + refused.body())
                    .isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
        // a person of the directory (a console sign-in person) may be authorised; no client signs on that grant
        json(
                send(post(
                        services.sealUrl,
                        grants,
                        "seal-admin-demo",
                        "{\"granteeKind\":\"PERSON\",\"grantee\":\"seal-admin-demo\",\"reason\":\"授权表\"}")),
                201);
        HttpResponse<String> signing =
                send(post(services.sealUrl, "/api/v1/signatures/pades", "licence-service", padesBody(id)));
        assertThat(json(signing, 403).get("detail").asString()).contains("no authorisation to use seal " + id);
        JsonNode listed = json(send(get(services.sealUrl, grants, "seal-admin-demo")), 200);
        assertThat(listed.size()).as(listed.toString()).isEqualTo(1);
        assertThat(listed.get(0).get("granteeKind").asString()).isEqualTo("PERSON");
    }

    @Test
    void anApplicantCannotApproveTheirOwnSealAndHoldersCannotReadLicences() {
        String id = sealIn("APPLIED");
        assertThat(send(post(
                                services.sealUrl,
                                "/api/v1/seals/" + id + "/approve",
                                "seal-applicant-demo",
                                "{\"reason\":\"自批\"}"))
                        .statusCode())
                .isEqualTo(403);
        // a token without licence:read cannot read any licence (403); a token for the seal service is no token here
        // at all (401: its audience is the seal service's, issue #14)
        assertThat(send(get(services.licenceUrl, "/api/v1/licences/" + licence, "no-scope"))
                        .statusCode())
                .isEqualTo(403);
        for (String identity : List.of("seal-applicant-demo", "licence-service")) {
            assertThat(send(get(services.licenceUrl, "/api/v1/licences/" + licence, identity))
                            .statusCode())
                    .isEqualTo(401);
        }
    }

    /** Review #14 finding 1: a consent to one field is no basis for a copy that prints them all. */
    @Test
    void aCopyIsRefusedWhenTheConsentDoesNotNameEveryPrintedField() {
        String target = json(heldByTheHolder(), 201).get("identifier").asString();
        String nameOnly = grantConsent(target, "bank-demo", List.of("name"));
        HttpResponse<String> refused = send(post(
                services.licenceUrl,
                "/api/v1/licences/" + target + "/annotated-copies",
                "bank-demo",
                "{\"consentId\":\"" + nameOnly + "\"}"));
        JsonNode problem = json(refused, 403);
        assertThat(problem.get("fieldsNotCovered").toString()).contains("uscc", "address");
        licenceValues.forEach(v -> assertThat(refused.body()).doesNotContain(v));
    }

    /** Review #14 finding 7: a duty client's own text is not a purpose; only the service item's listed ones are. */
    @Test
    void aDutyPurposeNotListedForTheServiceItemIsRefused() {
        for (String path : List.of("/fields?serviceItem=XF-000301-001&caseNumber=AT-P&purpose=", "/annotated-copies")) {
            String forged = "本证照已被吊销作废";
            HttpRequest request = path.startsWith("/fields")
                    ? get(
                            services.licenceUrl,
                            "/api/v1/licences/" + licence + path
                                    + java.net.URLEncoder.encode(forged, StandardCharsets.UTF_8),
                            "duty-demo")
                    : post(
                            services.licenceUrl,
                            "/api/v1/licences/" + licence + path,
                            "duty-demo",
                            "{\"serviceItem\":\"XF-000301-001\",\"caseNumber\":\"AT-P\",\"purpose\":\"" + forged
                                    + "\"}");
            HttpResponse<String> refused = send(request);
            assertThat(json(refused, 403).get("type").asString()).endsWith("duty-purpose-not-listed");
            licenceValues.forEach(v -> assertThat(refused.body()).doesNotContain(v));
        }
    }

    /**
     * Review #14 finding 8: a multipart body cut off before its closing boundary is the client's error — 400 problem+json
     * (the HTML page: an HTML error page), never a 500 — and two 'file' parts are refused instead of checking one.
     */
    @Test
    void aTruncatedMultipartBodyOrTwoFilePartsAreA400() {
        byte[] png = sealPng();
        record Upload(URI base, String path, String identity, String type, byte[] content, boolean html) {}
        List<Upload> uploads = List.of(
                new Upload(
                        services.licenceUrl,
                        "/api/v1/verifications",
                        "anonymous",
                        "application/pdf",
                        licencePdf,
                        false),
                new Upload(services.licenceUrl, "/verify", "anonymous", "application/pdf", licencePdf, true),
                new Upload(services.sealUrl, "/api/v1/seal-images", "seal-admin-demo", "image/png", png, false));
        for (Upload u : uploads) {
            String boundary = "----zhengyin" + UUID.randomUUID();
            byte[] whole = multipartBody(boundary, u.type(), List.of(u.content()));
            byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 2);
            byte[] twoFiles = multipartBody(boundary, u.type(), List.of(u.content(), u.content()));
            for (byte[] body : List.of(truncated, twoFiles)) {
                HttpRequest.Builder b = HttpRequest.newBuilder(u.base().resolve(u.path()))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .header("Accept", u.html() ? "text/html" : "application/json");
                if (tokens.containsKey(u.identity())) {
                    b.header("Authorization", "Bearer " + tokens.get(u.identity()));
                }
                HttpResponse<String> response = send(
                        b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
                String what = u.path() + (body == truncated ? " truncated" : " two files");
                assertThat(response.statusCode())
                        .as(what + ": " + response.body())
                        .isEqualTo(400);
                assertThat(response.headers().firstValue("Content-Type").orElse(""))
                        .as(what)
                        .startsWith(u.html() ? "text/html" : "application/problem+json");
                assertThat(response.body()).as(what).doesNotContain("Exception", "java.");
                if (body == twoFiles && !u.html()) {
                    assertThat(json(response, 400).get("detail").asString())
                            .as(what)
                            .contains("one part 'file'");
                }
            }
        }
    }

    /**
     * Review #14 finding 9: errors say what is wrong in the caller's terms — where the JSON stops, why the time-stamp
     * request is refused — never the parser's words or an internal class name.
     */
    @Test
    void errorsNameNeitherParserMessagesNorInternalClasses() throws Exception {
        List<String> internal = List.of(
                "Unexpected character", "expecting", "StreamReadFeature", "Source:", "Exception", "jackson", "java.");
        String broken = "{\"licenceType\": business-licence}";
        HttpResponse<String> issue = send(post(services.licenceUrl, "/api/v1/licences", "approval-demo", broken));
        assertThat(json(issue, 400).get("detail").asString()).contains("line 1, column");
        internal.forEach(w -> assertThat(issue.body()).doesNotContain(w));

        HttpResponse<String> imported =
                send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licence-imports"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + tokens.get("approval-demo"))
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"key\":\"json-msg-1\",\"licenceType\": business}\n", StandardCharsets.UTF_8))
                        .build());
        String line = imported.body()
                .lines()
                .filter(l -> l.startsWith("{\"line\""))
                .findFirst()
                .orElseThrow(() -> new AssertionError(imported.body()));
        assertThat(line).contains("malformed-line", "column");
        internal.forEach(w -> assertThat(line).doesNotContain(w));

        String header = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"ES256\",\"typ\":\"dc+sd-jwt\"}".getBytes(StandardCharsets.UTF_8));
        String payload = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"vct\": urn}".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> jws = send(post(
                services.sealUrl,
                "/api/v1/signatures/jws",
                "licence-service",
                TwoServices.JSON.writeValueAsString(
                        Map.of("sealId", SEAL, "licenceIdentifier", licence, "signingInput", header + "." + payload))));
        assertThat(jws.statusCode()).as(jws.body()).isBetween(400, 499);
        assertThat(TwoServices.json(jws.body()).get("detail").asString()).contains("not valid JSON", "column");
        internal.forEach(w -> assertThat(jws.body()).doesNotContain(w));

        byte[] reply = services.sendForBytes(HttpRequest.newBuilder(services.sealUrl.resolve("/tsa"))
                        .header("Content-Type", "application/timestamp-query")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}))
                        .build())
                .body();
        org.bouncycastle.tsp.TimeStampResponse rejected = new org.bouncycastle.tsp.TimeStampResponse(reply);
        assertThat(rejected.getStatus()).isEqualTo(2);
        internal.forEach(w -> assertThat(rejected.getStatusString()).doesNotContain(w));
    }

    /**
     * Review #14 finding 9: every page of the licence service — the wallet, the verification page and its result, the
     * public status and share pages (whose URL holds the share secret), sign-in — forbids inline and foreign scripts
     * (the wallet runs only its own /js/wallet.js and service worker; the public pages none) and plugins, framing
     * and foreign form targets (Content-Security-Policy) and sends no Referer onwards.
     */
    @Test
    void everyPageHasAContentSecurityPolicyAndNoReferrer() {
        List<HttpResponse<byte[]>> pages = new ArrayList<>();
        for (String path : List.of("/wallet", "/wallet/licences/" + licenceRoot, "/wallet/shares/" + shareId)) {
            pages.add(holder.sendForBytes(HttpRequest.newBuilder(services.licenceUrl.resolve(path))
                    .header("Accept", "text/html")
                    .GET()
                    .build()));
        }
        for (String path : List.of("/verify", "/v/" + licence, "/s/" + shareId, "/sign-in")) {
            pages.add(services.sendForBytes(HttpRequest.newBuilder(services.licenceUrl.resolve(path))
                    .header("Accept", "text/html")
                    .GET()
                    .build()));
        }
        pages.add(services.sendForBytes(multipart(
                HttpRequest.newBuilder(services.licenceUrl.resolve("/verify")).header("Accept", "text/html"),
                "application/pdf",
                licencePdf)));
        for (HttpResponse<byte[]> page : pages) {
            String what = page.uri().getPath();
            assertThat(page.statusCode()).as(what).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElse(""))
                    .as(what)
                    .startsWith("text/html");
            String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp)
                    .as(what)
                    .contains("default-src 'none'", "frame-ancestors 'none'", "form-action 'self'", "base-uri 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(page.headers().firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
        }
    }

    /**
     * Review #14 finding 9: behind a TLS-terminating proxy (X-Forwarded-Proto: https from a trusted proxy address) the
     * session and CSRF cookies of both services are {@code Secure}; over plain HTTP (development) they are not.
     */
    @Test
    void cookiesAreSecureWhenTheRequestCameOverHttps() {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .build();
        java.util.function.BiFunction<URI, Boolean, HttpRequest.Builder> page = (uri, https) -> {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "text/html");
            return https ? b.header("X-Forwarded-Proto", "https") : b;
        };
        for (boolean https : List.of(true, false)) {
            HttpResponse<String> signIn = sendWith(
                    client,
                    page.apply(services.licenceUrl.resolve("/sign-in"), https)
                            .GET()
                            .build());
            String csrf = hidden(signIn.body(), "_csrf");
            String xsrf = cookie(signIn, "XSRF-TOKEN");
            HttpResponse<String> signedIn = sendWith(
                    client,
                    page.apply(services.licenceUrl.resolve("/sign-in/dev"), https)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Cookie", "XSRF-TOKEN=" + xsrf)
                            .POST(HttpRequest.BodyPublishers.ofString("_csrf="
                                    + java.net.URLEncoder.encode(csrf, StandardCharsets.UTF_8) + "&holder="
                                    + AuthorisationTable.HOLDER))
                            .build());
            assertThat(signedIn.statusCode()).isEqualTo(302);
            HttpResponse<String> console = sendWith(
                    client,
                    page.apply(services.sealUrl.resolve("/console/sign-in"), https)
                            .GET()
                            .build());
            for (String setCookie : List.of(
                    setCookie(signIn, "XSRF-TOKEN"),
                    setCookie(signedIn, "ZY_LICENCE_SESSION"),
                    setCookie(console, "ZY_SEAL_SESSION"))) {
                assertThat(setCookie.toLowerCase(java.util.Locale.ROOT).contains("; secure"))
                        .as(setCookie)
                        .isEqualTo(https);
            }
        }
    }

    /**
     * Review #14 finding 9: a CSRF token is accepted from the form body or the header only; in the query string (where
     * it lands in logs, history and Referer headers) it does not count.
     */
    @Test
    void aCsrfTokenInTheQueryStringIsNotAccepted() {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .build();
        HttpResponse<String> signIn = sendWith(
                client,
                HttpRequest.newBuilder(services.licenceUrl.resolve("/sign-in"))
                        .GET()
                        .build());
        String csrf = java.net.URLEncoder.encode(hidden(signIn.body(), "_csrf"), StandardCharsets.UTF_8);
        String xsrf = cookie(signIn, "XSRF-TOKEN");
        HttpResponse<String> inQuery = sendWith(
                client,
                HttpRequest.newBuilder(services.licenceUrl.resolve("/sign-in/dev?_csrf=" + csrf))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", "XSRF-TOKEN=" + xsrf)
                        .POST(HttpRequest.BodyPublishers.ofString("holder=" + AuthorisationTable.HOLDER))
                        .build());
        assertThat(inQuery.statusCode()).isEqualTo(403);
        HttpResponse<String> inBody = sendWith(
                client,
                HttpRequest.newBuilder(services.licenceUrl.resolve("/sign-in/dev"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", "XSRF-TOKEN=" + xsrf)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "_csrf=" + csrf + "&holder=" + AuthorisationTable.HOLDER))
                        .build());
        assertThat(inBody.statusCode()).isEqualTo(302);

        // the seal console (a session-stored token)
        HttpResponse<String> console = sendWith(
                client,
                HttpRequest.newBuilder(services.sealUrl.resolve("/console/sign-in"))
                        .GET()
                        .build());
        String consoleCsrf = java.net.URLEncoder.encode(hidden(console.body(), "_csrf"), StandardCharsets.UTF_8);
        String session = cookie(console, "ZY_SEAL_SESSION");
        HttpResponse<String> consoleInQuery = sendWith(
                client,
                HttpRequest.newBuilder(services.sealUrl.resolve("/console/sign-in?_csrf=" + consoleCsrf))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", "ZY_SEAL_SESSION=" + session)
                        .POST(HttpRequest.BodyPublishers.ofString("person=seal-admin-demo"))
                        .build());
        assertThat(consoleInQuery.headers().firstValue("Location").orElse(""))
                .as("refused: back to the console list, not signed in")
                .doesNotEndWith("/console/seals");
        assertThat(consoleInQuery.statusCode()).isIn(302, 403);
    }

    private static HttpResponse<String> sendWith(java.net.http.HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String hidden(String html, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"")
                .matcher(html);
        assertThat(m.find()).as("hidden field " + name).isTrue();
        return m.group(1);
    }

    private static String setCookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no cookie " + name + " in " + response.headers()));
    }

    private static String cookie(HttpResponse<?> response, String name) {
        String c = setCookie(response, name);
        return c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'));
    }

    @Test
    void aForgedOrExpiredLookingTokenIsA401WithBearerChallenge() {
        HttpResponse<String> forged =
                send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences/" + licence))
                        .header("Authorization", "Bearer " + tokens.get("approval-demo") + "x")
                        .GET()
                        .build());
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        licenceValues.forEach(v -> assertThat(forged.body()).doesNotContain(v));
    }

    // ---- access tokens (issue #14, finding 5): issuer, audience, revocation, introspection ----

    static final String LICENCE_AUDIENCE = "urn:zhengyin:licence-service";
    static final String SEAL_AUDIENCE = "urn:zhengyin:seal-service";

    /** The token endpoint names the configured issuer whatever Host the request names, and each service's audience. */
    @Test
    void theIssuerIsConfiguredNotTakenFromTheHostHeaderAndTokensNameTheirServices() throws Exception {
        String raw = rawPost(
                services.licenceUrl,
                "/oauth2/token",
                "evil.example",
                basic("approval-demo", "approval-demo-secret"),
                "grant_type=client_credentials&scope=licence%3Aread");
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(raw);
        assertThat(token.find()).as(raw).isTrue();
        JsonNode claims = claims(token.group(1));
        assertThat(claims.get("iss").asString()).isEqualTo(services.licenceUrl.toString());
        assertThat(audiences(claims)).containsExactly(LICENCE_AUDIENCE);
        assertThat(claims.get("client_id").asString()).isEqualTo("approval-demo");
        JsonNode metadata =
                json(send(get(services.licenceUrl, "/.well-known/oauth-authorization-server", "anonymous")), 200);
        assertThat(metadata.get("issuer").asString()).isEqualTo(services.licenceUrl.toString());

        assertThat(audiences(claims(tokens.get("licence-service")))).containsExactly(SEAL_AUDIENCE);
        assertThat(audiences(claims(tokens.get("seal-admin-demo")))).containsExactly(SEAL_AUDIENCE);
        assertThat(audiences(claims(tokens.get("no-scope")))).containsExactly(LICENCE_AUDIENCE);
        String auditor = services.token("auditor-demo", "auditor-demo-secret", "audit:read");
        assertThat(audiences(claims(auditor))).containsExactly(LICENCE_AUDIENCE, SEAL_AUDIENCE);
        for (URI service : List.of(services.licenceUrl, services.sealUrl)) {
            assertThat(send(bearer(service, "/api/v1/audit-events?limit=1", auditor))
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    /**
     * A token signed with the authorisation server's own key but naming another issuer, or no audience of the
     * service, is refused by both services (401 with a Bearer challenge naming the reason).
     */
    @Test
    void aWellSignedTokenOfAnotherIssuerOrAudienceIsRefusedByBothServices() throws Exception {
        Map<String, String> forged = Map.of(
                "another issuer",
                signedToken("http://evil.example", List.of(LICENCE_AUDIENCE, SEAL_AUDIENCE)),
                "the client as audience",
                signedToken(services.licenceUrl.toString(), List.of("approval-demo")),
                "no audience",
                signedToken(services.licenceUrl.toString(), List.of()));
        forged.forEach((what, token) -> {
            for (HttpRequest request : List.of(
                    bearer(services.licenceUrl, "/api/v1/licences/" + licence, token),
                    bearer(services.sealUrl, "/api/v1/seals/" + SEAL, token))) {
                HttpResponse<String> refused = send(request);
                assertThat(refused.statusCode())
                        .as(what + " at " + request.uri())
                        .isEqualTo(401);
                assertThat(refused.headers().firstValue("WWW-Authenticate").orElse(""))
                        .as(what)
                        .startsWith("Bearer")
                        .containsAnyOf("issuer", "audience");
                licenceValues.forEach(v -> assertThat(refused.body()).doesNotContain(v));
            }
        });
        // a token of one service is refused by the other
        assertThat(send(get(services.sealUrl, "/api/v1/seals/" + SEAL, "approval-demo"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(send(get(services.licenceUrl, "/api/v1/licences/" + licence, "seal-admin-demo"))
                        .statusCode())
                .isEqualTo(401);
    }

    /**
     * A token revoked at {@code /oauth2/revoke} stops working at once at the licence service (the authorisation
     * server's own store) and, at the seal service, within its introspection cache time (TwoServices: 2 s).
     */
    @Test
    void aRevokedTokenStopsWorkingAtOnceHereAndWithinTheCacheTimeAtTheSealService() throws Exception {
        String approval = services.token("approval-demo", "approval-demo-secret", "licence:read");
        assertThat(send(bearer(services.licenceUrl, "/api/v1/licences/" + licence, approval))
                        .statusCode())
                .isEqualTo(200);
        assertThat(revoke("approval-demo", "approval-demo-secret", approval)).isEqualTo(200);
        HttpResponse<String> afterRevocation =
                send(bearer(services.licenceUrl, "/api/v1/licences/" + licence, approval));
        assertThat(afterRevocation.statusCode()).isEqualTo(401);
        assertThat(afterRevocation.headers().firstValue("WWW-Authenticate").orElse(""))
                .contains("revoked");

        String admin = services.token("seal-admin-demo", "seal-admin-secret", "seal:read");
        assertThat(send(bearer(services.sealUrl, "/api/v1/seals/" + SEAL, admin))
                        .statusCode())
                .isEqualTo(200);
        assertThat(revoke("seal-admin-demo", "seal-admin-secret", admin)).isEqualTo(200);
        long revokedAt = System.nanoTime();
        int status;
        do {
            Thread.sleep(100);
            status = send(bearer(services.sealUrl, "/api/v1/seals/" + SEAL, admin))
                    .statusCode();
        } while (status != 401
                && System.nanoTime() - revokedAt < Duration.ofSeconds(10).toNanos());
        assertThat(status).as("the revoked token at the seal service").isEqualTo(401);
        assertThat(Duration.ofNanos(System.nanoTime() - revokedAt))
                .as("within the introspection cache time (2 s) and a margin")
                .isLessThan(Duration.ofSeconds(6));
        // another client cannot revoke a token it does not hold
        String other = services.token("approval-demo", "approval-demo-secret", "licence:read");
        revoke("bank-demo", "bank-demo-secret", other);
        assertThat(send(bearer(services.licenceUrl, "/api/v1/licences/" + licence, other))
                        .statusCode())
                .isEqualTo(200);
    }

    /**
     * A client may introspect only its own tokens; the seal service (scope {@code token:introspect}) any token. Other
     * introspections answer {@code active: false}, as for an unknown token.
     */
    @Test
    void aClientMayIntrospectOnlyItsOwnTokens() {
        String approval = services.token("approval-demo", "approval-demo-secret", "licence:read");
        assertThat(introspect("bank-demo", "bank-demo-secret", approval)
                        .get("active")
                        .asBoolean())
                .as("bank-demo introspecting approval-demo's token")
                .isFalse();
        assertThat(introspect("bank-demo", "bank-demo-secret", approval).size()).isEqualTo(1);
        JsonNode own = introspect("approval-demo", "approval-demo-secret", approval);
        assertThat(own.get("active").asBoolean()).isTrue();
        assertThat(own.get("client_id").asString()).isEqualTo("approval-demo");
        assertThat(introspect("seal-service", "seal-service-secret", approval)
                        .get("active")
                        .asBoolean())
                .as("the seal service checks every caller's token")
                .isTrue();
        assertThat(send(HttpRequest.newBuilder(services.licenceUrl.resolve("/oauth2/introspect"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("token=" + approval))
                                .build())
                        .statusCode())
                .isEqualTo(401);
    }

    private JsonNode introspect(String client, String secret, String token) {
        return json(
                send(HttpRequest.newBuilder(services.licenceUrl.resolve("/oauth2/introspect"))
                        .header("Authorization", basic(client, secret))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("token=" + token))
                        .build()),
                200);
    }

    private int revoke(String client, String secret, String token) {
        return send(HttpRequest.newBuilder(services.licenceUrl.resolve("/oauth2/revoke"))
                        .header("Authorization", basic(client, secret))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("token=" + token + "&token_type_hint=access_token"))
                        .build())
                .statusCode();
    }

    private static HttpRequest bearer(URI base, String path, String token) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
    }

    static String basic(String client, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode claims(String jwt) {
        return TwoServices.json(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    static List<String> audiences(JsonNode claims) {
        JsonNode aud = claims.get("aud");
        List<String> result = new ArrayList<>();
        if (aud != null && aud.isArray()) {
            aud.forEach(a -> result.add(a.asString()));
        } else if (aud != null) {
            result.add(aud.asString());
        }
        return result;
    }

    /** A JWT signed with the licence service's own token key (as the authorisation server signs), with these claims. */
    @SuppressWarnings("unchecked")
    private String signedToken(String issuer, List<String> audience) throws Exception {
        com.nimbusds.jose.jwk.source.JWKSource<com.nimbusds.jose.proc.SecurityContext> keys =
                services.licence.getBean(com.nimbusds.jose.jwk.source.JWKSource.class);
        com.nimbusds.jose.jwk.RSAKey key = (com.nimbusds.jose.jwk.RSAKey) keys.get(
                        new com.nimbusds.jose.jwk.JWKSelector(new com.nimbusds.jose.jwk.JWKMatcher.Builder()
                                .keyType(com.nimbusds.jose.jwk.KeyType.RSA)
                                .privateOnly(true)
                                .build()),
                        null)
                .getFirst();
        Instant now = Instant.now();
        com.nimbusds.jwt.JWTClaimsSet claims = new com.nimbusds.jwt.JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject("approval-demo")
                .claim("client_id", "approval-demo")
                .claim("scope", "licence:read seal:read")
                .issueTime(java.util.Date.from(now))
                .notBeforeTime(java.util.Date.from(now))
                .expirationTime(java.util.Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString())
                .build();
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .build(),
                claims);
        jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(key));
        return jwt.serialize();
    }

    /** A POST over a raw socket, to send a Host header of our choosing; the whole answer (head and body). */
    static String rawPost(URI base, String path, String host, String authorization, String form) throws Exception {
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: " + authorization
                            + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // ---- requests for each row ----

    private HttpRequest request(AuthorisationTable.Row row, String identity, boolean forSuccess) {
        URI base = row.service().equals("licence") ? services.licenceUrl : services.sealUrl;
        String path = row.path();
        String m = row.method();
        if (path.equals("/oauth2/token")) {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                    .header("Content-Type", "application/x-www-form-urlencoded");
            if (CLIENTS.containsKey(identity)) {
                String[] c = CLIENTS.get(identity);
                b.header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((c[0] + ":" + c[1]).getBytes(StandardCharsets.UTF_8)));
            }
            return b.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                    .build();
        }
        // targets: the success of an ok cell may need a fresh target in the right state
        String target = licence;
        if (forSuccess && m.equals("POST") && path.startsWith("/api/v1/licences/{identifier}/")) {
            String change = path.substring("/api/v1/licences/{identifier}/".length());
            if (change.equals("annotated-copies")) {
                // the holder grants the consent for the copy: a licence of his other company, not handed on (the
                // next one of his replaces it)
                target = json(heldByTheHolder(), 201).get("identifier").asString();
            } else {
                String needs = change.equals("reinstatement") ? "SUSPENDED" : "IN_FORCE";
                String taken = takeLicence(needs);
                target = taken;
                onSuccess = switch (change) {
                    // a new version, in force; the one changed is superseded
                    case "amendments", "renewals", "corrections" ->
                        () -> give(
                                licencesIn,
                                "IN_FORCE",
                                json(lastResponse).get("identifier").asString());
                    case "suspension" -> () -> give(licencesIn, "SUSPENDED", taken);
                    case "revocation", "cancellation" -> () -> {};
                    // reinstated; or unchanged: an archive time-stamp renewed, a copy made
                    default -> () -> give(licencesIn, "IN_FORCE", taken);
                };
            }
        }
        String sealId = SEAL;
        if (forSuccess && m.equals("POST") && path.startsWith("/api/v1/seals/{id}/")) {
            String transition = path.substring("/api/v1/seals/{id}/".length());
            String[] fromTo = switch (transition) {
                case "approve" -> new String[] {"APPLIED", "APPROVED"};
                case "reject" -> new String[] {"APPLIED", "REJECTED"};
                case "image" -> new String[] {"APPROVED", "APPROVED"};
                case "make" -> new String[] {"APPROVED", "MADE"};
                case "issue" -> new String[] {"MADE", "ISSUED"};
                case "suspend" -> new String[] {"ISSUED", "SUSPENDED"};
                case "reinstate" -> new String[] {"SUSPENDED", "ISSUED"};
                case "revoke" -> new String[] {"ISSUED", "REVOKED"};
                case "destroy" -> new String[] {"REVOKED", "DESTROYED"};
                default -> null;
            };
            if (fromTo != null) {
                String taken = takeSeal(fromTo[0]);
                sealId = taken;
                onSuccess = () -> give(sealsIn, fromTo[1], taken);
            }
        }
        String authorisationId = "unknown";
        if (forSuccess && m.equals("DELETE")) {
            authorisationId = json(
                            send(
                                    post(
                                            services.sealUrl,
                                            "/api/v1/seals/" + SEAL + "/authorisations",
                                            "seal-admin-demo",
                                            "{\"grantee\":\"licence-service\",\"licenceTypes\":[\"11100000XF0000001X001\"],\"reason\":\"授权表\"}")),
                            201)
                    .get("id")
                    .asString();
        }
        // field reuse: an ok cell needs the holder's consent or use code for the identity's client first
        String consentId = "cst-unknown";
        String useCode = "0000AAAA1111";
        if (forSuccess && CLIENTS.containsKey(identity) && row.variant().equals("consent")) {
            // a copy prints every field of the licence: its consent must name them all (review #14, finding 1)
            grantConsent(
                    target,
                    identity,
                    path.endsWith("/annotated-copies") ? FieldReuseIT.BUSINESS_PRINTED : List.of("name"));
        }
        if (forSuccess && path.equals("/api/v1/use-codes/redemption")) {
            useCode = holderJson(
                            holder.postJson(
                                    "/api/v1/holder/use-codes",
                                    "{\"licence\":\"" + licence + "\",\"fields\":[\"name\"],\"purpose\":\"授权表\"}"),
                            201)
                    .get("code")
                    .asString();
        }
        if (forSuccess
                && (path.equals("/api/v1/holder/consents/{consentId}")
                        || path.equals("/wallet/consents/{consentId}/withdrawal"))) {
            consentId = grantConsent(licence, "bank-demo");
        }
        String resolved = path.replace("{identifier}", target)
                .replace("{consentId}", consentId)
                .replace("{typeCodeOrSlug}", "business-licence")
                .replace("{index}", "0")
                .replace("{table}", "licences-by-day")
                .replace("{authorisationId}", authorisationId)
                .replace("{file}", "seal-ca.crl")
                .replace("{encoded}", Base64.getUrlEncoder().encodeToString(OCSP_REQUEST));
        resolved = resolved.replace("{root}", licenceRoot);
        if (path.startsWith("/s/") || path.startsWith("/wallet/shares/")) {
            resolved = resolved.replace("{id}", shareId);
        }
        resolved = path.startsWith("/api/v1/seal-images/")
                ? resolved.replace("{id}", imageId)
                : resolved.replace("{id}", sealId);
        String query = switch (row.path() + "|" + row.variant()) {
            case "/api/v1/transparency/proofs/inclusion|leafIndex" -> "?leafIndex=0";
            case "/api/v1/transparency/proofs/inclusion|identifier" -> "?identifier=" + licence;
            case "/api/v1/transparency/proofs/consistency|" -> "?first=1&second=2";
            case "/api/v1/seal-usages|" -> "?organisation=11110100000000019Q";
            case "/api/v1/licences/{identifier}/fields|duty" ->
                "?serviceItem=XF-000301-001&caseNumber=AT-D&purpose="
                        + java.net.URLEncoder.encode("社会保险登记（单位）", StandardCharsets.UTF_8);
            case "/api/v1/usage-records|" -> "?type=business-licence";
            default -> "";
        };
        HttpRequest.Builder b =
                HttpRequest.newBuilder(base.resolve(resolved + query)).timeout(Duration.ofSeconds(60));
        if (tokens.containsKey(identity)) {
            b.header("Authorization", "Bearer " + tokens.get(identity));
        }
        if (m.equals("GET")) {
            if (row.variant().equals("html")) {
                b.header("Accept", "text/html");
            } else if (row.variant().equals("json")) {
                b.header("Accept", "application/json");
            }
            return b.GET().build();
        }
        if (m.equals("DELETE")) {
            return b.DELETE().build();
        }
        return switch (path + "|" + row.variant()) {
            case "/api/v1/licences|business-licence" -> json(b, businessLicence());
            case "/api/v1/licences|forest-right" -> json(b, forestRight());
            case "/api/v1/licence-imports|ndjson" -> {
                tools.jackson.databind.node.ObjectNode line =
                        (tools.jackson.databind.node.ObjectNode) TwoServices.JSON.readTree(forestRight());
                line.put("key", "authz-" + java.util.UUID.randomUUID());
                yield b.header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString(line.toString() + "\n", StandardCharsets.UTF_8))
                        .build();
            }
            case "/api/v1/verifications|pdf" ->
                b.header("Content-Type", "application/pdf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(verificationUpload(row, identity, forSuccess)))
                        .build();
            case "/api/v1/verifications|multipart", "/verify|multipart" ->
                multipart(b, "application/pdf", verificationUpload(row, identity, forSuccess));
            case "/api/v1/verifications|json" -> json(b, sesVerification());
            case "/api/v1/verifications|hash-only" ->
                json(
                        b,
                        "{\"identifier\":\"" + licence + "\",\"sha256\":\""
                                + java.util.HexFormat.of().formatHex(sha256(licencePdf)) + "\"}");
            case "/api/v1/seal-images|multipart" -> multipart(b, "image/png", sealPng());
            case "/tsa|" ->
                b.header("Content-Type", "application/timestamp-query")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(timestampQuery()))
                        .build();
            case "/api/v1/use-codes/redemption|" -> json(b, "{\"code\":\"" + useCode + "\"}");
            case "/api/v1/licences/{identifier}/annotated-copies|consent" -> json(b, "{}");
            case "/api/v1/licences/{identifier}/annotated-copies|duty" ->
                json(b, "{\"serviceItem\":\"XF-000301-001\",\"caseNumber\":\"AT-D\",\"purpose\":\"社会保险登记（单位）\"}");
            case "/ocsp|" ->
                b.header("Content-Type", "application/ocsp-request")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(OCSP_REQUEST))
                        .build();
            default -> json(b, postBody(path));
        };
    }

    /** The PDF a verification cell uploads: see {@link #unsignedPdf}. */
    private byte[] verificationUpload(AuthorisationTable.Row row, String identity, boolean forSuccess) {
        String caller = identity.equals("anonymous") || identity.equals("holder") ? identity : "bearer token";
        return !forSuccess || verifiedTheLicence.add(row.key() + " as " + caller) ? licencePdf : unsignedPdf;
    }

    private String postBody(String path) {
        return switch (path) {
            case "/api/v1/licences/{identifier}/amendments" ->
                "{\"caseNumber\":\"AT-2\",\"reason\":\"住所变更\",\"fields\":{\"address\":\"示范市授权区新港路1号\"}}";
            // the walk corrects the version it amended and renewed: another case, another address
            case "/api/v1/licences/{identifier}/corrections" ->
                "{\"caseNumber\":\"AT-4\",\"reason\":\"住所更正\",\"fields\":{\"address\":\"示范市授权区新港路2号\"}}";
            case "/api/v1/licences/{identifier}/renewals" ->
                "{\"caseNumber\":\"AT-3\",\"reason\":\"换发\",\"fields\":{}}";
            case "/api/v1/signatures/pades" -> padesBody(SEAL);
            case "/api/v1/signatures/batch" -> "{\"items\":[{\"pades\":" + padesBody(SEAL) + "}]}";
            case "/api/v1/signatures/xml" -> xmlBody();
            case "/api/v1/signatures/jws" ->
                TwoServices.JSON.writeValueAsString(Map.of(
                        "sealId",
                        SEAL,
                        "licenceIdentifier",
                        licence,
                        "signingInput",
                        cn.zhengyin.licence.share.SdJwt.json(Map.of("alg", "ES256", "typ", "dc+sd-jwt")) + "."
                                + cn.zhengyin.licence.share.SdJwt.json(Map.of(
                                        "vct",
                                        "urn:zhengyin:licence-type:11100000XF0000001X001",
                                        "issuer_code",
                                        "11110100000000019Q"))));
            case "/api/v1/signatures/ses" ->
                TwoServices.JSON.writeValueAsString(Map.of(
                        "sealId",
                        SEAL,
                        "dataHash",
                        Base64.getEncoder().encodeToString(cn.zhengyin.trust.ses.SealSigner.sm3(new byte[] {1, 2})),
                        "propertyInfo",
                        "/Doc_0/Signs/Sign_0/Signature.xml",
                        "licenceIdentifier",
                        TwoServices.marketSupervisionLicenceId()));
            case "/api/v1/seals" -> applyBody();
            case "/api/v1/seals/{id}/image" -> "{\"imageId\":\"" + imageId + "\",\"reason\":\"印模\"}";
            case "/api/v1/seals/{id}/revoke" -> "{\"reason\":\"吊销\",\"revocationReason\":\"keyCompromise\"}";
            case "/api/v1/seals/{id}/authorisations" ->
                "{\"grantee\":\"licence-service\",\"licenceTypes\":[\"11100000XF0000001X001\"],\"reason\":\"授权表\"}";
            case "/api/v1/holder/consents" -> consentBody(licence, "bank-demo");
            case "/api/v1/holder/use-codes" ->
                "{\"licence\":\"" + licence + "\",\"fields\":[\"name\"],\"purpose\":\"授权表\"}";
            case "/api/v1/seal-images/generate" ->
                "{\"type\":\"99\",\"name\":\"证印示范市市场监督管理局\",\"purpose\":\"电子证照专用章\"}";
            default -> "{\"reason\":\"授权表检查\"}";
        };
    }

    /** The holder (林晓峰) consents to the identity's client reading the licence's name; returns the consent id. */
    private String grantConsent(String identifier, String identity) {
        return grantConsent(identifier, identity, List.of("name"));
    }

    /** The holder (林晓峰) consents to the identity's client reading these fields; returns the consent id. */
    private String grantConsent(String identifier, String identity, List<String> fields) {
        return holderJson(
                        holder.postJson(
                                "/api/v1/holder/consents", consentBody(identifier, CLIENTS.get(identity)[0], fields)),
                        201)
                .get("id")
                .asString();
    }

    private static String consentBody(String identifier, String client) {
        return consentBody(identifier, client, List.of("name"));
    }

    private static String consentBody(String identifier, String client, List<String> fields) {
        return TwoServices.JSON.writeValueAsString(Map.of(
                "licence",
                identifier,
                "clientId",
                client,
                "fields",
                fields,
                "purpose",
                "授权表检查",
                "until",
                Instant.now().plus(Duration.ofDays(1)).toString()));
    }

    private static JsonNode holderJson(HttpResponse<String> response, int expected) {
        return json(response, expected);
    }

    /** A fresh seal (applied by the applicant) driven to the given state by the approver and the administrator. */
    /** A licence of approval-demo in this state for a walk cell: one given back by an earlier cell, else a new one. */
    private String takeLicence(String state) {
        String pooled =
                licencesIn.getOrDefault(state, new java.util.ArrayDeque<>()).pollFirst();
        if (pooled != null) {
            return pooled;
        }
        String issued = json(
                        send(post(services.licenceUrl, "/api/v1/licences", "approval-demo", businessLicence())), 201)
                .get("identifier")
                .asString();
        if (state.equals("SUSPENDED")) {
            json(
                    send(post(
                            services.licenceUrl,
                            "/api/v1/licences/" + issued + "/suspension",
                            "approval-demo",
                            "{\"reason\":\"整改\"}")),
                    200);
        }
        return issued;
    }

    /** A seal in this state for a walk cell: one given back by an earlier cell, else a new one taken there. */
    private String takeSeal(String state) {
        String pooled =
                sealsIn.getOrDefault(state, new java.util.ArrayDeque<>()).pollFirst();
        return pooled != null ? pooled : sealIn(state);
    }

    private static void give(Map<String, java.util.Deque<String>> pool, String state, String id) {
        pool.computeIfAbsent(state, s -> new java.util.ArrayDeque<>()).addLast(id);
    }

    private static JsonNode json(HttpResponse<byte[]> response) {
        return TwoServices.json(new String(response.body(), StandardCharsets.UTF_8));
    }

    private String sealIn(String state) {
        String id = json(send(post(services.sealUrl, "/api/v1/seals", "seal-applicant-demo", applyBody())), 201)
                .get("id")
                .asString();
        List<String[]> steps = List.of(
                new String[] {"APPROVED", "approve", "seal-approver-demo"},
                new String[] {"MADE", "make", "seal-admin-demo"},
                new String[] {"ISSUED", "issue", "seal-admin-demo"},
                new String[] {"SUSPENDED", "suspend", "seal-admin-demo"});
        if (state.equals("APPLIED")) {
            return id;
        }
        for (String[] step : steps) {
            if (state.equals("REVOKED") && step[0].equals("SUSPENDED")) {
                json(
                        send(post(
                                services.sealUrl,
                                "/api/v1/seals/" + id + "/revoke",
                                "seal-admin-demo",
                                "{\"reason\":\"吊销\",\"revocationReason\":\"cessationOfOperation\"}")),
                        200);
                return id;
            }
            json(
                    send(post(
                            services.sealUrl, "/api/v1/seals/" + id + "/" + step[1], step[2], "{\"reason\":\"授权表\"}")),
                    200);
            if (state.equals(step[0])) {
                return id;
            }
        }
        throw new IllegalArgumentException(state);
    }

    private static String applyBody() {
        return TwoServices.JSON.writeValueAsString(Map.of(
                "organisationName",
                "证印示范市市场监督管理局",
                "organisationUscc",
                "11110100000000019Q",
                "type",
                "99",
                "name",
                "证印示范市市场监督管理局授权表专用章",
                "kindName",
                "业务专用章",
                "validUntil",
                Instant.now().plus(Duration.ofDays(365)).toString(),
                "reason",
                "授权表"));
    }

    private static String padesBody(String sealId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            return TwoServices.JSON.writeValueAsString(Map.of(
                    "sealId",
                    sealId,
                    "digest",
                    Base64.getEncoder().encodeToString(digest),
                    "licenceType",
                    "11100000XF0000001X001",
                    "licenceIdentifier",
                    TwoServices.marketSupervisionLicenceId()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String xmlBody() {
        // a canonical SignedInfo of the allowed shape, prepared exactly as the licence service prepares one
        try {
            java.util.List<java.security.cert.X509Certificate> chain = cn.zhengyin.trust.pki.Pkcs12.read(
                            TwoServices.KEYS.resolve("dev-seal.p12"), "zhengyin-dev".toCharArray())
                    .chain();
            byte[] doc =
                    "<LicenceDocument xmlns=\"urn:zhengyin:licence:1\" Id=\"licence-1\"><Metadata/><Fields/></LicenceDocument>"
                            .getBytes(StandardCharsets.UTF_8);
            byte[] signedInfo = new cn.zhengyin.trust.xml.XadesEnvelopedSigner()
                    .prepare(cn.zhengyin.trust.xml.SecureXml.parse(doc), "licence-1", chain, java.time.Instant.now())
                    .canonicalSignedInfo();
            return TwoServices.JSON.writeValueAsString(Map.of(
                    "sealId",
                    SEAL,
                    "signedInfo",
                    Base64.getEncoder().encodeToString(signedInfo),
                    "licenceIdentifier",
                    TwoServices.marketSupervisionLicenceId()));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String sesVerification() {
        byte[] data = "<ofd:Signature>授权表</ofd:Signature>".getBytes(StandardCharsets.UTF_8);
        JsonNode signed = json(
                send(post(
                        services.sealUrl,
                        "/api/v1/signatures/ses",
                        "licence-service",
                        TwoServices.JSON.writeValueAsString(Map.of(
                                "sealId",
                                SEAL,
                                "dataHash",
                                Base64.getEncoder().encodeToString(cn.zhengyin.trust.ses.SealSigner.sm3(data)),
                                "propertyInfo",
                                "/Doc_0/Signs/Sign_0/Signature.xml",
                                "licenceIdentifier",
                                TwoServices.marketSupervisionLicenceId())))),
                200);
        return TwoServices.JSON.writeValueAsString(Map.of(
                "sesSignature",
                signed.get("sesSignature").asString(),
                "data",
                Base64.getEncoder().encodeToString(data)));
    }

    private byte[] sealPng() {
        return services.sendForBytes(
                        get(services.sealUrl, "/api/v1/seal-images/" + imageId + "/png", "seal-admin-demo"))
                .body();
    }

    private static byte[] timestampQuery() {
        try {
            return new TimeStampRequestGenerator()
                    .generate(NISTObjectIdentifiers.id_sha256, new byte[32], BigInteger.valueOf(System.nanoTime()))
                    .getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An OCSP request for the dev seal's certificate (built once: every cell's path is resolved with it). */
    private static final byte[] OCSP_REQUEST = ocspRequest();

    private static byte[] ocspRequest() {
        try (var ca = Files.newInputStream(TwoServices.KEYS.resolve("seal-ca.crt.pem"));
                var seal = Files.newInputStream(TwoServices.KEYS.resolve("dev-seal.crt.pem"))) {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            X509Certificate issuer = (X509Certificate) f.generateCertificate(ca);
            X509Certificate cert = (X509Certificate) f.generateCertificate(seal);
            CertificateID id = new CertificateID(
                    new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    new JcaX509CertificateHolder(issuer),
                    cert.getSerialNumber());
            return new OCSPReqBuilder().addRequest(id).build().getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Issues a 营业执照 of the holder's other company (revoking the one in force: a company holds one). */
    private HttpResponse<String> heldByTheHolder() {
        return WalletFixture.replacingTheOneInForce(
                services,
                () -> send(post(
                        services.licenceUrl,
                        "/api/v1/licences",
                        "approval-demo",
                        businessLicence(WalletFixture.LIN_OTHER_COMPANY))));
    }

    private String businessLicence() {
        return businessLicence(Holders.uniqueUscc()); // a company holds one 营业执照 in force: each its own code
    }

    private String businessLicence(String uscc) {
        return """
                {"licenceType": "business-licence", "caseNumber": "AT-1", "fields": {
                  "uscc": "%s", "licenceNumber": "99010000202611218888",
                  "name": "授权表测试科技有限公司", "entityType": "有限责任公司（自然人投资或控股）",
                  "legalRepresentative": "权限测试", "businessScope": "授权检查专用经营范围。", "registeredCapital": 500,
                  "establishedDate": "2019-03-12", "operatingFrom": "2019-03-12", "address": "示范市授权区检查路7号"}}
                """.formatted(uscc);
    }

    private String forestRight() {
        try {
            ObjectNode fields = (ObjectNode) TwoServices.JSON
                    .readTree(Files.readString(TwoServices.TEMPLATES
                            .resolve("forest-right-certificate")
                            .resolve("sample.json")))
                    .get("fields");
            JsonNode type = TwoServices.json(services.send(
                            get(services.licenceUrl, "/api/v1/licence-types/forest-right-certificate", "anonymous"))
                    .body());
            for (JsonNode f : type.get("fields")) {
                if (f.has("role") && f.get("role").asString().equals("ISSUING_AUTHORITY")) {
                    fields.remove(f.get("key").asString());
                }
            }
            ObjectNode request = TwoServices.JSON
                    .createObjectNode()
                    .put("licenceType", "forest-right-certificate")
                    .put("caseNumber", "AT-F");
            request.set("fields", fields);
            return request.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- HTTP helpers ----

    private HttpRequest post(URI base, String path, String identity, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        if (tokens.containsKey(identity)) {
            b.header("Authorization", "Bearer " + tokens.get(identity));
        }
        return json(b, body);
    }

    private HttpRequest get(URI base, String path, String identity) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        if (tokens.containsKey(identity)) {
            b.header("Authorization", "Bearer " + tokens.get(identity));
        }
        return b.GET().build();
    }

    private static HttpRequest json(HttpRequest.Builder b, String body) {
        return b.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    /** A multipart/form-data body with one part 'file' per content. */
    private static byte[] multipartBody(String boundary, String type, List<byte[]> contents) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] content : contents) {
            body.writeBytes(("--" + boundary
                            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"upload\"\r\n"
                            + "Content-Type: " + type + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private static HttpRequest multipart(HttpRequest.Builder b, String type, byte[] content) {
        String boundary = "----zhengyin" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"upload\"\r\n"
                        + "Content-Type: " + type + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return b.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        return services.send(request);
    }

    private static JsonNode json(HttpResponse<String> response, int expected) {
        assertThat(response.statusCode())
                .as(response.uri() + " " + response.body())
                .isEqualTo(expected);
        return TwoServices.json(response.body());
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
