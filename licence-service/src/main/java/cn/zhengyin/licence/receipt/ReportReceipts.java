package cn.zhengyin.licence.receipt;

import cn.zhengyin.trust.crypto.SignatureAlgorithm;
import cn.zhengyin.trust.crypto.SigningKey;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Signs reports as compact JWS receipts (RFC 7515) with the report-signing key, through key custody (the private key
 * never leaves it; the DER ECDSA value is transcoded to the JWS R||S form).
 *
 * <p>Header: {@code alg ES256}, {@code typ} {@value #TYPE}, {@code kid} (the RFC 7638 thumbprint of the key),
 * {@code x5c} (the report-signing certificate and its issuers). Payload (JSON): {@code iss}, {@code iat} (seconds),
 * {@code jti}, {@code kind} ({@value #KIND_VERIFICATION} or {@value #KIND_STATUS}) and {@code report}, exactly the
 * JSON the endpoint answers besides {@code receipt}. Thread-safe.
 */
public final class ReportReceipts {
    public static final String TYPE = "zhengyin-verification-report+jwt";
    public static final String KIND_VERIFICATION = "licence-verification";
    public static final String KIND_STATUS = "licence-status";

    private final SigningKey key;
    private final JsonMapper json;
    private final Clock clock;
    private final String issuer;
    private final JWSHeader header;
    private final ECKey publicJwk;

    /**
     * @param key    the report-signing key (ECDSA P-256); its certificate chain goes into {@code x5c}
     * @param json   the mapper the HTTP answers are written with, so {@code report} matches them
     * @param issuer the {@code iss} claim, e.g. the service's public base URL
     */
    public ReportReceipts(SigningKey key, JsonMapper json, Clock clock, String issuer) {
        if (key.algorithm() != SignatureAlgorithm.ECDSA_P256_SHA256) {
            throw new IllegalArgumentException(
                    "the report-signing key must be ECDSA P-256 (ES256); it is " + key.algorithm());
        }
        this.key = key;
        this.json = json;
        this.clock = clock;
        this.issuer = issuer;
        List<X509Certificate> chain = key.certificateChain();
        List<Base64> x5c = new ArrayList<>();
        try {
            for (X509Certificate certificate : chain) {
                x5c.add(Base64.encode(certificate.getEncoded()));
            }
            ECKey jwk = new ECKey.Builder(
                            Curve.P_256, (ECPublicKey) chain.getFirst().getPublicKey())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .x509CertChain(x5c)
                    .build();
            this.publicJwk = new ECKey.Builder(jwk).keyIDFromThumbprint().build();
        } catch (CertificateEncodingException | JOSEException e) {
            throw new IllegalStateException("cannot encode the report-signing certificate chain: " + e.getMessage(), e);
        }
        this.header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType(TYPE))
                .keyID(publicJwk.getKeyID())
                .x509CertChain(x5c)
                .build();
    }

    /** @return the compact JWS of {@code report} */
    public String sign(String kind, Object report) {
        ObjectNode payload = json.createObjectNode();
        payload.put("iss", issuer);
        payload.put("iat", clock.instant().getEpochSecond());
        payload.put("jti", UUID.randomUUID().toString());
        payload.put("kind", kind);
        payload.set("report", json.valueToTree(report));
        String signingInput = header.toBase64URL() + "." + Base64URL.encode(json.writeValueAsBytes(payload));
        try {
            byte[] concat = ECDSA.transcodeSignatureToConcat(
                    key.sign(signingInput.getBytes(StandardCharsets.US_ASCII)),
                    ECDSA.getSignatureByteArrayLength(JWSAlgorithm.ES256));
            return signingInput + "." + Base64URL.encode(concat);
        } catch (JOSEException e) {
            throw new IllegalStateException(
                    "the report-signing key returned an unusable ECDSA signature: " + e.getMessage(), e);
        }
    }

    /** @return the public JWKS ({@code keys}: the report-signing key with {@code kid}, {@code x5c}) */
    public Map<String, Object> jwks() {
        return new JWKSet(publicJwk).toJSONObject(true);
    }

    public String keyId() {
        return publicJwk.getKeyID();
    }
}
