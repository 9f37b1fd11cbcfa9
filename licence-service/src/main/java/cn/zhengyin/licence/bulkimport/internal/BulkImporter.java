package cn.zhengyin.licence.bulkimport.internal;

import cn.zhengyin.licence.issuance.IssuanceException;
import cn.zhengyin.licence.issuance.IssuanceProblems;
import cn.zhengyin.licence.issuance.IssueLicenceCommand;
import cn.zhengyin.licence.issuance.LicenceIssuer;
import cn.zhengyin.licence.issuance.VersionProducer;
import cn.zhengyin.licence.monitoring.LicenceMetrics;
import cn.zhengyin.licence.sealing.LicenceSealer;
import cn.zhengyin.service.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

/**
 * Issues a stream of licence lines and writes one result a line, in input order. Reads one line at a time; at most
 * {@code 2 × workers} lines are between being read and being written, and {@code workers} are issued at once (PDF
 * rendering and hashing use the CPU while another line waits for the seal service). Each line's key becomes the
 * Idempotency-Key {@code import:<key>}, so running the same input again answers {@code ALREADY_ISSUED} with the first
 * identifier instead of issuing twice. A line that cannot be read or issued is a {@code REJECTED} result; it never
 * stops the import.
 */
public final class BulkImporter {
    /** Longest accepted line (a CSV record: all its physical lines), in bytes of UTF-8. */
    public static final int MAX_LINE_BYTES = 64 * 1024;
    /** Longest accepted key: with the {@code import:} prefix it stays within the 200 characters of an Idempotency-Key. */
    public static final int MAX_KEY_LENGTH = 190;

    static final String KEY_PREFIX = "import:";
    private static final int IN_PROGRESS_ATTEMPTS = 3;
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(35);
    private static final Logger LOG = LoggerFactory.getLogger(BulkImporter.class);
    private static final byte[] NEWLINE = {'\n'};

    private final LicenceIssuer issuer;
    private final int workers;
    private final Clock clock;
    private final ObjectMapper json;
    private final LicenceMetrics metrics;

    /**
     * @param workers lines issued concurrently (at least 1)
     */
    public BulkImporter(LicenceIssuer issuer, int workers, Clock clock, ObjectMapper json) {
        this(issuer, workers, clock, json, LicenceMetrics.discarding());
    }

