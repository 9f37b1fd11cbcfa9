package cn.zhengyin.licence.share;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One share (亮证) of a licence: the chosen fields, until when, and the SD-JWT VC presentation that reveals exactly
 * those fields (the other fields' disclosures are never stored).
 *
 * @param id                 unguessable share id (128 random bits, base64url), the path of the public link
 * @param root               the licence's identifier root
 * @param licenceIdentifier  the version shared
 * @param holderCode         the licence's holder code
 * @param createdBy          the sign-in subject of the person who shared it
 * @param fields             the field keys revealed
 * @param credential         the compact SD-JWT ({@code <JWS>~<disclosure>~...~})
 */
public record Share(
        String id,
        String root,
        String licenceIdentifier,
        String holderCode,
        String createdBy,
        List<String> fields,
        Instant createdAt,
        Instant expiresAt,
        Optional<Instant> withdrawnAt,
        String credential) {

    public Share {
        fields = List.copyOf(fields);
    }

    /** Whether the share can be opened at {@code now}. */
    public State stateAt(Instant now) {
        if (withdrawnAt.isPresent()) {
            return State.WITHDRAWN;
        }
        return now.isBefore(expiresAt) ? State.ACTIVE : State.EXPIRED;
    }

    public enum State {
        ACTIVE,
        WITHDRAWN,
        EXPIRED
    }
}
