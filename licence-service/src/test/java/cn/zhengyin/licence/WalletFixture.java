package cn.zhengyin.licence;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Issues template sample licences through the API and drives the wallet's forms, for the wallet tests. */
final class WalletFixture {
    static final String LIN = "990101198203154411"; // represents 91990100MA00XF8K1E (business licence sample)
    /** The other company 林晓峰 represents (licence-service.yml): for a test that needs a 营业执照 of its own. */
    static final String LIN_OTHER_COMPANY = "91990100MA02XF6H29";

    static final String CHEN = "990102197909083012"; // represents 91990102MA01XF3C7W (food licence sample)
    static final String ZHOU = "990101198807214622"; // physician sample
    private static final Pattern IDENTIFIER = Pattern.compile("1\\.2\\.156\\.3005\\.2\\.[0-9A-Z.]+[0-9A-Z]");
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final TwoServices services;
    private final java.util.Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    WalletFixture(TwoServices services) {
        this.services = services;
    }

    /** A token of the approval system whose authority issues the type (slug or type code). */
    private String token(String type) {
        return tokens.computeIfAbsent(
                type, t -> services.approvalTokenFor(t, "licence:issue licence:status licence:read"));
    }

    /** Issues the sample of a template (folder name) and returns the API's answer (identifier, root, …). */
    JsonNode issueSample(String slug) {
        return issueSample(slug, java.util.Map.of());
    }

