package cn.zhengyin.licence;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps everything the test JVM logs (every logging event, with its MDC, arguments and stack trace, at every level
 * the configuration lets through) and everything written to {@code System.out}/{@code System.err} from the first
 * logging configuration on, for {@code SecretsNeverLeakIT} to scan. Configured in {@code logback-test.xml}, which
 * Spring Boot reloads at each application start, so it sees both services' start-up too. Bounded to
 * {@value #MAX_CHARS} characters per stream; {@link #truncated()} says whether anything was dropped.
 */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> {
    static final int MAX_CHARS = 64 * 1024 * 1024;
    private static final StringBuilder EVENTS = new StringBuilder();
    private static final ByteArrayOutputStream CONSOLE = new ByteArrayOutputStream();
    private static boolean truncated;
    private static boolean consoleCaptured;

    @Override
    public void start() {
        captureConsole();
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(256)
                .append(event.getLevel())
                .append(' ')
                .append(event.getLoggerName())
                .append(" [")
                .append(event.getThreadName())
                .append("] ")
                .append(event.getFormattedMessage());
        if (!event.getMDCPropertyMap().isEmpty()) {
            line.append(" mdc=").append(event.getMDCPropertyMap());
        }
        if (event.getArgumentArray() != null) {
            for (Object argument : event.getArgumentArray()) {
                line.append(" arg=").append(argument);
            }
        }
        if (event.getThrowableProxy() != null) {
            line.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        synchronized (EVENTS) {
            if (EVENTS.length() + line.length() < MAX_CHARS) {
                EVENTS.append(line).append('\n');
            } else {
                truncated = true;
            }
        }
    }

    /** Everything logged and printed so far. */
    static String all() {
        String console;
        synchronized (CONSOLE) {
            console = CONSOLE.toString(StandardCharsets.UTF_8);
        }
        synchronized (EVENTS) {
            return EVENTS + "\n" + console;
        }
    }

    static synchronized boolean truncated() {
        return truncated;
    }

    static synchronized boolean active() {
        return consoleCaptured;
    }

    private static synchronized void captureConsole() {
        if (consoleCaptured) {
            return;
        }
        consoleCaptured = true;
        System.setOut(tee(System.out));
        System.setErr(tee(System.err));
    }

    private static PrintStream tee(PrintStream original) {
        return new PrintStream(
                new OutputStream() {
                    @Override
                    public void write(int b) {
                        original.write(b);
                        synchronized (CONSOLE) {
                            if (CONSOLE.size() < MAX_CHARS) {
                                CONSOLE.write(b);
                            } else {
                                markTruncated();
                            }
                        }
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        original.write(b, off, len);
                        synchronized (CONSOLE) {
                            if (CONSOLE.size() + len < MAX_CHARS) {
                                CONSOLE.write(b, off, len);
                            } else {
                                markTruncated();
                            }
                        }
                    }

                    @Override
                    public void flush() {
                        original.flush();
                    }
                },
                true,
                StandardCharsets.UTF_8);
    }

    private static synchronized void markTruncated() {
        truncated = true;
    }
}
