package cn.zhengyin.catools.bulkimport;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ca-tools import generate}: writes valid sample licence lines (NDJSON or CSV by the file's extension). */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Write COUNT valid sample lines of a licence type, made from its sample.json (unique keys, "
                + "varied USCC / ID numbers with correct check characters). NDJSON, or CSV if --out ends in .csv.")
public final class ImportGenerateCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--type",
            required = true,
            description = "Licence type (template directory name), e.g. business-licence.")
    String type;

    @Option(names = "--count", required = true, description = "Number of lines.")
    long count;

    @Option(names = "--out", required = true, description = "Output file: .ndjson/.jsonl or .csv.")
    Path out;

    @Option(
            names = "--templates",
            defaultValue = "templates",
            description = "Templates directory (default: ${DEFAULT-VALUE}).")
    Path templates;

    @Option(
            names = "--key-prefix",
            description = "Prefix of the line keys (default: gen-<type>). Keys are <prefix>-<n>.")
    String keyPrefix;

    @Option(names = "--force", description = "Overwrite an existing output file.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        if (count < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--count must be at least 1, got " + count);
        }
        ImportFormat format = ImportFormat.of(out)
                .orElseThrow(() -> new CommandLine.ParameterException(
                        spec.commandLine(),
                        "cannot tell the format of " + out + ": use a .ndjson, .jsonl or .csv file name"));
        if (Files.exists(out) && !force) {
            throw new java.nio.file.FileAlreadyExistsException(out + " (refusing to overwrite, use --force)");
        }
        SampleLicences samples = SampleLicences.load(templates, type, keyPrefix == null ? "gen-" + type : keyPrefix);
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            if (format == ImportFormat.CSV) {
                writer.write(samples.csvHeader());
                writer.write("\r\n");
            }
            for (long n = 1; n <= count; n++) {
                writer.write(format == ImportFormat.CSV ? samples.csvRecord(n) : Json.write(samples.line(n)));
                writer.write(format == ImportFormat.CSV ? "\r\n" : "\n");
            }
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("Wrote " + count + " " + type + " lines to " + out + " (" + format.name() + ")");
        return 0;
    }
}
