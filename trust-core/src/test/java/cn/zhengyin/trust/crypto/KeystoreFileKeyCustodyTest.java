package cn.zhengyin.trust.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.pki.CertificateIssuer;
import cn.zhengyin.trust.pki.CertificateProfile;
import cn.zhengyin.trust.pki.Credential;
import cn.zhengyin.trust.pki.KeyAlgorithm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeystoreFileKeyCustodyTest extends KeyCustodyContractTest {
    static final char[] PASSWORD = "test-keystore".toCharArray();
    final Clock clock = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);
    final CertificateIssuer issuer = new CertificateIssuer(clock);

    @TempDir
    Path contractDir;

    @Override
    protected KeyCustody custody() {
        return KeystoreFileKeyCustody.open(contractDir.resolve("contract.p12"), PASSWORD, clock);
    }

    @Override
    protected KeyCustody reopened() {
        return KeystoreFileKeyCustody.open(contractDir.resolve("contract.p12"), PASSWORD, clock);
    }

    @BeforeAll
    static void provider() {
        Providers.bouncyCastle();
    }

    private List<X509Certificate> certify(GeneratedKey key, KeyAlgorithm algorithm) {
        Credential ca = issuer.issueRoot(
                "test-ca",
                new CertificateProfile.RootCa("Test CA", "Test"),
                algorithm.generateKeyPair(new SecureRandom()),
                Period.ofYears(5));
        X509Certificate certificate = issuer.issue(
                new CertificateProfile.SealSigning("测试章", "测试单位", "11110100000000019Q", "S-TEST"),
                key.publicKey(),
                Period.ofYears(1),
                ca);
        return List.of(certificate, ca.certificate());
    }

    private static boolean verifies(SigningKey key, X509Certificate certificate) throws Exception {
        byte[] data = "seal me".getBytes(StandardCharsets.UTF_8);
        Signature verifier = Signature.getInstance(key.algorithm().jcaName(), Providers.bouncyCastle());
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(data);
        return verifier.verify(key.sign(data));
    }

    @Test
    void generatedKeysSignAfterCertificationAndSurviveReopening(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys/keys.p12");
        KeystoreFileKeyCustody custody = KeystoreFileKeyCustody.open(file, PASSWORD, clock);
        GeneratedKey ecdsa = custody.generate("seal-s-1-ecdsa", SignatureAlgorithm.ECDSA_P256_SHA256);
        GeneratedKey sm2 = custody.generate("seal-s-1-sm2", SignatureAlgorithm.SM2_SM3);

        assertThatThrownBy(() -> custody.signingKey("seal-s-1-ecdsa"))
                .isInstanceOf(KeyCustodyException.class)
                .hasMessageContaining("has no certificate yet");
        List<X509Certificate> ecdsaChain = certify(ecdsa, KeyAlgorithm.ECDSA_P256);
        List<X509Certificate> sm2Chain = certify(sm2, KeyAlgorithm.SM2);
        custody.attachCertificateChain("seal-s-1-ecdsa", ecdsaChain);
        custody.attachCertificateChain("seal-s-1-sm2", sm2Chain);
        assertThat(Files.isRegularFile(file)).isTrue();

        KeystoreFileKeyCustody reopened = KeystoreFileKeyCustody.open(file, PASSWORD, clock);
        assertThat(reopened.find("seal-s-1-sm2")).hasValueSatisfying(k -> {
            assertThat(k.algorithm()).isEqualTo(SignatureAlgorithm.SM2_SM3);
            assertThat(k.publicKey().getEncoded()).isEqualTo(sm2.publicKey().getEncoded());
        });
        assertThat(reopened.signingKey("seal-s-1-ecdsa").certificateChain()).isEqualTo(ecdsaChain);
        assertThat(verifies(reopened.signingKey("seal-s-1-ecdsa"), ecdsaChain.getFirst()))
                .isTrue();
        assertThat(verifies(reopened.signingKey("seal-s-1-sm2"), sm2Chain.getFirst()))
                .isTrue();
        assertThat(reopened.signingKey("seal-s-1-sm2").toString()).doesNotContainIgnoringCase("private");
    }

    @Test
    void uncertifiedKeyIsFoundAfterReopeningButCannotSign(@TempDir Path dir) {
        Path file = dir.resolve("keys.p12");
        GeneratedKey key = KeystoreFileKeyCustody.open(file, PASSWORD, clock)
                .generate("pending", SignatureAlgorithm.ECDSA_P256_SHA256);
        KeystoreFileKeyCustody reopened = KeystoreFileKeyCustody.open(file, PASSWORD, clock);
        assertThat(reopened.find("pending"))
                .hasValueSatisfying(k -> assertThat(k.publicKey().getEncoded())
                        .isEqualTo(key.publicKey().getEncoded()));
        assertThatThrownBy(() -> reopened.signingKey("pending")).hasMessageContaining("has no certificate yet");
    }

    @Test
    void destroyedKeyIsGoneForEverAndDestroyIsIdempotent(@TempDir Path dir) {
        Path file = dir.resolve("keys.p12");
        KeystoreFileKeyCustody custody = KeystoreFileKeyCustody.open(file, PASSWORD, clock);
        GeneratedKey key = custody.generate("doomed", SignatureAlgorithm.ECDSA_P256_SHA256);
        custody.attachCertificateChain("doomed", certify(key, KeyAlgorithm.ECDSA_P256));
        custody.generate("kept", SignatureAlgorithm.ECDSA_P256_SHA256);

        assertThat(custody.destroy("doomed")).isTrue();
        assertThat(custody.destroy("doomed")).isFalse();
        assertThatThrownBy(() -> custody.signingKey("doomed")).isInstanceOf(KeyNotFoundException.class);
        KeystoreFileKeyCustody reopened = KeystoreFileKeyCustody.open(file, PASSWORD, clock);
        assertThat(reopened.find("doomed")).isEmpty();
        assertThat(reopened.find("kept")).isPresent();
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("keys.p12");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void refusesTakenIdsForeignCertificatesAndBadIds(@TempDir Path dir) {
        KeystoreFileKeyCustody custody = KeystoreFileKeyCustody.open(dir.resolve("keys.p12"), PASSWORD, clock);
        custody.generate("a", SignatureAlgorithm.ECDSA_P256_SHA256);
        GeneratedKey other = custody.generate("b", SignatureAlgorithm.ECDSA_P256_SHA256);
        assertThatThrownBy(() -> custody.generate("a", SignatureAlgorithm.SM2_SM3))
                .hasMessageContaining("already taken");
        assertThatThrownBy(() -> custody.attachCertificateChain("a", certify(other, KeyAlgorithm.ECDSA_P256)))
                .hasMessageContaining("does not certify key 'a'");
        assertThatThrownBy(() -> custody.generate("Upper/Case", SignatureAlgorithm.SM2_SM3))
                .hasMessageContaining("not allowed");
    }

    @Test
    void wrongPasswordIsAClearError(@TempDir Path dir) {
        Path file = dir.resolve("keys.p12");
        KeystoreFileKeyCustody.open(file, PASSWORD, clock).generate("a", SignatureAlgorithm.ECDSA_P256_SHA256);
        assertThatThrownBy(() -> KeystoreFileKeyCustody.open(file, "wrong".toCharArray(), clock))
                .isInstanceOf(KeyCustodyException.class)
                .hasMessageContaining("wrong password");
    }

    @Test
    void preProvisionedCustodyRefusesToGenerate() {
        KeyCustody custody = new SoftwareKeyCustody(List.of());
        assertThatThrownBy(() -> custody.generate("x", SignatureAlgorithm.SM2_SM3))
                .isInstanceOf(KeyCustodyException.class)
                .hasMessageContaining("cannot generate");
        assertThat(custody.find("x")).isEmpty();
    }
}
