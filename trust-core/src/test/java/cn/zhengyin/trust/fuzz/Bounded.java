package cn.zhengyin.trust.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.function.Executable;

/** Runs one fuzz input under a wall-clock bound, so a hang is a failure rather than a stuck build. */
public final class Bounded {

    /**
     * Generous for one input on a loaded 2-core CI machine, and for the first input that reaches a library class
     * while Jazzer instruments it (10 s gave false positives there, while fuzzing); a parser that needs longer is a
     * finding. Override with {@code -Dzhengyin.fuzz.per-input-seconds=N}.
     */
    public static final Duration PER_INPUT = Duration.ofSeconds(Long.getLong("zhengyin.fuzz.per-input-seconds", 30));

    private Bounded() {}

    public static void run(Executable body) {
        assertTimeoutPreemptively(PER_INPUT, body);
    }
}
