package cn.zhengyin.trust.validation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Why an authentic licence is not in force: which event, since when, by whom, why, and for a superseded version the
 * identifier of the current one. Supplied by the licence registry (the service), never read from the file.
 *
 * @param status         what happened
 * @param since          when it took effect
 * @param by             who decided it (the authority or officer), when recorded
 * @param why            the recorded reason, when given
 * @param currentVersion for {@link Status#SUPERSEDED}: the identifier of the version in force now
 */
public record NotInForce(
        Status status,
        Optional<Instant> since,
        Optional<String> by,
        Optional<String> why,
        Optional<String> currentVersion) {

    /** The registry event that took the licence out of force. */
    public enum Status {
        REVOKED,
        SUSPENDED,
        CANCELLED,
        EXPIRED,
        SUPERSEDED
    }

    public NotInForce {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(currentVersion, "currentVersion");
        if (status == Status.SUPERSEDED && currentVersion.isEmpty()) {
            throw new IllegalArgumentException("A superseded version names the current version's identifier.");
        }
    }

    /** One line in English, e.g. "REVOKED since 2026-11-20T10:00:00Z by 示范市市场监督管理局: forged documents". */
    public String describe() {
        return status
                + since.map(s -> " since " + s).orElse("")
                + by.map(b -> " by " + b).orElse("")
                + why.map(w -> ": " + w).orElse("")
                + currentVersion.map(v -> "; the current version is " + v).orElse("");
    }
}
