package cn.zhengyin.licence.issuance;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Runs a licence change at most once per client and {@code Idempotency-Key}. Without a key every call is new work.
 * The identifier a change produces is bound to the key before any file is made, so a retry after a crash finishes
 * the same licence version instead of starting another.
 */
public final class IdempotencyGuard {
    static final Duration LEASE = Duration.ofSeconds(30);
    private final IdempotencyStore store;
    private final Clock clock;

    public IdempotencyGuard(IdempotencyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** How to go on: do the work (maybe with the identifier an earlier attempt chose), or replay a finished result. */
    public sealed interface Start permits Work, Replay {}

    public record Work(Optional<String> chosenIdentifier) implements Start {}

    public record Replay(String identifier) implements Start {}

    /**
     * @throws IssuanceException.IdempotencyKeyReused if the key was used for another request
     * @throws IssuanceException.InProgress            if another attempt holds the key
     */
    public Start begin(String client, Optional<String> key, String fingerprint) {
        if (key.isEmpty()) {
            return new Work(Optional.empty());
        }
        return switch (store.claim(client, key.get(), fingerprint, clock.instant(), LEASE)) {
            case IdempotencyStore.Completed done -> new Replay(done.identifier());
            case IdempotencyStore.Mismatch m ->
                throw new IssuanceException.IdempotencyKeyReused(
                        "Idempotency-Key '" + key.get() + "' was already used for a different request");
            case IdempotencyStore.InProgress busy ->
                throw new IssuanceException.InProgress(
                        "a request with Idempotency-Key '" + key.get() + "' is being processed", busy.leaseUntil());
            case IdempotencyStore.Started started -> new Work(started.identifier());
        };
    }

    /** Binds the identifier the work will produce; returns the one bound first if another attempt won. */
    public String bind(String client, Optional<String> key, String identifier) {
        return key.map(k -> store.assignIdentifier(client, k, identifier)).orElse(identifier);
    }

    public void finish(String client, Optional<String> key, String identifier) {
        key.ifPresent(k -> store.complete(client, k, identifier, clock.instant()));
    }

    /** After failed work: a retry may start at once (see {@link IdempotencyStore#release}). */
    public void release(String client, Optional<String> key) {
        key.ifPresent(k -> store.release(client, k));
    }
}
