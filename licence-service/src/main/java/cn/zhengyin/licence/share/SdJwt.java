package cn.zhengyin.licence.share;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SD-JWT wire format (RFC 9901): disclosures {@code BASE64URL(["salt","name",value])}, their SHA-256 digests for
 * {@code _sd}, the compact form {@code <JWS>~<disclosure>~...~} and the ES256 signature forms (DER ↔ JOSE R||S).
 */
public final class SdJwt {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DEC = Base64.getUrlDecoder();

    private SdJwt() {}

    /** One disclosure as sent ({@code encoded}) and read. */
    public record Disclosure(String encoded, String salt, String name, JsonNode value) {
        public String digest() {
            return SdJwt.digest(encoded);
        }
    }

    /**
     * A parsed compact SD-JWT (no key binding JWT).
     *
     * @param signingInput {@code BASE64URL(header).BASE64URL(payload)}
     * @param signature    the JOSE signature (R||S for ES256)
     */
    public record Parsed(
            String jws,
            JsonNode header,
            JsonNode payload,
            String signingInput,
            byte[] signature,
            List<Disclosure> disclosures) {}

    public static String base64Url(byte[] bytes) {
        return B64URL.encodeToString(bytes);
    }

    public static String json(Object value) {
        return base64Url(JSON.writeValueAsBytes(value));
    }

    public static String disclosure(String salt, String name, Object value) {
        return json(List.of(salt, name, value));
    }

    /** {@code BASE64URL(SHA-256(ASCII(disclosure)))} (RFC 9901 §4.2.3). */
    public static String digest(String encodedDisclosure) {
        try {
            return base64Url(
                    MessageDigest.getInstance("SHA-256").digest(encodedDisclosure.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses {@code <JWS>~<d1>~...~<dn>~} (a trailing key binding JWT is refused: shares carry none). */
    public static Parsed parse(String compact) {
        String text = compact.strip();
        if (!text.endsWith("~")) {
            throw new InvalidCredentialException("an SD-JWT without key binding ends with '~'");
        }
        String[] parts = text.split("~", -1);
        String jws = parts[0];
        String[] jwsParts = jws.split("\\.", -1);
        if (jwsParts.length != 3) {
            throw new InvalidCredentialException("the issuer-signed JWT has " + jwsParts.length + " parts, not 3");
        }
        JsonNode header = readObject(jwsParts[0], "JWT header");
        JsonNode payload = readObject(jwsParts[1], "JWT payload");
        byte[] signature = decode(jwsParts[2], "signature");
        List<Disclosure> disclosures = new ArrayList<>();
        for (int i = 1; i < parts.length - 1; i++) {
            JsonNode array = readJson(parts[i], "disclosure " + i);
            if (!array.isArray()
                    || array.size() != 3
                    || !array.get(0).isString()
                    || !array.get(1).isString()) {
                throw new InvalidCredentialException("disclosure " + i + " is not [salt, name, value]");
            }
            disclosures.add(new Disclosure(
                    parts[i], array.get(0).asString(), array.get(1).asString(), array.get(2)));
        }
        return new Parsed(jws, header, payload, jwsParts[0] + "." + jwsParts[1], signature, List.copyOf(disclosures));
    }

    /** The certificates of the JWS header's {@code x5c} (standard base64 DER, RFC 7515 §4.1.6). */
    public static List<X509Certificate> x5c(JsonNode header) {
        List<X509Certificate> chain = new ArrayList<>();
        JsonNode x5c = header.path("x5c");
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (JsonNode c : x5c) {
                chain.add((X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(Base64.getDecoder().decode(c.asString()))));
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new InvalidCredentialException("the x5c header has an unreadable certificate: " + e.getMessage());
        }
        return chain;
    }

    /** JOSE {@code R||S} → DER, for the JCA verifier. */
    public static byte[] joseToDer(byte[] jose) {
        if (jose.length != 64) {
            throw new InvalidCredentialException("an ES256 signature has 64 bytes, this one " + jose.length);
        }
        try {
            return new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                        new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(jose, 0, 32))),
                        new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(jose, 32, 64)))
                    })
                    .getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readObject(String part, String what) {
        JsonNode node = readJson(part, what);
        if (!node.isObject()) {
            throw new InvalidCredentialException("the " + what + " is not a JSON object");
        }
        return node;
    }

    private static JsonNode readJson(String part, String what) {
        try {
            return JSON.readTree(decode(part, what));
        } catch (tools.jackson.core.JacksonException e) {
            throw new InvalidCredentialException("the " + what + " is not valid JSON"
                    + (e.getLocation() == null || e.getLocation().getColumnNr() < 1
                            ? ""
                            : " (column " + e.getLocation().getColumnNr() + ")"));
        }
    }

    private static byte[] decode(String part, String what) {
        try {
            return B64URL_DEC.decode(part);
        } catch (IllegalArgumentException e) {
            throw new InvalidCredentialException("the " + what + " is not base64url");
        }
    }
}
