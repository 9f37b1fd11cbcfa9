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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sends an import file to {@code POST /api/v1/licence-imports} in batches of records and streams the per-line results
 * back: neither side ever holds more than one batch, and progress shows after every batch whatever the file's size.
 */
final class ImportClient {
    static final String IMPORT_PATH = "/api/v1/licence-imports";
    private final URI base;
    private final HttpClient http;

    ImportClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** A client-credentials access token with scope {@code licence:issue}. */
    String token(String client, String secret) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/oauth2/token"))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + URLEncoder.encode("licence:issue", StandardCharsets.UTF_8)))
                .build();
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
     * Sends {@code file} in batches of {@code batchLines} records (each a request of its own; a CSV batch repeats the
     * header) and copies each result line to {@code results}, its {@code line} number counted in the whole file, and
     * counts it in {@code progress}. Batches keep memory bounded on both sides and show progress for any file size: the
     * JDK client reads an HTTP/1.1 response only after sending the whole request body, so one request for a large file
     * would show nothing until the server had read it all. An interrupted import is resumed by running it again.
     *
     * @return the totals over all batches
     * @throws ImportFailedException if a request is refused or a batch's stream ends without its summary
     */
    Map<String, Object> importFile(
            java.util.function.Supplier<String> token,
            Path file,
            ImportFormat format,
            int batchLines,
            Writer results,
            Progress progress)
            throws IOException {
        Map<String, Object> totals = new java.util.LinkedHashMap<>();
        for (String key : List.of("lines", "issued", "alreadyIssued", "rejected", "blankLines")) {
            totals.put(key, 0L);
        }
        try (BufferedReader reader = java.nio.file.Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = null;
            long physical = 0;
            if (format == ImportFormat.CSV) {
                header = readRecord(reader, format);
                if (header == null) {
                    throw new ImportFailedException(file + " is empty: a CSV import needs its header line");
                }
                physical = header.lines().count();
            }
            while (true) {
                StringBuilder batch = new StringBuilder();
                if (header != null) {
                    batch.append(header).append('\n');
                }
                long firstLine = physical + 1;
                int records = 0;
                String record;
                while (records < batchLines && (record = readRecord(reader, format)) != null) {
                    batch.append(record).append('\n');
                    physical += Math.max(1, record.lines().count());
                    records++;
                }
                if (records == 0) {
                    return totals;
                }
                // the server numbers the batch's lines from 1 (the CSV header is its line 1)
                long offset = firstLine - (header != null ? 2 : 1);
                Map<String, Object> summary =
                        sendBatch(token.get(), batch.toString(), format, offset, results, progress);
                summary.forEach((k, v) -> {
                    if (v instanceof Number n && totals.get(k) instanceof Number t) {
                        totals.put(k, t.longValue() + n.longValue());
                    }
                });
            }
        }
    }

    /** One record: an NDJSON line, or a CSV record (which may span lines inside quotes, RFC 4180). */
    private static String readRecord(BufferedReader reader, ImportFormat format) throws IOException {
        String line = reader.readLine();
        if (line == null || format != ImportFormat.CSV) {
            return line;
        }
        StringBuilder record = new StringBuilder(line);
        while (line != null && record.chars().filter(c -> c == '"').count() % 2 == 1) {
            line = reader.readLine();
            if (line != null) {
                record.append('\n').append(line);
            }
        }
        return record.toString();
    }

    private Map<String, Object> sendBatch(
            String token, String body, ImportFormat format, long lineOffset, Writer results, Progress progress)
            throws IOException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(IMPORT_PATH))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", format.mediaType)
                .header("Accept", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.statusCode() != 200) {
                String text = readSome(lines);
                String hint = switch (response.statusCode()) {
                    case 401 -> "; the access token was not accepted";
                    case 403 -> "; the client needs scope licence:issue";
                    case 404 -> "; is " + base + " the licence service?";
                    default -> "";
                };
                throw new ImportFailedException("the licence service refused the import (HTTP " + response.statusCode()
                        + describe(text) + ")" + hint
                        + (progress.lines > 0
                                ? "; " + progress.lines
                                        + " lines were answered before; run the same command again to go on"
                                : ""));
            }
            String line;
            Optional<Map<String, Object>> summary = Optional.empty();
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> parsed = Json.parseObject(line);
                if (parsed.get("summary") instanceof Map<?, ?> totals) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> t = (Map<String, Object>) totals;
                    summary = Optional.of(t);
                    continue;
                }
                if (lineOffset != 0 && parsed.get("line") instanceof Number n) {
                    parsed.put("line", n.longValue() + lineOffset);
                    line = Json.write(parsed);
                }
                results.write(line);
                results.write('\n');
                progress.count(String.valueOf(parsed.get("result")));
            }
            results.flush();
            return summary.orElseThrow(() -> new ImportFailedException("the import stopped after " + progress.lines
                    + " result lines without its summary (connection lost?); run the same command again: lines already"
                    + " issued are answered ALREADY_ISSUED, none is issued twice"));
        } catch (IOException e) {
            results.flush();
            throw new ImportFailedException(
                    "the import was cut off after " + progress.lines + " result lines (" + e
                            + "); run the same command again: lines already issued are answered ALREADY_ISSUED, none is issued twice");
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (HttpConnectTimeoutException e) {
            throw new ImportFailedException(
                    "cannot connect to " + base + ": timed out (is the licence service running?)");
        } catch (ConnectException e) {
            throw new ImportFailedException(
                    "cannot connect to " + base + ": connection refused (is the licence service running?)");
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
            Object detail =
                    problem.getOrDefault("detail", problem.getOrDefault("error_description", problem.get("error")));
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
        return String.format(
                Locale.ROOT,
                "import complete: %d lines in %.1f s (%.1f lines/s): issued %d, already issued %d,"
                        + " rejected %d, blank lines %d",
                lines,
                seconds,
                lines / Math.max(seconds, 1e-9),
                number(summary, "issued"),
                number(summary, "alreadyIssued"),
                number(summary, "rejected"),
                number(summary, "blankLines"));
    }

    private static long number(Map<String, Object> map, String key) {
        return map.get(key) instanceof Number n ? n.longValue() : 0;
    }
}
