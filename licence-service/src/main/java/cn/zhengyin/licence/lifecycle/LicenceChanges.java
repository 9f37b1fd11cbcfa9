package cn.zhengyin.licence.lifecycle;

import cn.zhengyin.licence.authority.IssuingAuthority;
import cn.zhengyin.licence.issuance.IdempotencyGuard;
import cn.zhengyin.licence.issuance.IssuanceException;
import cn.zhengyin.licence.issuance.PreparedFields;
import cn.zhengyin.licence.issuance.VersionProducer;
import cn.zhengyin.licence.licencetype.FieldDefinition;
import cn.zhengyin.licence.licencetype.FieldRole;
import cn.zhengyin.licence.licencetype.FieldViolation;
import cn.zhengyin.licence.licencetype.LicenceType;
import cn.zhengyin.licence.licencetype.LicenceTypeCatalogue;
import cn.zhengyin.licence.registry.Licence;
import cn.zhengyin.licence.registry.LicenceEvent;
import cn.zhengyin.licence.registry.LicenceRegistry;
import cn.zhengyin.licence.registry.LicenceStatus;
import cn.zhengyin.licence.registry.LicenceVersion;
import cn.zhengyin.licence.transparency.LicenceEventLog;
import cn.zhengyin.trust.identifier.InvalidIdentifierException;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Changes to issued licences. Each is one conditional single-document update of the licence head (checked against
 * its revision), so concurrent changes cannot both win; a new version's files and record are written first and the
 * head moves last, exactly as in issuance.
 */
public final class LicenceChanges {
    private final LicenceTypeCatalogue types;
    private final Function<String, Optional<IssuingAuthority>> authorities;
    private final LicenceRegistry registry;
    private final IdempotencyGuard idempotency;
    private final VersionProducer versions;
    private final Clock clock;
    private final LicenceEventLog eventLog;

    public LicenceChanges(
            LicenceTypeCatalogue types,
            Function<String, Optional<IssuingAuthority>> authorities,
            LicenceRegistry registry,
            IdempotencyGuard idempotency,
            VersionProducer versions,
            Clock clock,
            LicenceEventLog eventLog) {
        this.types = types;
        this.authorities = authorities;
        this.registry = registry;
        this.idempotency = idempotency;
        this.versions = versions;
        this.clock = clock;
        this.eventLog = eventLog;
    }

    /** A change that makes a new version. */
    public enum VersionChange {
        /** 变更: the content changes (e.g. a new address). */
        AMEND("AMENDED"),
        /** 延续: the validity is extended; allowed for a valid or an expired licence. */
        RENEW("RENEWED"),
        /** 更正: an error on the licence is corrected. */
        CORRECT("CORRECTED");

        final String event;

        VersionChange(String event) {
            this.event = event;
        }
    }

    /** A change of status. */
    public enum StatusAction {
        /** 暂扣 */
        SUSPEND("SUSPENDED", LicenceStatus.SUSPENDED, Set.of(LicenceStatus.VALID)),
        /** 暂扣发还: back to valid. */
        REINSTATE("REINSTATED", LicenceStatus.VALID, Set.of(LicenceStatus.SUSPENDED)),
        /** 吊销 */
        REVOKE("REVOKED", LicenceStatus.REVOKED, Set.of(LicenceStatus.VALID, LicenceStatus.SUSPENDED)),
        /** 注销 */
        CANCEL("CANCELLED", LicenceStatus.CANCELLED, Set.of(LicenceStatus.VALID, LicenceStatus.SUSPENDED));

        final String event;
        final LicenceStatus to;
        final Set<LicenceStatus> from;

        StatusAction(String event, LicenceStatus to, Set<LicenceStatus> from) {
            this.event = event;
            this.to = to;
            this.from = from;
        }
    }

    /** The licence after a change, the version concerned, and whether this answer replays an earlier request. */
    public record Changed(Licence licence, LicenceVersion version, boolean replayed) {}

