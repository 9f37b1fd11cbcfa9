package cn.zhengyin.licence.issuance;

import java.util.Map;
import java.util.Optional;

/**
 * A request to issue a licence.
 *
 * @param client         the authenticated approval system (OAuth2 client id)
 * @param licenceType    type code (21 characters) or the template's slug
 * @param caseNumber     approval case number (办件编号)
 * @param fields         submitted field values as JSON carries them (String or Number)
 * @param idempotencyKey the client's {@code Idempotency-Key}, if it sent one
 */
public record IssueLicenceCommand(
        String client,
        String licenceType,
        String caseNumber,
        Map<String, Object> fields,
        Optional<String> idempotencyKey) {}