    /**
     * @param workers lines issued concurrently (at least 1)
     * @param metrics counts each line by result ({@code zhengyin.licence.import.lines})
     */
    public BulkImporter(LicenceIssuer issuer, int workers, Clock clock, ObjectMapper json, LicenceMetrics metrics) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        this.issuer = issuer;
        this.workers = workers;
        this.clock = clock;
        this.json = json;
        this.metrics = metrics;
    }

    /**
     * Opens the input; reads a CSV header row at once.
     *
     * @throws InvalidImportException if the input as a whole cannot be read (no valid CSV header)
     */
    ImportLineSource open(ImportFormat format, InputStream in) throws IOException {
        BoundedLineReader lines = new BoundedLineReader(in, MAX_LINE_BYTES);
        return switch (format) {
            case NDJSON -> new NdjsonLineSource(lines, json);
            case CSV -> CsvLineSource.open(new CsvRecordReader(lines, MAX_LINE_BYTES));
        };
    }

    /**
     * Issues every line of {@code source} for {@code client} and writes the results to {@code out}, flushing whenever
     * no further result is ready, then a summary line.
     *
     * @throws IOException if reading the input or writing a result fails (the client went away); lines already in
     *                     progress are finished, later ones are not started
     */
    ImportSummary run(String client, ImportLineSource source, OutputStream out) throws IOException {
        Instant started = clock.instant();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "licence-import-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Future<LineResult>> pending = new ArrayDeque<>();
        Counts counts = new Counts();
        try {
            Optional<ImportLine> next;
            while ((next = source.next()).isPresent()) {
                ImportLine line = next.get();
                pending.add(
                        switch (line) {
                            case ImportLine.Candidate c -> pool.submit(() -> issue(client, c));
                            case ImportLine.Unreadable u ->
                                CompletableFuture.completedFuture(
                                        LineResult.rejected(u.line(), u.key(), u.problem(), u.message()));
                        });
                writeReady(pending, out, counts, 2 * workers);
            }
            writeReady(pending, out, counts, 1);
            ImportSummary summary = new ImportSummary(
                    counts.lines,
                    counts.issued,
                    counts.alreadyIssued,
                    counts.rejected,
                    source.blankLines(),
                    Duration.between(started, clock.instant()).toMillis(),
                    true);
            write(out, summary.toJson());
            out.flush();
            return summary;
        } finally {
            pending.forEach(f -> f.cancel(false));
            pool.shutdown();
        }
    }

    /** Writes finished results from the head; waits for the head while {@code pending} holds {@code keepBelow} or more. */
    private void writeReady(ArrayDeque<Future<LineResult>> pending, OutputStream out, Counts counts, int keepBelow)
            throws IOException {
        boolean wrote = false;
        while (!pending.isEmpty()) {
            Future<LineResult> head = pending.peekFirst();
            if (!head.isDone()) {
                if (pending.size() < keepBelow) {
                    break;
                }
                if (wrote) {
                    out.flush(); // let the client see what is done before waiting
                    wrote = false;
                }
            }
            LineResult result = await(head);
            pending.removeFirst();
            counts.add(result);
            metrics.importLine(result.result().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            write(out, result.toJson());
            wrote = true;
        }
        if (wrote) {
            out.flush();
        }
    }

    private LineResult await(Future<LineResult> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("an import worker failed unexpectedly", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void write(OutputStream out, Object value) throws IOException {
        out.write(json.writeValueAsString(value).getBytes(StandardCharsets.UTF_8));
        out.write(NEWLINE);
    }

    /** Issues one line; waits for (and then replays) a line whose key another attempt is still working on. */
    LineResult issue(String client, ImportLine.Candidate line) {
        Optional<String> key = Optional.of(line.clientKey());
        if (line.clientKey().length() > MAX_KEY_LENGTH) {
            return LineResult.rejected(
                    line.line(),
                    key,
                    "invalid-key",
                    "key has " + line.clientKey().length() + " characters; at most " + MAX_KEY_LENGTH + " are allowed");
        }
        if (line.licenceType().isBlank()) {
            return LineResult.rejected(
                    line.line(),
                    key,
                    "missing-licence-type",
                    "the line must name the licenceType (a type code or template name)");
        }
        IssueLicenceCommand command = new IssueLicenceCommand(
                client,
                line.licenceType(),
                line.caseNumber(),
                line.fields(),
                Optional.of(KEY_PREFIX + line.clientKey()));
        for (int attempt = 1; ; attempt++) {
            try {
                LicenceIssuer.IssuedLicence issued = issuer.issue(command);
                return LineResult.issued(
                        line.line(), line.clientKey(), issued.version().identifier(), issued.replayed());
            } catch (IssuanceException.InProgress busy) {
                if (attempt == IN_PROGRESS_ATTEMPTS) {
                    return rejected(line, busy);
                }
                sleepUntil(busy.retryAfter());
            } catch (IssuanceException | VersionProducer.VersionTaken | LicenceSealer.SealingFailedException e) {
                return rejected(line, e);
            } catch (RuntimeException e) {
                LOG.warn("import line {} (key {}) failed unexpectedly", line.line(), line.clientKey(), e);
                return LineResult.rejected(
                        line.line(),
                        key,
                        "internal-error",
                        "the licence could not be issued (" + e.getClass().getSimpleName()
                                + "); nothing is visible, run the import again to retry this line");
            }
        }
    }

    private LineResult rejected(ImportLine.Candidate line, RuntimeException e) {
        ProblemException problem = IssuanceProblems.of(e, clock);
        String path = problem.type().getPath();
        String slug = path.substring(path.lastIndexOf('/') + 1);
        List<LineResult.Error> errors = problem.errors().isEmpty()
                ? List.of(new LineResult.Error(Optional.empty(), problem.detail()))
                : problem.errors().stream()
                        .map(f -> new LineResult.Error(Optional.of(f.field()), f.message()))
                        .toList();
        return LineResult.rejected(line.line(), Optional.of(line.clientKey()), slug, errors);
    }

    private void sleepUntil(Instant until) {
        Duration wait = Duration.between(clock.instant(), until);
        if (wait.compareTo(LONGEST_WAIT) > 0) {
            wait = LONGEST_WAIT;
        }
        if (wait.isNegative() || wait.isZero()) {
            wait = Duration.ofMillis(100);
        }
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Counts {
        long lines;
        long issued;
        long alreadyIssued;
        long rejected;

        void add(LineResult result) {
            lines++;
            switch (result.result()) {
                case ISSUED -> issued++;
                case ALREADY_ISSUED -> alreadyIssued++;
                case REJECTED -> rejected++;
            }
        }
    }
}
