package cn.zhengyin.licence.fieldreuse.internal;

import cn.zhengyin.licence.fieldreuse.ReleaseSigner;
import cn.zhengyin.trust.crypto.SignatureAlgorithm;
import cn.zhengyin.trust.crypto.SigningKey;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Signs field releases as JWS compact serialisations: {@code alg} ES256 (RFC 7518 §3.4), {@code typ}
 * {@value #TYPE}, {@code x5c} the signing certificate chain (RFC 7515 §4.1.6) so a relying party can check the key
 * against the dev/production trust anchor, {@code kid} the key's custody id. The private key stays in custody: the
 * JWS signing input is signed by {@link SigningKey#sign} (SHA256withECDSA, DER) and transcoded to the fixed-length
 * R||S form JWS needs.
 */
public final class JoseReleaseSigner implements ReleaseSigner {
    public static final String TYPE = "zhengyin-field-release+jwt";
    private final SigningKey key;
    private final List<Base64> x5c;

    public JoseReleaseSigner(SigningKey key) {
        if (key.algorithm() != SignatureAlgorithm.ECDSA_P256_SHA256) {
            throw new IllegalArgumentException(
                    "field releases are signed with ES256; the key " + key.keyId() + " is " + key.algorithm());
        }
        this.key = key;
        List<Base64> chain = new ArrayList<>();
        for (X509Certificate c : key.certificateChain()) {
            try {
                chain.add(Base64.encode(c.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("unencodable certificate " + c.getSubjectX500Principal(), e);
            }
        }
        this.x5c = List.copyOf(chain);
    }

    @Override
    public String sign(Map<String, Object> claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType(TYPE))
                .keyID(key.keyId())
                .x509CertChain(x5c)
                .build();
        JWSObject jws = new JWSObject(header, new Payload(claims));
        try {
            jws.sign(new CustodySigner());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the field release: " + e.getMessage(), e);
        }
        return jws.serialize();
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return key.certificateChain();
    }

    private final class CustodySigner implements JWSSigner {
        private final JCAContext context = new JCAContext();

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            byte[] der = key.sign(signingInput);
            return Base64URL.encode(ECDSA.transcodeSignatureToConcat(der, 64));
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.ES256);
        }

        @Override
        public JCAContext getJCAContext() {
            return context;
        }
    }
}
