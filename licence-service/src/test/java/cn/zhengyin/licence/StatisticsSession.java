package cn.zhengyin.licence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-like session of a statistics administrator signed in through the dev sign-in (cookies kept). */
final class StatisticsSession {
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    final URI base;
    final HttpClient http;

    private StatisticsSession(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Signs in as the dev sample administrator {@code person} (zhengyin.statistics.dev-people). */
    static StatisticsSession signIn(URI base, String person) {
        StatisticsSession session = new StatisticsSession(base);
        HttpResponse<String> page = session.get("/statistics/sign-in");
        Matcher csrf = CSRF_FIELD.matcher(page.body());
        if (page.statusCode() != 200 || !csrf.find()) {
            throw new IllegalStateException("statistics sign-in page: " + page.statusCode() + " " + page.body());
        }
        HttpResponse<String> signedIn = session.send(HttpRequest.newBuilder(base.resolve("/statistics/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf="
                        + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) + "&person="
                        + URLEncoder.encode(person, StandardCharsets.UTF_8)))
                .build());
        if (signedIn.statusCode() != 302
                || !signedIn.headers().firstValue("Location").orElse("").endsWith("/statistics")) {
            throw new IllegalStateException("statistics dev sign-in: " + signedIn.statusCode() + " " + signedIn.body());
        }
        return session;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
