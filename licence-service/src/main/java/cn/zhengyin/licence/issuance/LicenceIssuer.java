package cn.zhengyin.licence.issuance;

import cn.zhengyin.licence.authority.IssuingAuthority;
import cn.zhengyin.licence.licencetype.FieldRole;
import cn.zhengyin.licence.licencetype.FieldViolation;
import cn.zhengyin.licence.licencetype.LicenceType;
import cn.zhengyin.licence.licencetype.LicenceTypeCatalogue;
import cn.zhengyin.licence.registry.Licence;
import cn.zhengyin.licence.registry.LicenceEvent;
import cn.zhengyin.licence.registry.LicenceRegistry;
import cn.zhengyin.licence.registry.LicenceStatus;
import cn.zhengyin.licence.registry.LicenceVersion;
import cn.zhengyin.licence.sealing.LicenceSealer;
import cn.zhengyin.licence.transparency.LicenceEventLog;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Issues a licence (version 001) end to end: validate, assign the GB/T 36904 identifier, render, seal, store, and make
 * it visible. The head document in the registry is written last and is the commit point: until it exists nobody sees
 * the licence, and every earlier write is idempotent, so a retry (same Idempotency-Key) or a recovery completes the
 * same licence with the same identifier rather than issuing a second one.
 *
 * <p>Failures (issue #14, finding 4): everything that can be wrong with the request — the caller, the type, every
 * field value including characters the licence fonts cannot print, the case number — is checked before the
 * Idempotency-Key is claimed and before a serial number is taken, so a refused request takes neither. Work that fails
 * after that (the seal service, the store) gives up its key's lease at once; the key stays bound to the identifier it
 * took, so a retry with it finishes the same licence without another serial. Every failure is reported to
 * {@link FailedIssuances} (the audit log), with the identifier when one was taken.
 */
public final class LicenceIssuer {
    /** Licences are dated in China's time zone. */
    public static final ZoneId CHINA = VersionProducer.CHINA;

    private final LicenceTypeCatalogue types;
    private final Function<String, Optional<IssuingAuthority>> authorities;
    private final LicenceRegistry registry;
    private final SerialNumberSource serials;
    private final IdempotencyGuard idempotency;
    private final VersionProducer versions;
    private final Clock clock;
    private final LicenceEventLog eventLog;
    private final FailedIssuances failures;
    private final HolderHoldings holdings;

    /** A claim on a holder whose licence was never stored is taken over after this long. */
    static final Duration STALE_HOLDING = Duration.ofMinutes(2);

    public LicenceIssuer(
            LicenceTypeCatalogue types,
            Function<String, Optional<IssuingAuthority>> authorities,
            LicenceRegistry registry,
            SerialNumberSource serials,
            IdempotencyGuard idempotency,
            VersionProducer versions,
            Clock clock,
            LicenceEventLog eventLog,
            FailedIssuances failures,
            HolderHoldings holdings) {
        this.types = types;
        this.authorities = authorities;
        this.registry = registry;
        this.serials = serials;
        this.idempotency = idempotency;
        this.versions = versions;
        this.clock = clock;
        this.eventLog = eventLog;
        this.failures = failures;
        this.holdings = holdings;
    }

    /** The outcome: the issued version, its licence head, and whether this answer replays an earlier request. */
    public record IssuedLicence(LicenceVersion version, Licence licence, boolean replayed) {}

    /**
     * @throws IssuanceException for a request that cannot be carried out (unknown type, not permitted, invalid fields,
     *                           idempotency conflicts)
     * @throws LicenceSealer.SealingFailedException when the seal could not be applied
     */
    public IssuedLicence issue(IssueLicenceCommand command) {
        TakenIdentifier taken = new TakenIdentifier();
        try {
            return issue(command, taken);
        } catch (RuntimeException e) {
            failures.record(new FailedIssuances.FailedIssuance(
                    command.client(),
                    String.valueOf(command.licenceType()),
                    command.caseNumber() == null ? "" : command.caseNumber(),
                    Optional.ofNullable(taken.identifier),
                    e instanceof IssuanceException.NotPermitted,
                    reason(e)));
            throw e;
        }
    }

    /** The identifier a request took, once it took one (for the failure report). */
    private static final class TakenIdentifier {
        private String identifier;
    }

    /** Why a request failed, without field values: those may be personal data and stay out of the audit log. */
    static String reason(RuntimeException e) {
        return switch (e) {
            case IssuanceException.InvalidFields f ->
                "InvalidFields: "
                        + f.violations().stream()
                                .map(FieldViolation::field)
                                .distinct()
                                .collect(Collectors.joining(", "));
            case IssuanceException i -> i.getClass().getSimpleName() + ": " + i.getMessage();
            case LicenceSealer.SealingFailedException s -> "SealingFailedException: " + s.getMessage();
            case VersionProducer.VersionTaken t -> "VersionTaken: " + t.getMessage();
            default -> e.getClass().getName() + " (details in the service log)";
        };
    }

    private IssuedLicence issue(IssueLicenceCommand command, TakenIdentifier taken) {
        IssuingAuthority authority = authorities
                .apply(command.client())
                .orElseThrow(() -> new IssuanceException.NotPermitted(
                        "client '" + command.client() + "' is not registered as an approval system"));
        LicenceType type = types.find(command.licenceType())
                .orElseThrow(() -> new IssuanceException.UnknownLicenceType("there is no licence type '"
                        + command.licenceType() + "'; GET /api/v1/licence-types lists them"));
        if (!authority.licenceTypes().contains(type.typeCode())) {
            throw new IssuanceException.NotPermitted("approval system '" + command.client() + "' may not issue "
                    + type.descriptor().name() + " (" + type.typeCode() + ")");
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, CHINA);
        Map<String, String> values = PreparedFields.prepare(type, authority, command.client(), command.fields(), today);
        PreparedFields.checkCaseNumber(command.caseNumber());
        String fingerprint = VersionProducer.fingerprint("ISSUE", type.typeCode(), command.caseNumber(), values);
        Optional<String> holding = holdingId(type, values);
        String owner =
                command.client() + "\u0000" + command.idempotencyKey().orElseGet(() -> "once-" + UUID.randomUUID());
        // One licence in force per holder: refused before the Idempotency-Key is claimed (a retry of the request that
        // holds the claim passes, and the key answers it with its licence).
        holding.flatMap(holdings::find)
                .filter(h -> !h.owner().equals(owner))
                .ifPresent(h -> refuseIfHeld(h, type, now, today));

        IdempotencyGuard.Start start = idempotency.begin(command.client(), command.idempotencyKey(), fingerprint);
        if (start instanceof IdempotencyGuard.Replay replay) {
            return replay(replay.identifier());
        }
        try {
            holding.ifPresent(id -> claim(id, owner, type, now, today));
            return produce(command, type, authority, values, fingerprint, now, today, start, taken, holding, owner);
        } catch (RuntimeException e) {
            try {
                idempotency.release(command.client(), command.idempotencyKey());
                if (holding.isPresent() && !(e instanceof IssuanceException.HolderHasLicence) && !stored(taken)) {
                    holdings.release(holding.get(), owner);
                }
            } catch (RuntimeException releaseFailed) {
                e.addSuppressed(releaseFailed);
            }
            throw e;
        }
    }

    /** The claim id of a type that allows one licence in force per holder: type code + ':' + holder code. */
    private static Optional<String> holdingId(LicenceType type, Map<String, String> values) {
        if (!type.descriptor().oneInForcePerHolder()) {
            return Optional.empty();
        }
        return type.fieldWithRole(FieldRole.HOLDER_CODE)
                .map(f -> values.get(f.key()))
                .filter(code -> !code.isBlank())
                .map(code -> type.typeCode() + ":" + code);
    }

    private boolean stored(TakenIdentifier taken) {
        return taken.identifier != null
                && registry.findLicence(
                                LicenceIdentifier.parse(taken.identifier).root())
                        .isPresent();
    }

    /**
     * Takes the holder's claim for {@code owner}: creates it, or takes over one whose licence is no longer in force (or
     * was never stored and is older than {@link #STALE_HOLDING}); refuses while another holds it.
     */
    private void claim(String id, String owner, LicenceType type, Instant now, LocalDate today) {
        HolderHoldings.Holding mine = new HolderHoldings.Holding(id, owner, Optional.empty(), now);
        for (int attempt = 0; attempt < 5; attempt++) {
            if (holdings.insert(mine)) {
                return;
            }
            Optional<HolderHoldings.Holding> existing = holdings.find(id);
            if (existing.isEmpty()) {
                continue; // released meanwhile
            }
            HolderHoldings.Holding held = existing.get();
            if (held.owner().equals(owner)) {
                return; // this request's own claim (a retry after a crash)
            }
            refuseIfHeld(held, type, now, today);
            if (holdings.replace(held, mine)) {
                return;
            }
        }
        throw new IssuanceException.ConcurrentChange(
                "the holder's " + type.descriptor().name() + " is being issued by another request; retry later");
    }

    /** Refuses when {@code held} names a licence in force, or is a fresh claim whose licence is not stored yet. */
    private void refuseIfHeld(HolderHoldings.Holding held, LicenceType type, Instant now, LocalDate today) {
        String holder = held.id().substring(held.id().indexOf(':') + 1);
        Optional<Licence> licence = held.licence().flatMap(registry::findLicence);
        if (licence.isPresent()) {
            LicenceStatus status = licence.get().statusAt(today);
            if (status == LicenceStatus.VALID || status == LicenceStatus.SUSPENDED) {
                throw new IssuanceException.HolderHasLicence(
                        "holder " + holder + " already has " + type.descriptor().name() + " "
                                + licence.get().currentIdentifier() + " in force (" + status
                                + "); a licence type allows one per holder: amend or renew it, or revoke or cancel it"
                                + " before issuing a new one",
                        licence.get().currentIdentifier());
            }
            return;
        }
        if (held.since().plus(STALE_HOLDING).isAfter(now)) {
            String which = held.licence().map(l -> " (" + l + ")").orElse("");
            throw new IssuanceException.HolderHasLicence(
                    "holder " + holder + " has " + type.descriptor().name() + which
                            + " being issued by another request; a licence type allows one per holder",
                    held.licence().orElse(""));
        }
    }

    private IssuedLicence produce(
            IssueLicenceCommand command,
            LicenceType type,
            IssuingAuthority authority,
            Map<String, String> values,
            String fingerprint,
            Instant now,
            LocalDate today,
            IdempotencyGuard.Start start,
            TakenIdentifier taken,
            Optional<String> holding,
            String owner) {
        Optional<String> chosen = ((IdempotencyGuard.Work) start).chosenIdentifier();
        LicenceIdentifier allocated = chosen.map(LicenceIdentifier::parse)
                .orElseGet(() -> LicenceIdentifier.first(
                        type.typeCode(),
                        authority.code(),
                        serials.next(type.typeCode(), authority.code(), today.getYear())));
        taken.identifier = allocated.toString();
        LicenceIdentifier identifier = LicenceIdentifier.parse(
                idempotency.bind(command.client(), command.idempotencyKey(), allocated.toString()));
        taken.identifier = identifier.toString();
        // A serial this request has just taken and bound names no stored version: no earlier attempt had an
        // identifier to store one under (issue #18: the existence check is skipped; saveVersion's unique insert still
        // decides). A retry's identifier (chosen by an earlier attempt, or bound by a concurrent one) is checked.
        boolean fresh = chosen.isEmpty() && identifier.equals(allocated);
        String root = identifier.root();
        holding.ifPresent(id -> holdings.bind(id, owner, root));

        // The version producer answers whether this version exists already (an earlier attempt or a recovery got that
        // far): it returns it if it came from this request and refuses it if not.
        LicenceVersion version;
        try {
            VersionProducer.VersionRequest request = new VersionProducer.VersionRequest(
                    type,
                    authority,
                    identifier,
                    values,
                    "ISSUE",
                    command.caseNumber(),
                    command.client(),
                    now,
                    fingerprint);
            version = fresh ? versions.produceNew(request) : versions.produce(request);
        } catch (VersionProducer.VersionTaken e) {
            // Never hand one request's licence to another: the identifier bound to this key belongs to a
            // different request (which can only happen if a serial was handed out twice).
            throw new IssuanceException.ConcurrentChange("identifier " + identifier + " already belongs to "
                    + "another request; retry with a new Idempotency-Key");
        }
        // The head: created now (and answered as written, without reading it back: the store keeps the event time
        // in milliseconds, so that is what it holds), or made by an earlier attempt or a recovery (then read).
        Licence head = new Licence(
                identifier.root(),
                type.typeCode(),
                authority.code(),
                version.holderCode(),
                1,
                version.identifier(),
                LicenceStatus.VALID,
                version.validFrom(),
                version.validUntil(),
                List.of(new LicenceEvent(
                        "ISSUED", 1, command.client(), "", command.caseNumber(), now.truncatedTo(ChronoUnit.MILLIS))),
                0);
        IssuedLicence issued;
        if (registry.createLicence(head)) {
            issued = new IssuedLicence(version, head, false);
        } else {
            Licence existing = registry.findLicence(identifier.root())
                    .orElseThrow(
                            () -> new IllegalStateException("licence " + head.root() + " exists but cannot be read"));
            issued = new IssuedLicence(version, existing, true);
        }
        // Transparency log (idempotent per version, event and time, so a recovered issuance is logged once).
        eventLog.append(issued.version(), "ISSUED", issued.version().createdAt());
        idempotency.finish(
                command.client(), command.idempotencyKey(), issued.version().identifier());
        return issued;
    }

    private IssuedLicence replay(String identifier) {
        LicenceVersion version = registry.findVersion(identifier)
                .orElseThrow(
                        () -> new IllegalStateException("idempotency record points at missing version " + identifier));
        Licence licence = registry.findLicence(version.root())
                .orElseThrow(() -> new IllegalStateException(
                        "idempotency record points at licence without head " + version.root()));
        return new IssuedLicence(version, licence, true);
    }
}
