package cn.zhengyin.catools;

import cn.zhengyin.trust.SuppressForbidden;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ca-tools}: the development PKI, certificates and CRLs from the command line. Sub-commands hold options only;
 * the work is done by {@code cn.zhengyin.trust.pki}. Exit codes: 0 success, 1 failure, 2 bad usage; errors are one
 * line on stderr.
 */
@Command(
        name = "ca-tools",
        mixinStandardHelpOptions = true,
        version = "ca-tools 0.1.0",
        description =
                "Zhengyin CA tools: development PKI, certificates, CRLs, offline verification, transparency log proofs, trust lists, bulk import.",
        subcommands = {
            DevPkiCommand.class,
            CertCommand.class,
            CrlCommand.class,
            VerifyCommand.class,
            SealDocumentCommand.class,
            ReceiptCommand.class,
            TranslogCommand.class,
            TrustListCommand.class,
            cn.zhengyin.catools.bulkimport.ImportCommand.class
        })
public final class CaTools {
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    private final Clock clock;

    CaTools(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    Clock clock() {
        return clock;
    }

    @SuppressForbidden // the CLI's composition root: the one place that reads the machine's clock
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(Clock.systemUTC(), out, err, args));
    }

    /** Runs one command line; the composition root for tests and {@link #main}. */
    static int run(Clock clock, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new CaTools(clock));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((ex, arguments) -> {
            ex.getCommandLine()
                    .getErr()
                    .println("ca-tools: " + ex.getMessage() + " (see '"
                            + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return EXIT_USAGE;
        });
        commandLine.setExecutionExceptionHandler((ex, cl, parsed) -> {
            String message = describe(ex);
            cl.getErr().println("ca-tools: error: " + message.replace(System.lineSeparator(), " "));
            return EXIT_FAILURE;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static String describe(Exception ex) {
        return switch (ex) {
            case java.nio.file.NoSuchFileException e -> "no such file: " + e.getFile();
            case java.nio.file.AccessDeniedException e -> "access denied: " + e.getFile();
            case java.nio.file.FileAlreadyExistsException e -> "file already exists: " + e.getFile();
            case java.io.IOException e -> "I/O failure: " + e;
            default -> ex.getMessage() == null || ex.getMessage().isBlank() ? ex.toString() : ex.getMessage();
        };
    }

    /** The root command instance of the command line a sub-command runs in. */
    static CaTools root(CommandLine.Model.CommandSpec spec) {
        return (CaTools) spec.root().userObject();
    }
}
