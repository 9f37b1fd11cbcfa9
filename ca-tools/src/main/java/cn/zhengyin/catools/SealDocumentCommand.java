package cn.zhengyin.catools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ca-tools seal-document}: seals a PDF or OFD through the seal service's {@code POST /api/v1/sealings} (用印,
 * docs/sealing.md). It calls the API rather than signing offline with a dev keystore: the seal's key stays in the seal
 * service's custody, the caller's authorisation for the seal and the document category is checked and every seal is
 * in the usage log — which is what a script of an approval system needs; an offline signer would bypass all three.
 * Exit codes: 0 sealed (the file written), 1 refused by the service (its problem on stderr), 2 bad usage.
 */
@Command(
        name = "seal-document",
        mixinStandardHelpOptions = true,
        description = {
            "Seal a PDF or OFD with one or more seals through the seal service (POST /api/v1/sealings): at a page and"
                    + " coordinates (mm from the top-left corner, the seal's centre), centred on a keyword, or as a"
                    + " cross-page seal (骑缝章). For several seals (co-sealing) give --request with the JSON of"
                    + " docs/sealing.md."
        })
final class SealDocumentCommand implements Callable<Integer> {
    static final String SECRET_VARIABLE = "ZHENGYIN_CLIENT_SECRET";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The PDF or OFD to seal.")
    Path file;

    @Option(names = "--out", required = true, description = "Where to write the sealed file.")
    Path out;

    @Option(
            names = "--url",
            defaultValue = "http://localhost:8082",
            description = "Seal service (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(
            names = "--token-url",
            defaultValue = "http://localhost:8081/oauth2/token",
            description = "OAuth2 token endpoint (default: ${DEFAULT-VALUE}).")
    URI tokenUrl;

    @Option(names = "--client", required = true, description = "OAuth2 client id (needs scope seal:use).")
    String client;

    @Option(
            names = "--secret",
            description = "The client's secret (default: environment variable " + SECRET_VARIABLE + ").")
    String secret;

    @Option(
            names = "--request",
            description = "The JSON sealing request (category, caseNumber, seals[]); replaces the options below.")
    Path request;

    @Option(names = "--seal", description = "Seal id, e.g. ZYDEV-SEAL-0001.")
    String sealId;

    @Option(names = "--category", description = "Document category the authorisation names, e.g. decision.")
    String category;

    @Option(names = "--case", description = "The approval case number (recorded with the seal).")
    String caseNumber;

    @Option(names = "--keyword", description = "Centre the seal on this text.")
    String keyword;

    @Option(names = "--occurrence", description = "Which occurrence of the keyword: 1, 2, … or last (default 1).")
    String occurrence;

    @Option(names = "--page", description = "Page (from 1) of a seal at coordinates.")
    Integer page;

    @Option(names = "--x", description = "The seal's centre, mm from the left edge.")
    Double x;

    @Option(names = "--y", description = "The seal's centre, mm from the top edge (also for --cross-page).")
    Double y;

    @Option(names = "--cross-page", description = "A cross-page seal (骑缝章) on every page's right edge.")
    boolean crossPage;

    @Option(names = "--size", description = "The seal's diameter in mm (default 42).")
    Double size;

    @Override
    public Integer call() throws IOException, InterruptedException {
        CommandLine cl = spec.commandLine();
        String clientSecret = secret != null ? secret : System.getenv(SECRET_VARIABLE);
        if (clientSecret == null || clientSecret.isEmpty()) {
            throw new CommandLine.ParameterException(
                    cl, "missing --secret (or environment variable " + SECRET_VARIABLE + ")");
        }
        String body = request != null ? Files.readString(request) : requestJson(cl);
        byte[] document = Files.readAllBytes(file);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> token = http.send(
                HttpRequest.newBuilder(tokenUrl)
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        (client + ":" + clientSecret).getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                                + URLEncoder.encode("seal:use", StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (token.statusCode() != 200) {
            cl.getErr()
                    .println("ca-tools: no token for client '" + client + "' from " + tokenUrl + " (HTTP "
                            + token.statusCode() + "): " + token.body());
            return CaTools.EXIT_FAILURE;
        }
        String accessToken = JSON.readTree(token.body()).path("access_token").asString("");
        String boundary = "----ca-tools-" + UUID.randomUUID();
        ByteArrayOutputStream multipart = new ByteArrayOutputStream();
        multipart.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"document\"; filename=\""
                        + file.getFileName().toString().replaceAll("[\"\\r\\n]", "_") + "\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        multipart.writeBytes(document);
        multipart.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"request\"\r\n"
                        + "Content-Type: application/json\r\n\r\n" + body + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> sealed = http.send(
                HttpRequest.newBuilder(url.resolve("/api/v1/sealings"))
                        .header("Authorization", "Bearer " + accessToken)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (sealed.statusCode() != 200) {
            String problem = new String(sealed.body(), StandardCharsets.UTF_8);
            String detail = problem;
            try {
                JsonNode json = JSON.readTree(problem);
                detail = json.path("type").asString("") + ": "
                        + json.path("detail").asString(problem);
            } catch (RuntimeException notJson) {
                // keep the raw body
            }
            cl.getErr().println("ca-tools: the seal service refused (HTTP " + sealed.statusCode() + ") " + detail);
            return CaTools.EXIT_FAILURE;
        }
        Files.write(out, sealed.body());
        cl.getOut().println("SEALED  " + out + "  (" + sealed.body().length + " bytes)");
        sealed.headers()
                .firstValue("Zhengyin-Seal-Positions")
                .ifPresent(p -> cl.getOut().println("  " + p));
        return 0;
    }

    /** The JSON request from the options: one seal. */
    String requestJson(CommandLine cl) {
        if (sealId == null || category == null || caseNumber == null) {
            throw new CommandLine.ParameterException(cl, "give --seal, --category and --case (or --request FILE)");
        }
        int kinds = (keyword != null ? 1 : 0) + (page != null ? 1 : 0) + (crossPage ? 1 : 0);
        if (kinds != 1) {
            throw new CommandLine.ParameterException(
                    cl, "give exactly one placement: --keyword, --page with --x and --y, or --cross-page with --y");
        }
        Map<String, Object> seal = new LinkedHashMap<>();
        seal.put("sealId", sealId);
        if (keyword != null) {
            seal.put("keyword", keyword);
            if (occurrence != null) {
                seal.put("occurrence", occurrence.equals("last") ? (Object) "last" : (Object) parseOccurrence(cl));
            }
        } else if (page != null) {
            if (x == null || y == null) {
                throw new CommandLine.ParameterException(cl, "--page needs --x and --y (mm)");
            }
            seal.put("page", page);
            seal.put("x", x);
            seal.put("y", y);
        } else {
            if (y == null) {
                throw new CommandLine.ParameterException(cl, "--cross-page needs --y (mm from the top)");
            }
            seal.put("crossPage", true);
            seal.put("y", y);
        }
        if (size != null) {
            seal.put("sizeMm", size);
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("category", category);
        request.put("caseNumber", caseNumber);
        request.put("seals", new ArrayList<>(List.of(seal)));
        return JSON.writeValueAsString(request);
    }

    private int parseOccurrence(CommandLine cl) {
        try {
            return Integer.parseInt(occurrence);
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(
                    cl, "--occurrence must be a number from 1 or 'last', got " + occurrence);
        }
    }
}
