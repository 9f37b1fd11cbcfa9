package cn.zhengyin.catools.bulkimport;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ca-tools import FILE}: bulk import of existing licences into the licence service. Exit codes: 0 when the import
 * ran to its end (even with rejected lines: see the results), 1 when it could not run or was cut off (connection,
 * authentication; running it again is safe), 2 for bad usage.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        subcommands = ImportGenerateCommand.class,
        description = {
            "Import existing licences (存量证照) from FILE (NDJSON: .ndjson/.jsonl, or CSV: .csv; UTF-8) into "
                    + "the licence service: every line is issued, and its result (ISSUED with the identifier, ALREADY_ISSUED, "
                    + "or REJECTED with the reasons) is written as one NDJSON line. Running the same file again issues "
                    + "nothing twice. Progress goes to stderr."
        })
public final class ImportCommand implements Callable<Integer> {
    static final String SECRET_VARIABLE = "ZHENGYIN_CLIENT_SECRET";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The licences: .ndjson/.jsonl or .csv.")
    Path file;

    @Option(
            names = "--url",
            defaultValue = "http://localhost:8081",
            description = "Licence service (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--client", description = "OAuth2 client id of the approval system (needs scope licence:issue).")
    String client;

    @Option(
            names = "--secret",
            description = "The client's secret (default: environment variable " + SECRET_VARIABLE + ").")
    String secret;

    @Option(names = "--out", description = "Write the results to this file instead of stdout.")
    Path out;

    @Option(
            names = "--progress-interval",
            defaultValue = "1",
            description =
                    "Seconds between progress lines on stderr, at least 1; 0 for none (default: ${DEFAULT-VALUE}).")
    long progressSeconds;

    @Option(
            names = "--batch-lines",
            defaultValue = "1000",
            description =
                    "Records sent in one request (default: ${DEFAULT-VALUE}); results and progress come after each.")
    int batchLines;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        if (file == null) {
            throw new CommandLine.ParameterException(cl, "missing the FILE to import (or use 'import generate')");
        }
        ImportFormat format = ImportFormat.of(file)
                .orElseThrow(() -> new CommandLine.ParameterException(
                        cl, "cannot tell the format of " + file + ": use a .ndjson, .jsonl or .csv file"));
        if (client == null || client.isBlank()) {
            throw new CommandLine.ParameterException(cl, "missing --client (the approval system's OAuth2 client id)");
        }
        String clientSecret = secret != null ? secret : System.getenv(SECRET_VARIABLE);
        if (clientSecret == null || clientSecret.isEmpty()) {
            throw new CommandLine.ParameterException(
                    cl, "missing --secret (or environment variable " + SECRET_VARIABLE + ")");
        }
        if (batchLines < 1 || batchLines > 1_000_000) {
            throw new CommandLine.ParameterException(cl, "--batch-lines must be 1 to 1000000, got " + batchLines);
        }
        if (progressSeconds < 0) {
            throw new CommandLine.ParameterException(
                    cl, "--progress-interval must be 0 or more, got " + progressSeconds);
        }
        if (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
            throw new CommandLine.ParameterException(
                    cl, "--url must be an http(s) URL such as http://localhost:8081, got " + url);
        }
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        PrintWriter err = cl.getErr();
        ImportClient importer = new ImportClient(url);
        // a fresh token well before the 30-minute lifetime of the dev server's tokens runs out
        String[] current = {importer.token(client, clientSecret)};
        long[] obtained = {System.nanoTime()};
        java.util.function.Supplier<String> token = () -> {
            if (System.nanoTime() - obtained[0] > java.util.concurrent.TimeUnit.MINUTES.toNanos(10)) {
                current[0] = importer.token(client, clientSecret);
                obtained[0] = System.nanoTime();
            }
            return current[0];
        };
        Progress progress = new Progress(err, System::nanoTime, progressSeconds * 1_000_000_000L);
        Map<String, Object> summary;
        if (out != null) {
            try (Writer results = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
                summary = importer.importFile(token, file, format, batchLines, results, progress);
            }
        } else {
            summary = importer.importFile(token, file, format, batchLines, cl.getOut(), progress);
        }
        err.println(ImportClient.summaryText(summary, progress.seconds()) + (out == null ? "" : "; results in " + out));
        err.flush();
        return 0;
    }
}
