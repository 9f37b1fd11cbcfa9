package cn.zhengyin.seal.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a JWS signing input must look like before a seal signs it: {@code BASE64URL(header) '.' BASE64URL(payload)}
 * without padding, a header with {@code "alg":"ES256"} and an accepted {@code typ}, no {@code crit}, and a JSON
 * object payload.
 */
final class JwsSigningInputPolicy {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JwsSigningInputPolicy() {}

    /** @return the header's {@code typ}; throws {@link SignedInfoRejectedException} with the rule broken */
    static String inspect(byte[] signingInput) {
        if (signingInput.length > SealSigningService.MAX_JWS_SIGNING_INPUT_BYTES) {
            throw reject("the signing input has " + signingInput.length + " bytes; at most "
                    + SealSigningService.MAX_JWS_SIGNING_INPUT_BYTES + " are accepted");
        }
        String input = new String(signingInput, StandardCharsets.US_ASCII);
        String[] parts = input.split("\\.", -1);
        if (parts.length != 2) {
            throw reject(
                    "a JWS signing input is BASE64URL(header).BASE64URL(payload); found " + parts.length + " parts");
        }
        JsonNode header = object("header", parts[0]);
        object("payload", parts[1]);
        String alg = header.path("alg").asString("");
        if (!"ES256".equals(alg)) {
            throw reject("the header's alg is '" + alg + "'; seals sign JWS with ES256 only");
        }
        String typ = header.path("typ").asString("");
        if (!SealSigningService.JWS_TYPES.contains(typ)) {
            throw reject("the header's typ is '" + typ + "'; accepted: " + SealSigningService.JWS_TYPES);
        }
        if (header.has("crit")) {
            throw reject("the header has crit; no critical extensions are accepted");
        }
        return typ;
    }

    private static JsonNode object(String what, String part) {
        if (!part.matches("[A-Za-z0-9_-]+")) {
            throw reject("the " + what + " is not unpadded base64url");
        }
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(part));
            if (node == null || !node.isObject()) {
                throw reject("the " + what + " is not a JSON object");
            }
            return node;
        } catch (JacksonException | IllegalArgumentException e) {
            throw reject("the " + what + " is not valid base64url JSON: " + e.getMessage());
        }
    }

    private static SignedInfoRejectedException reject(String why) {
        return new SignedInfoRejectedException(why);
    }
}
