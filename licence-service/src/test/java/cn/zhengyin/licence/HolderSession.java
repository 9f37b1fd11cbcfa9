package cn.zhengyin.licence;

import cn.zhengyin.trust.testing.TestHttp;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser-like session of a holder signed in through the dev sign-in: cookies kept, CSRF token sent as the wallet's
 * scripts do ({@code X-XSRF-TOKEN} header from the {@code XSRF-TOKEN} cookie).
 */
final class HolderSession {
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    final URI base;
    final CookieManager cookies = new CookieManager();
    final HttpClient http;

    private HolderSession(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A browser session that has loaded the sign-in page (so it holds a CSRF token) but has not signed in. */
    static HolderSession anonymous(URI base) {
        HolderSession session = new HolderSession(base);
        HttpResponse<String> page = session.send(
                HttpRequest.newBuilder(base.resolve("/sign-in")).GET().build());
        if (page.statusCode() != 200) {
            throw new IllegalStateException("sign-in page: " + page.statusCode());
        }
        return session;
    }

    /** Signs in as the dev sample holder with this 公民身份号码. */
    static HolderSession signIn(URI base, String personalCode) {
        HolderSession session = new HolderSession(base);
        HttpResponse<String> page = session.send(
                HttpRequest.newBuilder(base.resolve("/sign-in")).GET().build());
        Matcher csrf = CSRF_FIELD.matcher(page.body());
        if (page.statusCode() != 200 || !csrf.find()) {
            throw new IllegalStateException("sign-in page: " + page.statusCode() + " " + page.body());
        }
        HttpResponse<String> signedIn = session.send(HttpRequest.newBuilder(base.resolve("/sign-in/dev"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) + "&holder="
                                + URLEncoder.encode(personalCode, StandardCharsets.UTF_8)))
                .build());
        if (signedIn.statusCode() != 302) {
            throw new IllegalStateException("dev sign-in: " + signedIn.statusCode() + " " + signedIn.body());
        }
        return session;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Accept", "application/json")
                .GET()
                .build());
    }

    HttpResponse<String> postJson(String path, String json) {
        return send(withCsrf(HttpRequest.newBuilder(base.resolve(path)))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    HttpResponse<String> delete(String path) {
        return send(withCsrf(HttpRequest.newBuilder(base.resolve(path)))
                .header("Accept", "application/json")
                .DELETE()
                .build());
    }

    HttpRequest.Builder withCsrf(HttpRequest.Builder builder) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue)
                .findFirst()
                .map(token -> builder.header("X-XSRF-TOKEN", token))
                .orElse(builder);
    }

    HttpResponse<byte[]> sendForBytes(HttpRequest request) {
        return TestHttp.send(http, request, HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> send(HttpRequest request) {
        return TestHttp.send(http, request, HttpResponse.BodyHandlers.ofString());
    }
}