    /**
     * Makes a new version: the current version's fields with {@code changes} applied (a null value clears a field).
     *
     * @throws IssuanceException for refusals (not found, not permitted, illegal in this state, invalid fields, …)
     */
    public Changed newVersion(
            String client,
            String identifier,
            VersionChange change,
            Map<String, Object> changes,
            String caseNumber,
            String reason,
            Optional<String> idempotencyKey) {
        Licence licence = licence(identifier);
        IssuingAuthority authority = authorityFor(client, licence);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, VersionProducer.CHINA);
        LicenceStatus status = licence.statusAt(today);
        boolean allowed =
                status == LicenceStatus.VALID || (change == VersionChange.RENEW && status == LicenceStatus.EXPIRED);
        if (!allowed) {
            throw new IssuanceException.IllegalChange("licence " + licence.root() + " is " + status + "; " + change
                    + " needs a VALID licence" + (change == VersionChange.RENEW ? " or an EXPIRED one" : ""));
        }
        LicenceType type = types.find(licence.typeCode())
                .orElseThrow(() -> new IllegalStateException("licence type " + licence.typeCode() + " of licence "
                        + licence.root() + " is no longer configured"));
        LicenceVersion current =
                registry.findVersion(licence.currentIdentifier()).orElseThrow();

        Map<String, Object> merged = new LinkedHashMap<>(current.fields());
        if (change == VersionChange.RENEW) {
            // A renewal is issued today; a fixed-term validity starts again from it unless the caller says otherwise.
            type.fieldWithRole(FieldRole.ISSUE_DATE).map(FieldDefinition::key).ifPresent(merged::remove);
            if (type.descriptor().validity() instanceof cn.zhengyin.licence.licencetype.ValidityRule.FixedYears) {
                type.fieldWithRole(FieldRole.VALIDITY_START)
                        .map(FieldDefinition::key)
                        .ifPresent(merged::remove);
                type.fieldWithRole(FieldRole.VALIDITY_END)
                        .map(FieldDefinition::key)
                        .ifPresent(merged::remove);
            }
        }
        if (changes != null) {
            changes.forEach((k, v) -> {
                if (v == null) {
                    merged.remove(k);
                } else {
                    merged.put(k, v);
                }
            });
        }
        Map<String, String> values = PreparedFields.prepare(type, authority, client, merged, today);
        type.fieldWithRole(FieldRole.HOLDER_CODE).ifPresent(f -> {
            if (!current.holderCode().equals(values.get(f.key()))) {
                throw new IssuanceException.InvalidFields(List.of(new FieldViolation(
                        f.key(),
                        "the holder's code cannot change in a new version (was " + current.holderCode()
                                + "); a different holder needs a new licence")));
            }
        });
        String fingerprint = VersionProducer.fingerprint(change.name(), current.identifier(), caseNumber, values)
                + (reason == null ? "" : Integer.toHexString(reason.hashCode()));

