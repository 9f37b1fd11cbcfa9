package cn.zhengyin.service.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One security event.
 *
 * @param time    when it happened
 * @param action  what was attempted, a stable dotted name, e.g. {@code sign-in}, {@code seal.sign}, {@code licence.revoke},
 *                {@code consent.grant}
 * @param outcome whether it was allowed
 * @param actor   who: an OAuth2 client id, a holder subject, a seal-console user, or {@code anonymous}
 * @param subject what it was about: a licence identifier, a seal id, a consent id; empty when none
 * @param details further facts (reason, case number, remote address...), never secrets
 *
 * <p>Actor, subject and detail values often come from the request (a claimed client id, a path): control characters
 * are replaced by {@code ?} (no forged lines in the audit logger's output) and each value is cut to
 * {@value #MAX_VALUE_LENGTH} characters, at most {@value #MAX_DETAILS} details.
 */
public record AuditEvent(
        Instant time, String action, Outcome outcome, String actor, String subject, Map<String, String> details) {

    /** SUCCESS: done; FAILURE: attempted and failed (bad credential, invalid input); DENIED: refused by a rule. */
    public enum Outcome {
        SUCCESS,
        FAILURE,
        DENIED
    }

    public static final int MAX_VALUE_LENGTH = 512;
    public static final int MAX_DETAILS = 32;

    public AuditEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        action = clean(action);
        actor = actor == null || actor.isBlank() ? "anonymous" : clean(actor);
        subject = subject == null ? "" : clean(subject);
        Map<String, String> cleaned = new LinkedHashMap<>();
        if (details != null) {
            details.forEach((k, v) -> {
                if (k != null && v != null && cleaned.size() < MAX_DETAILS) {
                    // Mongo field names: no dots, no leading $
                    cleaned.put(clean(k).replace('.', '_').replace('$', '_'), clean(v));
                }
            });
        }
        details = java.util.Collections.unmodifiableMap(cleaned);
    }

    /** The event with the value of one detail added (or replaced). */
    public AuditEvent with(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(details);
        more.put(key, value);
        return new AuditEvent(time, action, outcome, actor, subject, more);
    }

    private static String clean(String value) {
        String cut = value.length() > MAX_VALUE_LENGTH ? value.substring(0, MAX_VALUE_LENGTH) + "…" : value;
        StringBuilder out = new StringBuilder(cut.length());
        cut.codePoints()
                .forEach(c -> out.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? '?' : c));
        return out.toString();
    }
}
