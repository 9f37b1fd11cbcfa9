package cn.zhengyin.licence.share;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.licence.sealing.JwsSigner;
import cn.zhengyin.trust.testing.TestPki;
import cn.zhengyin.trust.validation.CertificateChainValidator;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.RevocationSource;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

class ShareVerifierTest {
    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    private final KeyPair key = ecKey();
    private final X509Certificate certificate = selfSigned(key);

    @Test
    void aCredentialWithTheChosenDisclosuresPassesAndShowsOnlyThem() {
        String compact = credential(
                Map.of("name", "甲公司", "uscc", "91990100MA00XF8K1E", "address", "某路1号"),
                List.of("name", "uscc"),
                NOW.plusSeconds(3600));
        ShareVerifier.Verdict verdict = verifier(0).verify(compact);
        assertThat(verdict.indication()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(verdict.disclosed()).containsOnlyKeys("name", "uscc").containsEntry("name", "甲公司");
    }

    @Test
    void aForeignDisclosureAddedToTheCredentialFails() {
        String compact = credential(Map.of("name", "甲公司", "address", "某路1号"), List.of("name"), NOW.plusSeconds(3600));
        String forged = compact + SdJwt.disclosure("salt", "address", "伪造路9号") + "~";
        ShareVerifier.Verdict verdict = verifier(0).verify(forged);
        assertThat(verdict.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(verdict.checks()).anySatisfy(c -> assertThat(c.message()).contains("not among the signed digests"));
    }

    @Test
    void anAlteredPayloadExpiryOrRevokedStatusFails() {
        String compact = credential(Map.of("name", "甲公司"), List.of("name"), NOW.plusSeconds(3600));
        String[] parts = compact.split("\\.", 3);
        String otherPayload = SdJwt.json(Map.of("vct", "x", "_sd_alg", "sha-256", "_sd", List.of()));
        assertThat(verifier(0)
                        .verify(parts[0] + "." + otherPayload + "." + parts[2])
                        .indication())
                .isEqualTo(Indication.TOTAL_FAILED);
        assertThat(verifier(1).verify(compact).indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(verifier(2).verify(compact).indication()).isEqualTo(Indication.INDETERMINATE);
        String expired = credential(Map.of("name", "甲公司"), List.of("name"), NOW.minusSeconds(1));
        assertThat(verifier(0).verify(expired).indication()).isEqualTo(Indication.TOTAL_FAILED);
    }

    @Test
    void derAndJoseSignatureFormsRoundTrip() throws Exception {
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key.getPrivate());
        signer.update(new byte[] {1, 2, 3});
        byte[] der = signer.sign();
        byte[] jose = JwsSigner.derToJose(der);
        assertThat(jose).hasSize(64);
        assertThat(SdJwt.joseToDer(jose)).isEqualTo(der);
    }

    private ShareVerifier verifier(int status) {
        return new ShareVerifier(
                new CertificateChainValidator(Set.of(certificate), List.of()),
                (uri, idx) -> uri.equals("https://zy.example/s/abc/status") ? Optional.of(status) : Optional.empty(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private String credential(Map<String, String> fields, List<String> chosen, Instant exp) {
        return credential(fields, chosen, exp, key.getPrivate(), List.of(certificate));
    }

    private static String credential(
            Map<String, String> fields,
            List<String> chosen,
            Instant exp,
            java.security.PrivateKey signingKey,
            List<X509Certificate> x5c) {
        StringBuilder disclosures = new StringBuilder();
        List<String> digests = new java.util.ArrayList<>();
        fields.forEach((k, v) -> {
            String d = SdJwt.disclosure("salt-" + k, k, v);
            digests.add(SdJwt.digest(d));
            if (chosen.contains(k)) {
                disclosures.append(d).append('~');
            }
        });
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("iss", "https://zy.example");
        payload.put("iat", NOW.getEpochSecond() - 60);
        payload.put("exp", exp.getEpochSecond());
        payload.put("vct", ShareService.VCT_PREFIX + "11100000XF0000001X001");
        payload.put("status", Map.of("status_list", Map.of("idx", 0, "uri", "https://zy.example/s/abc/status")));
        payload.put("_sd_alg", "sha-256");
        payload.put("_sd", digests);
        try {
            String input = SdJwt.json(Map.of(
                            "alg",
                            "ES256",
                            "typ",
                            "dc+sd-jwt",
                            "x5c",
                            x5c.stream().map(ShareVerifierTest::base64).toList()))
                    + "." + SdJwt.json(payload);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(signingKey);
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + SdJwt.base64Url(JwsSigner.derToJose(signer.sign())) + "~" + disclosures;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(X509Certificate c) {
        try {
            return Base64.getEncoder().encodeToString(c.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * #20: the seal certificate of a shared credential is checked for revocation like any signature's, fail closed:
     * a revoked seal certificate fails the credential, an unknown status leaves it indeterminate.
     */
    @Test
    void theSealCertificatesRevocationIsCheckedAndUnknownStatusNeverPasses() {
        TestPki pki = TestPki.create(NOW);
        String compact = credential(
                Map.of("name", "甲公司"),
                List.of("name"),
                NOW.plusSeconds(3600),
                pki.signerPrivateKey(),
                List.of(pki.signerCertificate(), pki.issuingCa()));
        java.util.function.Function<Map<BigInteger, Instant>, RevocationSource> crls = revoked -> issued -> {
            try {
                if (issued.equals(pki.signerCertificate())) {
                    return Optional.of(pki.issuingCaCrl(revoked).getEncoded());
                }
                return issued.equals(pki.issuingCa())
                        ? Optional.of(pki.rootCrl().getEncoded())
                        : Optional.empty();
            } catch (java.security.cert.CRLException e) {
                throw new IllegalStateException(e);
            }
        };
        java.util.function.Function<RevocationSource, ShareVerifier> verifier = source -> new ShareVerifier(
                Set.of(pki.root()), source, (uri, idx) -> Optional.of(0), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(verifier.apply(crls.apply(Map.of())).verify(compact).indication())
                .isEqualTo(Indication.TOTAL_PASSED);
        ShareVerifier.Verdict revoked = verifier.apply(
                        crls.apply(Map.of(pki.signerCertificate().getSerialNumber(), NOW.minusSeconds(60))))
                .verify(compact);
        assertThat(revoked.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(revoked.checks())
                .anySatisfy(c -> assertThat(c.id()).isEqualTo(CertificateChainValidator.REVOCATION));
        assertThat(verifier.apply(issued -> Optional.empty()).verify(compact).indication())
                .isEqualTo(Indication.INDETERMINATE);
    }

    private static KeyPair ecKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate selfSigned(KeyPair key) {
        try {
            X500Name name = new X500Name("CN=Test Seal");
            var builder = new JcaX509v3CertificateBuilder(
                            name,
                            BigInteger.ONE,
                            Date.from(NOW.minusSeconds(86400)),
                            Date.from(NOW.plusSeconds(86400 * 365L)),
                            name,
                            key.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
