package cn.zhengyin.seal.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a JWS signing input must look like before a seal signs it: {@code BASE64URL(header) '.' BASE64URL(payload)}
 * without padding, a header with {@code "alg":"ES256"} and an accepted {@code typ}, no {@code crit}, and a JSON
 * object payload of the kind the {@code typ} names:
 *
 * <ul>
 *   <li>an SD-JWT VC of a licence ({@code dc+sd-jwt}, {@code vc+sd-jwt}): a string {@code vct} (the licence type)
 *       and a string {@code issuer_code} (the issuing authority's USCC), no {@code status_list};</li>
 *   <li>a Token Status List token ({@code statuslist+jwt}): a string {@code sub} and a {@code status_list} object
 *       with {@code bits} 1, 2, 4 or 8 and a string {@code lst}; no {@code vct} and no {@code _sd}.</li>
 * </ul>
 *
 * Whether the payload's issuer and type are the seal's and the request's is checked by {@link SealSigningService}.
 */
final class JwsSigningInputPolicy {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String STATUS_LIST_TYPE = "statuslist+jwt";

    private JwsSigningInputPolicy() {}

    /** The header's {@code typ} and the payload of an acceptable signing input. */
    record Inspected(String typ, JsonNode payload) {
        boolean statusList() {
            return STATUS_LIST_TYPE.equals(typ);
        }
    }

    /** @return the header's {@code typ} and the payload; throws {@link SignedInfoRejectedException} with the rule broken */
    static Inspected inspect(byte[] signingInput) {
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
        JsonNode payload = object("payload", parts[1]);
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
        Inspected inspected = new Inspected(typ, payload);
        if (inspected.statusList()) {
            requireStatusList(payload);
        } else {
            requireCredential(typ, payload);
        }
        return inspected;
    }

    private static void requireCredential(String typ, JsonNode payload) {
        for (String claim : new String[] {"vct", "issuer_code"}) {
            if (!payload.path(claim).isString()
                    || payload.path(claim).asString().isBlank()) {
                throw reject("a " + typ + " payload is an SD-JWT VC of a licence and needs the string claim '" + claim
                        + "' (vct = the licence type, issuer_code = the issuing authority's USCC)");
            }
        }
        if (payload.has("status_list")) {
            throw reject("a " + typ + " payload is a credential, not a status list: it must not have status_list");
        }
    }

    private static void requireStatusList(JsonNode payload) {
        if (!payload.path("sub").isString()) {
            throw reject("a statuslist+jwt payload needs the string claim 'sub' (the status list's URI)");
        }
        JsonNode list = payload.path("status_list");
        int bits = list.path("bits").isIntegralNumber() ? list.path("bits").asInt() : 0;
        if (!list.isObject()
                || !(bits == 1 || bits == 2 || bits == 4 || bits == 8)
                || !list.path("lst").isString()) {
            throw reject("a statuslist+jwt payload needs a status_list object with bits 1, 2, 4 or 8 and a string lst");
        }
        for (String claim : new String[] {"vct", "_sd"}) {
            if (payload.has(claim)) {
                throw reject("a statuslist+jwt payload is a status list, not a credential: it must not have " + claim);
            }
        }
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
        } catch (IllegalArgumentException e) {
            throw reject("the " + what + " is not valid base64url");
        } catch (JacksonException e) {
            // where the parser stopped, not its message, which names its internals (review #14, finding 9)
            throw reject("the " + what + " is not valid JSON"
                    + (e.getLocation() == null || e.getLocation().getLineNr() < 1
                            ? ""
                            : " (line " + e.getLocation().getLineNr() + ", column "
                                    + e.getLocation().getColumnNr() + ")"));
        }
    }

    private static SignedInfoRejectedException reject(String why) {
        return new SignedInfoRejectedException(why);
    }
}
