package cn.zhengyin.licence.fieldreuse;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A holder's consent (授权用证): the third party {@code clientId} may read {@code fields} of the licence
 * {@code licenceRoot} (all its versions) for {@code purpose} until {@code until}, unless withdrawn.
 *
 * @param id          random identifier, shown to the holder and cited in every release it allows
 * @param licenceRoot identifier root (type.issuer.serial)
 * @param holderCode  the licence's holder code (a person's or a company's)
 * @param grantedBy   personal code of the signed-in person who granted it
 * @param fields      field keys of the licence type's schema
 */
public record Consent(
        String id,
        String licenceRoot,
        String typeCode,
        String holderCode,
        String grantedBy,
        String clientId,
        List<String> fields,
        String purpose,
        Instant grantedAt,
        Instant until,
        Optional<Instant> withdrawnAt) {

    public Consent {
        fields = List.copyOf(fields);
    }

    public enum State {
        ACTIVE,
        EXPIRED,
        WITHDRAWN
    }

    public State stateAt(Instant time) {
        if (withdrawnAt.isPresent()) {
            return State.WITHDRAWN;
        }
        return time.isBefore(until) ? State.ACTIVE : State.EXPIRED;
    }
}
