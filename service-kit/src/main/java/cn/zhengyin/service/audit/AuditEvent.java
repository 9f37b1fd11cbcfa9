package cn.zhengyin.service.audit;

import java.time.Instant;
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
 */
public record AuditEvent(Instant time, String action, Outcome outcome, String actor, String subject,
                         Map<String, String> details) {

    public enum Outcome { SUCCESS, FAILURE, DENIED }

    public AuditEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        actor = actor == null || actor.isBlank() ? "anonymous" : actor;
        subject = subject == null ? "" : subject;
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