    /** Issues the sample of a template with some field values replaced. */
    JsonNode issueSample(String slug, java.util.Map<String, String> replaced) {
        try {
            JsonNode sample = TwoServices.json(
                    Files.readString(TwoServices.TEMPLATES.resolve(slug).resolve("sample.json")));
            ObjectNode body = TwoServices.JSON.createObjectNode();
            body.put("licenceType", slug);
            body.put("caseNumber", "WALLET-IT-" + UUID.randomUUID());
            ObjectNode fields = (ObjectNode) sample.get("fields");
            // filled in by issuance: the approval system's authority, today, and the end of a fixed validity period
            fields.remove(List.of("registrationAuthority", "issuingAuthority", "issueDate", "validUntil"));
            replaced.forEach(fields::put);
            body.set("fields", fields);
            HttpResponse<String> response = replacingTheOneInForce(
                    services,
                    () -> services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences"))
                            .header("Authorization", "Bearer " + token(slug))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                            .build()));
            if (response.statusCode() != 201) {
                throw new IllegalStateException("issue " + slug + ": " + response.statusCode() + " " + response.body());
            }
            return TwoServices.json(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Issues many licences of a template at once through the bulk import (one NDJSON request, the import's own
     * concurrency): the sample with each map's values replaced. Returns the identifiers, in order.
     */
    List<String> importSamples(String slug, List<java.util.Map<String, String>> replaced) {
        try {
            JsonNode sample = TwoServices.json(
                    Files.readString(TwoServices.TEMPLATES.resolve(slug).resolve("sample.json")));
            StringBuilder lines = new StringBuilder();
            for (java.util.Map<String, String> values : replaced) {
                ObjectNode line = TwoServices.JSON.createObjectNode();
                line.put("key", "wallet-import-" + UUID.randomUUID());
                line.put("licenceType", slug);
                line.put("caseNumber", "WALLET-IMPORT-" + UUID.randomUUID());
                ObjectNode fields = ((ObjectNode) sample.get("fields")).deepCopy();
                fields.remove(List.of("registrationAuthority", "issuingAuthority", "issueDate", "validUntil"));
                values.forEach(fields::put);
                line.set("fields", fields);
                lines.append(line).append('\n');
            }
            HttpResponse<String> response =
                    services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licence-imports"))
                            .header("Authorization", "Bearer " + token(slug))
                            .header("Content-Type", "application/x-ndjson")
                            .POST(HttpRequest.BodyPublishers.ofString(lines.toString(), StandardCharsets.UTF_8))
                            .build());
            List<String> identifiers = response.body()
                    .lines()
                    .map(TwoServices::json)
                    .filter(r -> "ISSUED".equals(r.path("result").asString()))
                    .map(r -> r.get("identifier").asString())
                    .toList();
            if (response.statusCode() != 200 || identifiers.size() != replaced.size()) {
                throw new IllegalStateException(
                        "import " + slug + ": " + response.statusCode() + " " + response.body());
            }
            return identifiers;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Sends an issuance; if the holder already has a licence of a type that allows one in force (409
     * holder-has-licence: the wallet's companies each hold one 营业执照, and an earlier test of this JVM issued it),
     * revokes that licence, as a registration authority does before a new one, and sends the issuance again.
     */
    static HttpResponse<String> replacingTheOneInForce(
            TwoServices services, java.util.function.Supplier<HttpResponse<String>> issuance) {
        HttpResponse<String> response = issuance.get();
        if (response.statusCode() != 409 || !response.body().contains("holder-has-licence")) {
            return response;
        }
        Matcher existing = IDENTIFIER.matcher(
                TwoServices.json(response.body()).get("detail").asString());
        if (!existing.find()) {
            return response;
        }
        String identifier = existing.group();
        HttpResponse<String> revoked = services.send(HttpRequest.newBuilder(
                        services.licenceUrl.resolve("/api/v1/licences/" + identifier + "/revocation"))
                .header(
                        "Authorization",
                        "Bearer " + services.approvalTokenFor(identifier.split("\\.")[5], "licence:status"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"换发新证\"}", StandardCharsets.UTF_8))
                .build());
        if (revoked.statusCode() != 200) {
            throw new IllegalStateException(
                    "revoke " + identifier + ": " + revoked.statusCode() + " " + revoked.body());
        }
        return issuance.get();
    }

    void revoke(String identifier) {
        HttpResponse<String> response = services.send(
                HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences/" + identifier + "/revocation"))
                        // 1.2.156.3005.2.<type code>.<issuer code>.<serial>.<version>.<check>
                        .header("Authorization", "Bearer " + token(identifier.split("\\.")[5]))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"吊销测试\"}", StandardCharsets.UTF_8))
                        .build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("revoke: " + response.statusCode() + " " + response.body());
        }
    }

    /** Posts a form of a wallet page with the page's CSRF token; returns the response (a redirect when it worked). */
    static HttpResponse<String> postForm(HolderSession session, String pagePath, String action, List<String> pairs) {
        return postForm(session, pagePath, action, pairs, null);
    }

    /** As {@link #postForm(HolderSession, String, String, List)}, with an {@code Accept} header (e.g. a browser's). */
    static HttpResponse<String> postForm(
            HolderSession session, String pagePath, String action, List<String> pairs, String accept) {
        HttpResponse<String> page = session.send(
                HttpRequest.newBuilder(session.base.resolve(pagePath)).GET().build());
        Matcher csrf = CSRF_FIELD.matcher(page.body());
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on " + pagePath + ": " + page.statusCode());
        }
        StringBuilder form =
                new StringBuilder("_csrf=").append(URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            form.append('&')
                    .append(pair, 0, eq)
                    .append('=')
                    .append(URLEncoder.encode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        HttpRequest.Builder post = HttpRequest.newBuilder(session.base.resolve(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        if (accept != null) {
            post.header("Accept", accept);
        }
        return session.send(post.build());
    }

    /** Shares fields of a licence from its wallet page; returns the share id. */
    static String share(HolderSession session, String root, String expiry, String... fields) {
        List<String> pairs = new java.util.ArrayList<>();
        for (String f : fields) {
            pairs.add("field=" + f);
        }
        pairs.add("expiry=" + expiry);
        HttpResponse<String> created =
                postForm(session, "/wallet/licences/" + root, "/wallet/licences/" + root + "/shares", pairs);
        String location = created.headers()
                .firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("share: " + created.statusCode() + " " + created.body()));
        return location.substring(location.lastIndexOf('/') + 1);
    }

    static Path templates() {
        return TwoServices.TEMPLATES;
    }
}
