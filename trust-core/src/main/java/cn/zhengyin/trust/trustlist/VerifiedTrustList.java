package cn.zhengyin.trust.trustlist;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * A trust list whose signature, signer, freshness and sequence number were checked at {@code verifiedAt}.
 *
 * @param list       its content
 * @param signer     the list signer's certificate
 * @param verifiedAt when it was checked
 * @param sha256     SHA-256 of the list's bytes, hex (to log which list was in force)
 */
public record VerifiedTrustList(TrustList list, X509Certificate signer, Instant verifiedAt, String sha256) {
    public VerifiedTrustList {
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** True while the list is not stale at {@code time} (before its nextUpdate). */
    public boolean inForceAt(Instant time) {
        return time.isBefore(list.scheme().nextUpdate());
    }

    /** What verifiers consume. */
    public TrustListAnchors anchors() {
        return new TrustListAnchors(this);
    }
}
