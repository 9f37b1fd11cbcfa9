package cn.zhengyin.catools.bulkimport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Streams an import file to {@code POST /api/v1/licence-imports} and the per-line results back: the file is read in
 * chunks as the request body is sent ({@link HttpRequest.BodyPublishers#ofFile}), and results are read while it is still
 * being sent (HTTP/1.1 full duplex), so neither side ever holds the whole import.
 */
final class ImportClient {
    static final String IMPORT_PATH = "/api/v1/licence-imports";
    private final URI base;
    private final HttpClient http;

    ImportClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A client-credentials access token with scope {@code licence:issue}. */
    String token(String client, String secret) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + URLEncoder.encode("licence:issue", StandardCharsets.UTF_8))).build();
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new ImportFailedException("the licence service at " + base + " refused a token to client '" + client
                    + "' (HTTP " + response.statusCode() + describe(response.body())
                    + "); check --client and --secret, and that the client may use scope licence:issue");
        }
        Object token = Json.parseObject(response.body()).get("access_token");
        if (!(token instanceof String s)) {
            throw new ImportFailedException("the token response of " + base + " has no access_token");
        }
        return s;
    }

    /**
     * Sends {@code file} and copies each result line to {@code results}, counting it in {@code progress}.
     *
     * @return the summary line's totals
     * @throws ImportFailedException if the request is refused or the stream ends without its summary
     */
    Map<String, Object> importFile(String token, Path file, ImportFormat format, Writer results, Progress progress)
            throws IOException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(IMPORT_PATH))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", format.mediaType)
                .header("Accept", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build();
        HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.statusCode() != 200) {
                String body = readSome(lines);
                String hint = switch (response.statusCode()) {
                    case 401 -> "; the access token was not accepted";
                    case 403 -> "; the client needs scope licence:issue";
                    case 404 -> "; is " + base + " the licence service?";
                    default -> "";
                };
                throw new ImportFailedException("the licence service refused the import (HTTP " + response.statusCode()
                        + describe(body) + ")" + hint);
            }
            String line;
            Optional<Map<String, Object>> summary = Optional.empty();
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                results.write(line);
                results.write('\n');
                Map<String, Object> parsed = Json.parseObject(line);
                if (parsed.get("summary") instanceof Map<?, ?> totals) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> t = (Map<String, Object>) totals;
                    summary = Optional.of(t);
                } else {
                    progress.count(String.valueOf(parsed.get("result")));
                }
            }
            results.flush();
            return summary.orElseThrow(() -> new ImportFailedException("the import stopped after " + progress.lines
                    + " result lines without its summary (connection lost?); run the same command again: lines already"
                    + " issued are answered ALREADY_ISSUED, none is issued twice"));
        } catch (IOException e) {
            results.flush();
            throw new ImportFailedException("the import was cut off after " + progress.lines + " result lines (" + e
                    + "); run the same command again: lines already issued are answered ALREADY_ISSUED, none is issued twice");
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (HttpConnectTimeoutException e) {
            throw new ImportFailedException("cannot connect to " + base + ": timed out (is the licence service running?)");
        } catch (ConnectException e) {
            throw new ImportFailedException("cannot connect to " + base + ": connection refused (is the licence service running?)");
        } catch (IOException e) {
            throw new ImportFailedException("request to " + base + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportFailedException("interrupted");
        }
    }

    private static String readSome(BufferedReader reader) throws IOException {
        char[] buffer = new char[2000];
        int n = reader.read(buffer);
        return n <= 0 ? "" : new String(buffer, 0, n);
    }

    /** The problem detail of a problem+json body, or the start of any other body. */
    private static String describe(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            Map<String, Object> problem = Json.parseObject(body);
            Object detail = problem.getOrDefault("detail", problem.getOrDefault("error_description", problem.get("error")));
            if (detail instanceof String s) {
                return ": " + s;
            }
        } catch (IllegalArgumentException notJson) {
            // fall through
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return ": " + (flat.length() > 200 ? flat.substring(0, 200) + "…" : flat);
    }

    static String summaryText(Map<String, Object> summary, double seconds) {
        long lines = number(summary, "lines");
        return String.format(Locale.ROOT, "import complete: %d lines in %.1f s (%.1f lines/s): issued %d, already issued %d,"
                        + " rejected %d, blank lines %d", lines, seconds, lines / Math.max(seconds, 1e-9),
                number(summary, "issued"), number(summary, "alreadyIssued"), number(summary, "rejected"),
                number(summary, "blankLines"));
    }

    private static long number(Map<String, Object> map, String key) {
        return map.get(key) instanceof Number n ? n.longValue() : 0;
    }

}
