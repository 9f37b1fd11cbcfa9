package cn.zhengyin.catools.bulkimport;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/** Counts result lines and reports them on stderr at most once per interval. */
final class Progress {
    private final PrintWriter err;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final long startNanos;
    private long lastReport;
    long lines;
    long issued;
    long alreadyIssued;
    long rejected;

    /** @param intervalNanos 0 or less: never report during the import */
    Progress(PrintWriter err, LongSupplier nanoTime, long intervalNanos) {
        this.err = err;
        this.nanoTime = nanoTime;
        this.intervalNanos = intervalNanos;
        this.startNanos = nanoTime.getAsLong();
        this.lastReport = startNanos;
    }

    void count(String result) {
        lines++;
        switch (result) {
            case "ISSUED" -> issued++;
            case "ALREADY_ISSUED" -> alreadyIssued++;
            default -> rejected++;
        }
        long now = nanoTime.getAsLong();
        if (intervalNanos > 0 && now - lastReport >= intervalNanos) {
            lastReport = now;
            err.println(line(now));
            err.flush();
        }
    }

    double seconds() {
        return (nanoTime.getAsLong() - startNanos) / 1e9;
    }

    String line(long now) {
        double seconds = Math.max((now - startNanos) / 1e9, 1e-9);
        return String.format(
                Locale.ROOT,
                "import: %d lines in %.0f s (%.1f lines/s): issued %d, already issued %d, rejected %d",
                lines,
                seconds,
                lines / seconds,
                issued,
                alreadyIssued,
                rejected);
    }
}
