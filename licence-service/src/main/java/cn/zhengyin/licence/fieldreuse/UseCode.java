package cn.zhengyin.licence.fieldreuse;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A one-time use code (用证码) the holder gave: whoever redeems it first (or only {@code clientId}, if the holder named
 * one) receives {@code fields} of the licence once. Only the code's SHA-256 is stored.
 *
 * @param codeHash lower-case hex SHA-256 of the code's text
 */
public record UseCode(
        String codeHash,
        String licenceRoot,
        String typeCode,
        String holderCode,
        String createdBy,
        Optional<String> clientId,
        List<String> fields,
        String purpose,
        Instant createdAt,
        Instant expiresAt,
        Optional<Instant> redeemedAt,
        Optional<String> redeemedBy) {

    public UseCode {
        fields = List.copyOf(fields);
    }
}
