package cn.zhengyin.licence.issuance;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Port: remembers, per client and {@code Idempotency-Key}, which request it carried and which licence it produced, so
 * that a retry returns the first result. A record is claimed with a lease: a retry that finds a record whose lease ran
 * out (the first attempt died) takes it over and finishes the same licence.
 */
public interface IdempotencyStore {

    /** Outcome of trying to start work under a key. */
    sealed interface Claim permits Started, Completed, InProgress, Mismatch {}

    /** The caller owns the key now; {@code identifier} is set when an earlier attempt already chose one. */
    record Started(Optional<String> identifier) implements Claim {}

    /** The work under this key was done: it produced {@code identifier}. */
    record Completed(String identifier) implements Claim {}

    /** Another attempt holds the key until {@code leaseUntil}. */
    record InProgress(Instant leaseUntil) implements Claim {}

    /** The key was used before for a different request. */
    record Mismatch() implements Claim {}

    Claim claim(String client, String key, String requestHash, Instant now, Duration lease);

    /** Records the identifier chosen under the key; returns the one recorded first if another attempt won. */
    String assignIdentifier(String client, String key, String identifier);

    void complete(String client, String key, String identifier, Instant now);

    /**
     * Gives up the lease of work that failed, so that a retry need not wait for it to run out: a record without an
     * identifier is removed (the key is free for any request); one with an identifier keeps it, bound to the same
     * request, so a retry finishes the licence under the identifier already taken instead of taking another serial.
     * Completed records are left alone.
     */
    void release(String client, String key);
}
