package cn.zhengyin.trust.validation;

import java.util.Objects;

/**
 * One check made during validation.
 *
 * @param id      stable identifier of the check, e.g. {@code message-digest}
 * @param outcome its outcome
 * @param message what was observed, in English
 */
public record CheckResult(String id, Outcome outcome, String message) {

    public CheckResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
    }

    public static CheckResult passed(String id, String message) {
        return new CheckResult(id, Outcome.PASSED, message);
    }

    public static CheckResult failed(String id, String message) {
        return new CheckResult(id, Outcome.FAILED, message);
    }

    public static CheckResult notChecked(String id, String message) {
        return new CheckResult(id, Outcome.NOT_CHECKED, message);
    }

    public static CheckResult warning(String id, String message) {
        return new CheckResult(id, Outcome.WARNING, message);
    }

    public boolean isFailed() {
        return outcome == Outcome.FAILED;
    }
}