        IdempotencyGuard.Start start = idempotency.begin(client, idempotencyKey, fingerprint);
        if (start instanceof IdempotencyGuard.Replay replay) {
            LicenceVersion v = registry.findVersion(replay.identifier()).orElseThrow();
            return new Changed(registry.findLicence(v.root()).orElseThrow(), v, true);
        }
        Optional<String> chosen = ((IdempotencyGuard.Work) start).chosenIdentifier();
        LicenceIdentifier next = chosen.map(LicenceIdentifier::parse)
                .orElseGet(() -> LicenceIdentifier.parse(current.identifier()).nextVersion());
        next = LicenceIdentifier.parse(idempotency.bind(client, idempotencyKey, next.toString()));
        LicenceVersion version = versions.produce(new VersionProducer.VersionRequest(
                type, authority, next, values, change.name(), caseNumber, client, now, fingerprint));
        LicenceEvent event = new LicenceEvent(change.event, version.version(), client, reason, caseNumber, now);
        if (!registry.moveToVersion(licence.root(), licence.revision(), version, event)) {
            Licence now2 = registry.findLicence(licence.root()).orElseThrow();
            if (!now2.currentIdentifier().equals(version.identifier())) {
                throw new IssuanceException.ConcurrentChange("licence " + licence.root()
                        + " was changed by another request meanwhile; read it again and retry");
            }
        }
        eventLog.append(version, change.event, version.createdAt()); // transparency log
        idempotency.finish(client, idempotencyKey, version.identifier());
        return new Changed(registry.findLicence(licence.root()).orElseThrow(), version, false);
    }

    /**
     * Changes the licence's status.
     *
     * @throws IssuanceException.IllegalChange if the action is not allowed from the current status
     */
    public Changed changeStatus(
            String client,
            String identifier,
            StatusAction action,
            String reason,
            String caseNumber,
            Optional<String> idempotencyKey) {
        Licence licence = licence(identifier);
        authorityFor(client, licence);
        if (action != StatusAction.REINSTATE && (reason == null || reason.isBlank())) {
            throw new IssuanceException.InvalidFields(List.of(new FieldViolation(
                    "reason",
                    "a reason is required to " + action.name().toLowerCase(java.util.Locale.ROOT) + " a licence")));
        }
        String fingerprint = VersionProducer.fingerprint(
                "STATUS:" + action, licence.root(), caseNumber, Map.of("reason", reason == null ? "" : reason));
        if (idempotency.begin(client, idempotencyKey, fingerprint) instanceof IdempotencyGuard.Replay) {
            Licence l = registry.findLicence(licence.root()).orElseThrow();
            return new Changed(l, registry.findVersion(l.currentIdentifier()).orElseThrow(), true);
        }
        Instant now = clock.instant();
        for (int attempt = 0; ; attempt++) {
            if (!action.from.contains(licence.status())) {
                throw new IssuanceException.IllegalChange("licence " + licence.root() + " is " + licence.status() + "; "
                        + action + " is allowed only from " + action.from);
            }
            LicenceEvent event =
                    new LicenceEvent(action.event, licence.currentVersion(), client, reason, caseNumber, now);
            if (registry.changeStatus(licence.root(), licence.revision(), licence.status(), action.to, event)) {
                break;
            }
            if (attempt >= 2) {
                throw new IssuanceException.ConcurrentChange(
                        "licence " + licence.root() + " keeps changing under this request; retry");
            }
            licence = registry.findLicence(licence.root()).orElseThrow();
        }
        Licence changed = registry.findLicence(licence.root()).orElseThrow();
        LicenceVersion changedVersion =
                registry.findVersion(changed.currentIdentifier()).orElseThrow();
        eventLog.append(changedVersion, action.event, now); // transparency log
        idempotency.finish(client, idempotencyKey, changed.currentIdentifier());
        return new Changed(changed, changedVersion, false);
    }

    private Licence licence(String identifier) {
        String root;
        if (identifier.startsWith(LicenceIdentifier.ROOT + ".")) {
            try {
                root = LicenceIdentifier.parse(identifier).root();
            } catch (InvalidIdentifierException e) {
                throw new IssuanceException.LicenceNotFound(e.getMessage());
            }
        } else {
            root = identifier;
        }
        return registry.findLicence(root)
                .orElseThrow(() ->
                        new IssuanceException.LicenceNotFound("no licence has the identifier '" + identifier + "'"));
    }

    private IssuingAuthority authorityFor(String client, Licence licence) {
        IssuingAuthority authority = authorities
                .apply(client)
                .orElseThrow(() -> new IssuanceException.NotPermitted(
                        "client '" + client + "' is not registered as an approval system"));
        if (!authority.code().equals(licence.issuerCode())) {
            throw new IssuanceException.NotPermitted(
                    "licence " + licence.root() + " was issued by another authority; " + "approval system '" + client
                            + "' acts for " + authority.code() + " and may change only its own licences");
        }
        return authority;
    }
}
