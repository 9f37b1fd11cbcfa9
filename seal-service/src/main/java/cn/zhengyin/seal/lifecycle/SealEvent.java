package cn.zhengyin.seal.lifecycle;

import java.time.Instant;
import java.util.Objects;

/** One transition of a seal, kept for ever: who did what, when, why, and the states before and after. */
public record SealEvent(SealEventType type, SealState from, SealState to, String actor, String reason, Instant at) {
    public SealEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        reason = reason == null ? "" : reason.strip();
    }
}
