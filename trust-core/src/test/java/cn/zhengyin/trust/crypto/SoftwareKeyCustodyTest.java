package cn.zhengyin.trust.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoftwareKeyCustodyTest {

    final TestPki pki = TestPki.create(Instant.parse("2026-11-21T08:00:00Z"));

    @Test
    void loadsPkcs12AndSignsVerifiablyWithEcdsaP256(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("signer.p12");
        Files.write(file, pki.signerPkcs12());
        SigningKey key = SoftwareKeyCustody.loadPkcs12("seal-1", file, TestPki.PKCS12_PASSWORD, "signer");
        KeyCustody custody = new SoftwareKeyCustody(List.of(key));

        SigningKey loaded = custody.signingKey("seal-1");
        byte[] data = "to be signed".getBytes(StandardCharsets.US_ASCII);
        byte[] signature = loaded.sign(data);

        assertThat(loaded.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
        assertThat(loaded.certificateChain()).containsExactly(pki.signerCertificate(), pki.issuingCa(), pki.root());
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(pki.signerCertificate().getPublicKey());
        verifier.update(data);
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void unknownKeyIdIsKeyNotFound() {
        KeyCustody custody = new SoftwareKeyCustody(List.of(pki.signerKey()));
        assertThatThrownBy(() -> custody.signingKey("nope"))
                .isInstanceOf(KeyNotFoundException.class)
                .isInstanceOf(cn.zhengyin.trust.TrustException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void wrongPasswordOrAliasFailsClearly() {
        byte[] p12 = pki.signerPkcs12();
        assertThatThrownBy(() -> SoftwareKeyCustody.loadPkcs12("k", p12, "wrong".toCharArray(), "signer"))
                .isInstanceOf(KeyCustodyException.class);
        assertThatThrownBy(() -> SoftwareKeyCustody.loadPkcs12("k", p12, TestPki.PKCS12_PASSWORD, "other"))
                .isInstanceOf(KeyCustodyException.class)
                .hasMessageContaining("other");
    }

    @Test
    void keyMaterialNeverAppearsInToString() {
        SigningKey key = pki.signerKey();
        assertThat(key.toString())
                .matches(
                        "SoftwareSigningKey\\[keyId=test-signer, algorithm=ECDSA_P256_SHA256, subject=[^\\]]*CN=Test Seal\\]");
    }

    @Test
    void keyThatDoesNotMatchItsCertificateIsRefused() throws Exception {
        var generator = java.security.KeyPairGenerator.getInstance("EC", Providers.bouncyCastle());
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        var strangerKey = generator.generateKeyPair().getPrivate();
        assertThatThrownBy(() -> SoftwareKeyCustody.fromKey("k", strangerKey, List.of(pki.signerCertificate())))
                .isInstanceOf(KeyCustodyException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void providersRegistersBouncyCastleOnce() {
        assertThat(Providers.bouncyCastle()).isSameAs(Providers.bouncyCastle());
    }
}
