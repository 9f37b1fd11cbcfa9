package cn.zhengyin.licence.issuance;

import java.time.Instant;
import java.util.Optional;

/**
 * Who holds the one licence in force of a licence type that allows one per holder ({@code oneInForcePerHolder}): one
 * record per type and holder code, created (unique) before a serial number is taken. It is a claim, not the truth: the
 * licence it names is looked up in the registry, so a revoked, cancelled or expired licence, or one that never got
 * stored, no longer blocks its holder.
 *
 * @see LicenceIssuer
 */
public interface HolderHoldings {
    /**
     * @param id      licence type code + ':' + holder code
     * @param owner   the request that claimed it (client + Idempotency-Key, or a one-off token without a key)
     * @param licence the root identifier of the licence the claim is for, once the request took one
     * @param since   when the claim was made
     */
    record Holding(String id, String owner, Optional<String> licence, Instant since) {}

    Optional<Holding> find(String id);

    /** Creates the record; false if one exists for {@code holding.id()}. */
    boolean insert(Holding holding);

    /** Replaces {@code expected} (same owner and licence) by {@code replacement}; false if it changed meanwhile. */
    boolean replace(Holding expected, Holding replacement);

    /** Records the licence of the owner's claim. */
    void bind(String id, String owner, String licence);

    /** Gives up the owner's claim (its issuance failed before the licence was stored). */
    void release(String id, String owner);
}
