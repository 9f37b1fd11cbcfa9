package cn.zhengyin.trust.trustlist;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the trust list says about a licence sealed under a certificate path, at a time.
 *
 * <p>Suggested use by a verifier under the {@code baseline} policy: {@link Kind#GRANTED} → the licence may pass,
 * labelled with {@link #label()}; {@link Kind#WITHDRAWN}, {@link Kind#TYPE_NOT_ALLOWED}, {@link Kind#OUTSIDE_PERIOD}
 * and {@link Kind#ISSUER_MISMATCH} → TOTAL_FAILED with {@link #reason()}; {@link Kind#NOT_LISTED} → INDETERMINATE
 * (NO_CERTIFICATE_CHAIN_FOUND) with {@link #reason()}.
 *
 * @param kind      the decision
 * @param authority the listed authority the path belongs to (absent for NOT_LISTED)
 * @param since     for WITHDRAWN the withdrawal time; for OUTSIDE_PERIOD the start or end of the period
 * @param reason    one sentence for people (English), naming the authority, its region and the times
 */
public record TrustDecision(Kind kind, Optional<ListedAuthority> authority, Optional<Instant> since, String reason) {

    public enum Kind {
        /** The authority is granted, in its period, for this licence type at the time. */
        GRANTED,
        /** The authority was withdrawn at or before the time ({@link #since()}). */
        WITHDRAWN,
        /** No listed authority's CA issued the path's signer certificate for the signer's organisation. */
        NOT_LISTED,
        /** The authority is listed but may not issue this licence type. */
        TYPE_NOT_ALLOWED,
        /** The time is outside the authority's authorisation period (or before its first status). */
        OUTSIDE_PERIOD,
        /** The licence names another issuing authority than the listed authority whose seal signed it. */
        ISSUER_MISMATCH
    }

    public TrustDecision {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(reason, "reason");
    }

    public boolean isGranted() {
        return kind == Kind.GRANTED;
    }

    /** "name (region)" of the authority, or empty when not listed. */
    public Optional<String> label() {
        return authority.map(ListedAuthority::label);
    }
}
