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

/**
 * Grants, lists and revokes authorisations, and answers whether a caller may sign with a seal now. A grant names one
 * grantee the {@link GranteeDirectory} knows (never a wildcard); a caller is covered only by a grant of its own kind and
 * name (a PERSON grant never covers the client of the same name) whose grantee the directory still knows.
 */
public final class SealAuthorisationService {
    private final SealAuthorisationRepository authorisations;
    private final SealLifecycleService seals;
    private final GranteeDirectory directory;
    private final Clock clock;

    public SealAuthorisationService(
            SealAuthorisationRepository authorisations,
            SealLifecycleService seals,
            GranteeDirectory directory,
            Clock clock) {
        this.authorisations = authorisations;
        this.seals = seals;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * @param validFrom empty = now
     * @throws cn.zhengyin.seal.lifecycle.SealNotFoundException if there is no such seal
     * @throws SealValidationException if the seal can no longer be used, the window is empty, or the grantee is a
     *     wildcard or unknown to the directory
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
        if (grantee == null || grantee.isBlank()) {
            throw new SealValidationException(
                    "grantee", "grantee is required: an OAuth2 client id or a person's subject");
        }
        Grantee named = new Grantee(kind, grantee.strip());
        var seal = seals.find(sealId);
        directory.whyNotGrantable(named).ifPresent(why -> {
            throw new SealValidationException("grantee", why);
        });
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
                    named.name(),
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

    /**
     * The authorisation letting {@code caller} sign with the seal at {@code at} for the licence type, if any: one of the
     * caller's kind and name, whose grantee the directory knows.
     */
    public Optional<SealAuthorisation> covering(
            String sealId, Grantee caller, Optional<String> licenceType, Instant at) {
        return mine(sealId, caller).stream()
                .filter(a -> a.activeAt(at) && a.coversLicenceType(licenceType))
                .findFirst();
    }

    /**
     * The authorisation letting {@code caller} seal documents of a category with the seal at {@code at}: one that
     * names the category's code ({@code doc:<category>}) among its types explicitly — an authorisation for all types
     * does not let anyone seal arbitrary documents.
     */
    public Optional<SealAuthorisation> coveringDocumentCategory(
            String sealId, Grantee caller, String categoryCode, Instant at) {
        return mine(sealId, caller).stream()
                .filter(a -> a.activeAt(at) && a.licenceTypes().contains(categoryCode))
                .findFirst();
    }

    private List<SealAuthorisation> mine(String sealId, Grantee caller) {
        if (!directory.knows(caller)) {
            return List.of();
        }
        return authorisations.forSeal(sealId).stream()
                .filter(a -> a.granteeKind() == caller.kind() && a.grantee().equals(caller.name()))
                .toList();
    }

    /**
     * Stored authorisations in force at {@code at} that let nobody sign because their grantee is a wildcard or unknown
     * to the directory (made before grantees were checked, or for someone since removed from it).
     */
    public List<SealAuthorisation> inert(Instant at) {
        return authorisations.all().stream()
                .filter(a -> a.activeAt(at)
                        && (GranteeDirectory.isWildcard(a.grantee())
                                || !directory.knows(new Grantee(a.granteeKind(), a.grantee()))))
                .toList();
    }

    /** Why no authorisation covers the request (for the refusal message). */
    public String whyNotCovered(String sealId, Grantee caller, Optional<String> licenceType, Instant at) {
        List<SealAuthorisation> mine = mine(sealId, caller);
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
