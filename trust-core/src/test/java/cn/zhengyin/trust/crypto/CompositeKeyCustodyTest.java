package cn.zhengyin.trust.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.pki.CertificateIssuer;
import cn.zhengyin.trust.pki.CertificateProfile;
import cn.zhengyin.trust.pki.Credential;
import cn.zhengyin.trust.pki.KeyAlgorithm;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The custodies the seal service composes from others: {@link AlgorithmRoutingKeyCustody} (ECDSA keys in one custody,
 * SM2 keys in another) and {@link ProvisionedKeyCustody} (keys made beforehand in front of a generating custody). Both
 * keep the {@link KeyCustodyContractTest contract} of the custody they front.
 */
class CompositeKeyCustodyTest {
    static final char[] PASSWORD = "test-keystore".toCharArray();

    static KeystoreFileKeyCustody keystore(Path dir, String name) {
        return KeystoreFileKeyCustody.open(dir.resolve(name + ".p12"), PASSWORD, KeyCustodyContractTest.CLOCK);
    }

    static List<X509Certificate> chainFor(GeneratedKey key, KeyAlgorithm algorithm) {
        CertificateIssuer issuer = new CertificateIssuer(KeyCustodyContractTest.CLOCK);
        Credential ca = issuer.issueRoot(
                "test-ca",
                new CertificateProfile.RootCa("Test CA", "Test"),
                algorithm.generateKeyPair(new SecureRandom()),
                Period.ofYears(5));
        return List.of(
                issuer.issue(
                        new CertificateProfile.SealSigning("测试章", "测试单位", "11110100000000019Q", "S-TEST"),
                        key.publicKey(),
                        Period.ofYears(1),
                        ca),
                ca.certificate());
    }

    @Nested
    class AlgorithmRouting extends KeyCustodyContractTest {
        @TempDir
        Path dir;

        KeystoreFileKeyCustody ecdsa;
        KeystoreFileKeyCustody sm2;

        @Override
        protected KeyCustody custody() {
            ecdsa = keystore(dir, "ecdsa");
            sm2 = keystore(dir, "sm2");
            return new AlgorithmRoutingKeyCustody(ecdsa, sm2);
        }

        @Test
        void sm2KeysGoToTheSm2CustodyAndAreFoundThroughTheRouter() {
            GeneratedKey key = custody.generate("sm2-seal", SignatureAlgorithm.SM2_SM3);
            custody.attachCertificateChain("sm2-seal", chainFor(key, KeyAlgorithm.SM2));

            assertThat(sm2.find("sm2-seal")).isPresent();
            assertThat(ecdsa.find("sm2-seal")).isEmpty();
            assertThat(custody.signingKey("sm2-seal").algorithm()).isEqualTo(SignatureAlgorithm.SM2_SM3);
            assertThat(custody.destroy("sm2-seal")).isTrue();
            assertThat(sm2.find("sm2-seal")).isEmpty();
        }

        @Test
        void attachingToAnUnknownKeyNamesIt() {
            assertThatThrownBy(() -> custody.attachCertificateChain("nobody", List.of()))
                    .isInstanceOf(KeyNotFoundException.class)
                    .hasMessageContaining("nobody");
        }
    }

    @Nested
    class Provisioned extends KeyCustodyContractTest {
        @TempDir
        Path dir;

        SigningKey premade;

        @Override
        protected KeyCustody custody() {
            KeystoreFileKeyCustody beforehand = keystore(dir, "beforehand");
            GeneratedKey key = beforehand.generate("dev-seal", SignatureAlgorithm.ECDSA_P256_SHA256);
            beforehand.attachCertificateChain("dev-seal", chainFor(key, KeyAlgorithm.ECDSA_P256));
            premade = beforehand.signingKey("dev-seal");
            return new ProvisionedKeyCustody(List.of(premade), keystore(dir, "generating"));
        }

        @Test
        void aProvisionedKeyIsFoundAndSignsButItsIdCannotBeGeneratedAgain() {
            assertThat(custody.signingKey("dev-seal").certificateChain()).isEqualTo(premade.certificateChain());
            assertThat(custody.find("dev-seal"))
                    .get()
                    .extracting(GeneratedKey::algorithm)
                    .isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);

            assertThatThrownBy(() -> custody.generate("dev-seal", SignatureAlgorithm.ECDSA_P256_SHA256))
                    .isInstanceOf(KeyCustodyException.class)
                    .hasMessageContaining("configured key");
        }

        @Test
        void destroyingAProvisionedKeyDropsItFromThisCustody() {
            assertThat(custody.destroy("dev-seal")).isTrue();
            assertThatThrownBy(() -> custody.signingKey("dev-seal")).isInstanceOf(KeyNotFoundException.class);
        }
    }
}
