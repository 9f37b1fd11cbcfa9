package cn.zhengyin.seal.authorisation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The seal owner's permission for {@code grantee} to sign with the seal.
 *
 * @param licenceTypes licence type codes covered (GB/T 36904 type codes); empty = every licence type
 * @param validUntil   end of the window (exclusive), empty = open-ended
 * @param revokedAt    when it was withdrawn, if it was
 */
public record SealAuthorisation(
        String id,
        String sealId,
        GranteeKind granteeKind,
        String grantee,
        Set<String> licenceTypes,
        Instant validFrom,
        Optional<Instant> validUntil,
        String grantedBy,
        Instant grantedAt,
        String reason,
        Optional<Instant> revokedAt,
        Optional<String> revokedBy,
        Optional<String> revokeReason) {
    public SealAuthorisation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sealId, "sealId");
        Objects.requireNonNull(granteeKind, "granteeKind");
        if (grantee == null || grantee.isBlank()) {
            throw new IllegalArgumentException("grantee is required: an OAuth2 client id or a person's subject");
        }
        licenceTypes = Set.copyOf(licenceTypes);
        Objects.requireNonNull(validFrom, "validFrom");
        validUntil.ifPresent(u -> {
            if (!u.isAfter(validFrom)) {
                throw new IllegalArgumentException("validUntil " + u + " is not after validFrom " + validFrom);
            }
        });
        reason = reason == null ? "" : reason;
    }

    public boolean revoked() {
        return revokedAt.isPresent();
    }

    /** True if the window contains {@code at} and the authorisation was not revoked before it. */
    public boolean activeAt(Instant at) {
        return !at.isBefore(validFrom)
                && validUntil.map(at::isBefore).orElse(true)
                && revokedAt.map(at::isBefore).orElse(true);
    }

    /** True if it covers the licence type ({@code empty} = the request names none). */
    public boolean coversLicenceType(Optional<String> licenceType) {
        return licenceTypes.isEmpty() || licenceType.map(licenceTypes::contains).orElse(false);
    }

    public SealAuthorisation revoke(String actor, String why, Instant at) {
        return new SealAuthorisation(
                id,
                sealId,
                granteeKind,
                grantee,
                licenceTypes,
                validFrom,
                validUntil,
                grantedBy,
                grantedAt,
                reason,
                Optional.of(at),
                Optional.of(actor),
                Optional.ofNullable(why));
    }
}
