package cn.zhengyin.licence.recovery;

import cn.zhengyin.licence.registry.Licence;
import cn.zhengyin.licence.registry.LicenceEvent;
import cn.zhengyin.licence.registry.LicenceRegistry;
import cn.zhengyin.licence.registry.LicenceStatus;
import cn.zhengyin.licence.registry.LicenceVersion;
import cn.zhengyin.licence.transparency.LicenceEventLog;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Finishes or rolls back licence changes a crash interrupted and nobody retried.
 *
 * <p>A version record is written only after its sealed files are stored, and the licence head is the commit point.
 * A version older than {@code grace} that its licence head never reached is therefore complete but invisible:
 * <ul>
 *   <li>version 001 (an issuance): <b>completed</b> — the head is created with an ISSUED event and the event is appended
 *   to the transparency log. The approval decision was taken and the identifier consumed; a later retry with the same
 *   Idempotency-Key finds the head and answers with the same identifier.</li>
 *   <li>a later version (amendment, renewal, correction): <b>rolled back</b> — the version record is deleted (its
 *   files stay, addressed by identifier, and are overwritten if a retry makes the version again). The change's reason
 *   is not in the version record, so it cannot be completed faithfully; a retry with the same key makes it again.</li>
 * </ul>
 * {@code grace} must be longer than any issuance can take (the idempotency lease is 30 s), so that work in progress
 * on another instance is never touched.
 */
public final class IssuanceRecovery {
    private final LicenceRegistry registry;
    private final LicenceEventLog eventLog;
    private final Clock clock;
    private final Duration grace;

    public IssuanceRecovery(LicenceRegistry registry, LicenceEventLog eventLog, Clock clock, Duration grace) {
        if (grace.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("recovery grace " + grace + " is shorter than 1 minute; in-progress "
                    + "issuances (idempotency lease 30 s) could be rolled back under their feet; use at least PT1M");
        }
        this.registry = registry;
        this.eventLog = eventLog;
        this.clock = clock;
        this.grace = grace;
    }

    /** What recovery did. */
    public record Outcome(List<String> completed, List<String> rolledBack) {}

    public Outcome recover() {
        List<String> completed = new java.util.ArrayList<>();
        List<String> rolledBack = new java.util.ArrayList<>();
        for (LicenceVersion v : registry.unfinishedVersions(clock.instant().minus(grace))) {
            if (v.version() == 1) {
                Optional<Licence> head = registry.findLicence(v.root());
                if (head.isEmpty()) {
                    Licence created = new Licence(
                            v.root(),
                            v.typeCode(),
                            v.issuerCode(),
                            v.holderCode(),
                            1,
                            v.identifier(),
                            LicenceStatus.VALID,
                            v.validFrom(),
                            v.validUntil(),
                            List.of(new LicenceEvent(
                                    "ISSUED",
                                    1,
                                    v.issuedBy(),
                                    "completed by start-up recovery",
                                    v.caseNumber(),
                                    v.createdAt())),
                            0);
                    registry.createLicence(created);
                    eventLog.append(v, "ISSUED", v.createdAt());
                    completed.add(v.identifier());
                }
            } else if (registry.deleteUnfinishedVersion(v.identifier())) {
                rolledBack.add(v.identifier());
            }
        }
        return new Outcome(List.copyOf(completed), List.copyOf(rolledBack));
    }
}
