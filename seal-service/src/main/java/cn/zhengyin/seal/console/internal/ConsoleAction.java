package cn.zhengyin.seal.console.internal;

import static cn.zhengyin.seal.lifecycle.SealState.APPLIED;
import static cn.zhengyin.seal.lifecycle.SealState.APPROVED;
import static cn.zhengyin.seal.lifecycle.SealState.EXPIRED;
import static cn.zhengyin.seal.lifecycle.SealState.ISSUED;
import static cn.zhengyin.seal.lifecycle.SealState.MADE;
import static cn.zhengyin.seal.lifecycle.SealState.REVOKED;
import static cn.zhengyin.seal.lifecycle.SealState.SUSPENDED;

import cn.zhengyin.seal.lifecycle.Seal;
import cn.zhengyin.seal.lifecycle.SealState;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A lifecycle action offered as a button: the role that may run it and the states in which the domain allows it.
 * This only decides which buttons to show and refuses early with a clear message; the domain
 * ({@link cn.zhengyin.seal.lifecycle.Seal}) still checks every transition, including the four-eyes rule.
 */
public enum ConsoleAction {
    APPROVE(ConsoleRole.APPROVER, false, APPLIED),
    REJECT(ConsoleRole.APPROVER, true, APPLIED),
    ATTACH_IMAGE(ConsoleRole.ADMINISTRATOR, false, APPROVED),
    MAKE(ConsoleRole.ADMINISTRATOR, false, APPROVED),
    ISSUE(ConsoleRole.ADMINISTRATOR, false, MADE),
    SUSPEND(ConsoleRole.ADMINISTRATOR, true, ISSUED),
    REINSTATE(ConsoleRole.ADMINISTRATOR, false, SUSPENDED),
    REVOKE(ConsoleRole.ADMINISTRATOR, true, MADE, ISSUED, SUSPENDED, EXPIRED),
    DESTROY(ConsoleRole.ADMINISTRATOR, false, REVOKED, EXPIRED);

    private final ConsoleRole role;
    private final boolean reasonRequired;
    private final Set<SealState> states;

    ConsoleAction(ConsoleRole role, boolean reasonRequired, SealState... states) {
        this.role = role;
        this.reasonRequired = reasonRequired;
        this.states = Set.of(states);
    }

    public ConsoleRole role() {
        return role;
    }

    /** Whether the domain refuses the action without a reason (the form marks the field required). */
    public boolean reasonRequired() {
        return reasonRequired;
    }

    /** The form value, e.g. {@code approve}, {@code attach-image}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<ConsoleAction> ofValue(String value) {
        return Arrays.stream(values()).filter(a -> a.value().equals(value)).findFirst();
    }

    /** Whether {@code user} may run this action on {@code seal} now: role, state, and not approving their own. */
    public boolean allowedFor(ConsoleUser user, Seal seal, Instant now) {
        return permits(user, seal)
                && states.contains(seal.stateAt(now))
                && !(this == APPROVE && ownApplication(user, seal));
    }

    /**
     * Whether {@code user}'s roles allow the action on {@code seal}: the action's role, or — to report a seal lost
     * (挂失) — being its applicant, who usually holds the seal and is the first to notice it is gone.
     */
    public boolean permits(ConsoleUser user, Seal seal) {
        return user.has(role) || (this == SUSPEND && user.has(ConsoleRole.APPLICANT) && ownApplication(user, seal));
    }

    /**
     * Whether the console asks "are you sure?" first: the actions that cannot be undone (reject, revoke, destroy) or
     * that stop the seal at once (suspend).
     */
    public boolean needsConfirmation() {
        return this == REJECT || this == SUSPEND || this == REVOKE || this == DESTROY;
    }

    /** True if {@code user} applied for the seal: the four-eyes rule forbids them to approve it. */
    public static boolean ownApplication(ConsoleUser user, Seal seal) {
        return seal.applicant().equals(user.actor());
    }

    /** The actions {@code user} may run on {@code seal} now, in lifecycle order. */
    public static List<ConsoleAction> available(ConsoleUser user, Seal seal, Instant now) {
        return Arrays.stream(values())
                .filter(a -> a.allowedFor(user, seal, now))
                .toList();
    }
}
