package cn.zhengyin.seal.authorisation;

import cn.zhengyin.seal.lifecycle.SealLifecycleService;
import cn.zhengyin.seal.lifecycle.SealState;
import cn.zhengyin.seal.lifecycle.SealValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Grants, lists and revokes authorisations, and answers whether a caller may sign with a seal now. */
public final class SealAuthorisationService {
    private final SealAuthorisationRepository authorisations;
    private final SealLifecycleService seals;
    private final Clock clock;

    public SealAuthorisationService(
            SealAuthorisationRepository authorisations, SealLifecycleService seals, Clock clock) {
        this.authorisations = authorisations;
        this.seals = seals;
        this.clock = clock;
    }

    /**
     * @param validFrom empty = now
     * @throws cn.zhengyin.seal.lifecycle.SealNotFoundException if there is no such seal
     * @throws SealValidationException if the seal can no longer be used or the window is empty
     */
    public SealAuthorisation grant(
            String sealId,
            GranteeKind kind,
            String grantee,
            Set<String> licenceTypes,
            Optional<Instant> validFrom,
            Optional<Instant> validUntil,
            String actor,
            String reason) {
        var seal = seals.find(sealId);
        Instant now = clock.instant();
        SealState state = seal.stateAt(now);
        if (state == SealState.REJECTED
                || state == SealState.REVOKED
                || state == SealState.DESTROYED
                || state == SealState.EXPIRED) {
            throw new SealValidationException(
                    "sealId",
                    "seal " + sealId + " is " + state + "; it can never sign again, so it cannot be authorised");
        }
        try {
            SealAuthorisation a = new SealAuthorisation(
                    "A-" + UUID.randomUUID(),
                    sealId,
                    kind,
                    grantee,
                    licenceTypes,
                    validFrom.orElse(now),
                    validUntil,
                    actor,
                    now,
                    reason,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty());
            authorisations.insert(a);
            return a;
        } catch (IllegalArgumentException e) {
            throw new SealValidationException("authorisation", e.getMessage());
        }
    }

    public List<SealAuthorisation> forSeal(String sealId) {
        seals.find(sealId);
        return authorisations.forSeal(sealId);
    }

    /** Revokes it (idempotent: an already revoked one stays as it was). */
    public Optional<SealAuthorisation> revoke(String sealId, String id, String actor, String reason) {
        return authorisations
                .find(sealId, id)
                .map(a -> a.revoked() ? a : authorisations.markRevoked(a.revoke(actor, reason, clock.instant())));
    }

    /** The authorisation letting {@code caller} sign with the seal at {@code at} for the licence type, if any. */
    public Optional<SealAuthorisation> covering(
            String sealId, String caller, Optional<String> licenceType, Instant at) {
        return authorisations.forSeal(sealId).stream()
                .filter(a -> a.grantee().equals(caller) && a.activeAt(at) && a.coversLicenceType(licenceType))
                .findFirst();
    }

    /** Why no authorisation covers the request (for the refusal message). */
    public String whyNotCovered(String sealId, String caller, Optional<String> licenceType, Instant at) {
        List<SealAuthorisation> mine = authorisations.forSeal(sealId).stream()
                .filter(a -> a.grantee().equals(caller))
                .toList();
        if (mine.isEmpty()) {
            return "'" + caller + "' has no authorisation to use seal " + sealId;
        }
        if (mine.stream().noneMatch(a -> a.activeAt(at))) {
            return "'" + caller + "' has no authorisation for seal " + sealId + " in force at " + at
                    + " (expired, not yet valid or revoked)";
        }
        return "'" + caller + "' is not authorised to use seal " + sealId + " for licence type "
                + licenceType.map(t -> "'" + t + "'").orElse("(none given; the authorisations name specific types)");
    }
}
