package cn.zhengyin.trust.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.pki.CertificateIssuer;
import cn.zhengyin.trust.pki.CertificateProfile;
import cn.zhengyin.trust.pki.Credential;
import cn.zhengyin.trust.pki.KeyAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every generating {@link KeyCustody} must do, whatever holds the keys: generate ECDSA P-256 keys, accept the
 * chain a CA issues for them, sign (DER {@code SEQUENCE {r, s}}, verifiable with Bouncy Castle) from many threads,
 * destroy for ever. Subclasses give a custody (fresh or shared: key ids are unique per test).
 */
public abstract class KeyCustodyContractTest {

    protected static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final CertificateIssuer issuer = new CertificateIssuer(CLOCK);
    protected KeyCustody custody;

    /** The custody under test; called before each test. */
    protected abstract KeyCustody custody() throws Exception;

    /** A second handle on the same keys (a new process's view); the same object for custodies without one. */
    protected KeyCustody reopened() throws Exception {
        return custody;
    }

    @BeforeAll
    static void bouncyCastle() {
        Providers.bouncyCastle();
    }

    @BeforeEach
    void openCustody() throws Exception {
        custody = custody();
    }

    protected static String newId(String hint) {
        byte[] suffix = new byte[6];
        RANDOM.nextBytes(suffix);
        return hint + "-" + HexFormat.of().formatHex(suffix);
    }

    /**
     * A chain for the key issued by a throw-away ECDSA CA (with a unique name: a PKCS#11 token finds issuers by
     * name): seal certificate, CA certificate.
     */
    protected List<X509Certificate> certify(GeneratedKey key) {
        Credential ca = issuer.issueRoot(
                "contract-ca",
                new CertificateProfile.RootCa(newId("Contract Test CA"), "Test"),
                KeyAlgorithm.ECDSA_P256.generateKeyPair(RANDOM),
                Period.ofYears(5));
        X509Certificate certificate = issuer.issue(
                new CertificateProfile.SealSigning("合同测试章", "测试单位", "11110100000000019Q", "S-CONTRACT"),
                key.publicKey(),
                Period.ofYears(1),
                ca);
        return List.of(certificate, ca.certificate());
    }

    protected GeneratedKey generateCertified(String keyId) {
        GeneratedKey key = custody.generate(keyId, SignatureAlgorithm.ECDSA_P256_SHA256);
        custody.attachCertificateChain(keyId, certify(key));
        return key;
    }

    protected static boolean verifies(java.security.PublicKey publicKey, byte[] data, byte[] signature)
            throws Exception {
        Signature verifier = Signature.getInstance("SHA256withECDSA", Providers.bouncyCastle());
        verifier.initVerify(publicKey);
        verifier.update(data);
        return verifier.verify(signature);
    }

    @Test
    void generatesAnEcdsaP256KeyWhosePublicHalfIsFound() throws Exception {
        String id = newId("gen");
        GeneratedKey key = custody.generate(id, SignatureAlgorithm.ECDSA_P256_SHA256);

        assertThat(key.keyId()).isEqualTo(id);
        assertThat(key.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
        assertThat(key.publicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(((ECPublicKey) key.publicKey())
                        .getParams()
                        .getCurve()
                        .getField()
                        .getFieldSize())
                .isEqualTo(256);
        assertThat(custody.find(id)).hasValueSatisfying(found -> {
            assertThat(found.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
            assertThat(found.publicKey().getEncoded()).isEqualTo(key.publicKey().getEncoded());
        });
        assertThat(reopened().find(id))
                .hasValueSatisfying(found -> assertThat(found.publicKey().getEncoded())
                        .isEqualTo(key.publicKey().getEncoded()));
    }

    @Test
    void aKeyWithALongIdLivesAndSigns() {
        String id = newId("seal-" + "a".repeat(100));
        generateCertified(id);

        assertThat(custody.signingKey(id).sign(new byte[] {7})).isNotEmpty();
        assertThat(custody.destroy(id)).isTrue();
    }

    @Test
    void anUncertifiedKeyCannotSignYet() {
        String id = newId("pending");
        custody.generate(id, SignatureAlgorithm.ECDSA_P256_SHA256);

        assertThatThrownBy(() -> custody.signingKey(id))
                .isInstanceOf(KeyCustodyException.class)
                .isNotInstanceOf(KeyNotFoundException.class)
                .hasMessageContaining("no certificate");
    }

    @Test
    void aCertifiedKeySignsDerSignaturesThatBouncyCastleVerifies() throws Exception {
        String id = newId("signer");
        GeneratedKey key = custody.generate(id, SignatureAlgorithm.ECDSA_P256_SHA256);
        List<X509Certificate> chain = certify(key);
        custody.attachCertificateChain(id, chain);
        byte[] data = "电子印章 contract data".getBytes(StandardCharsets.UTF_8);

        SigningKey signing = custody.signingKey(id);
        byte[] signature = signing.sign(data);

        assertThat(signing.keyId()).isEqualTo(id);
        assertThat(signing.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
        assertThat(signing.certificateChain()).isEqualTo(chain);
        ASN1Sequence sequence = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(signature));
        assertThat(sequence.size()).isEqualTo(2);
        assertThat(sequence.getObjectAt(0)).isInstanceOf(ASN1Integer.class);
        assertThat(sequence.getObjectAt(1)).isInstanceOf(ASN1Integer.class);
        assertThat(verifies(key.publicKey(), data, signature)).isTrue();
        assertThat(verifies(chain.getFirst().getPublicKey(), data, signature)).isTrue();
        assertThat(verifies(key.publicKey(), "other data".getBytes(StandardCharsets.UTF_8), signature))
                .isFalse();
        assertThat(verifies(key.publicKey(), data, reopened().signingKey(id).sign(data)))
                .isTrue();
    }

    @Test
    void signsConcurrentlyFromSeveralThreads() throws Exception {
        String id = newId("busy");
        GeneratedKey key = generateCertified(id);
        SigningKey signing = custody.signingKey(id);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                byte[] data = ("message " + i).getBytes(StandardCharsets.UTF_8);
                results.add(pool.submit(() -> verifies(key.publicKey(), data, signing.sign(data))));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void attachingAgainReplacesTheChain() {
        String id = newId("recert");
        GeneratedKey key = generateCertified(id);
        List<X509Certificate> second = certify(key);

        custody.attachCertificateChain(id, second);

        assertThat(custody.signingKey(id).certificateChain().getFirst()).isEqualTo(second.getFirst());
    }

    @Test
    void refusesATakenIdAndACertificateForAnotherKey() {
        String id = newId("taken");
        custody.generate(id, SignatureAlgorithm.ECDSA_P256_SHA256);
        GeneratedKey other = custody.generate(newId("other"), SignatureAlgorithm.ECDSA_P256_SHA256);

        assertThatThrownBy(() -> custody.generate(id, SignatureAlgorithm.ECDSA_P256_SHA256))
                .isInstanceOf(KeyCustodyException.class)
                .hasMessageContaining("already taken");
        assertThatThrownBy(() -> custody.attachCertificateChain(id, certify(other)))
                .isInstanceOf(KeyCustodyException.class)
                .hasMessageContaining("does not certify");
        assertThatThrownBy(() -> custody.attachCertificateChain(id, List.of()))
                .isInstanceOf(KeyCustodyException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void aDestroyedKeyIsGoneForEverAndDestroyIsIdempotent() throws Exception {
        String id = newId("doomed");
        generateCertified(id);
        String kept = newId("kept");
        generateCertified(kept);
        custody.signingKey(id).sign(new byte[] {1});

        assertThat(custody.destroy(id)).isTrue();
        assertThat(custody.destroy(id)).isFalse();

        assertThatThrownBy(() -> custody.signingKey(id))
                .isInstanceOf(KeyNotFoundException.class)
                .hasMessageContaining(id);
        assertThat(custody.find(id)).isEmpty();
        assertThat(reopened().find(id)).isEmpty();
        assertThatThrownBy(() -> reopened().signingKey(id)).isInstanceOf(KeyNotFoundException.class);
        assertThat(custody.signingKey(kept).sign(new byte[] {2})).isNotEmpty();
    }

    @Test
    void anUnknownIdIsACleanError() {
        String id = newId("never");

        assertThatThrownBy(() -> custody.signingKey(id))
                .isInstanceOf(KeyNotFoundException.class)
                .hasMessageContaining(id);
        assertThatThrownBy(() -> custody.attachCertificateChain(
                        id,
                        certify(new GeneratedKey(
                                id,
                                SignatureAlgorithm.ECDSA_P256_SHA256,
                                KeyAlgorithm.ECDSA_P256.generateKeyPair(RANDOM).getPublic()))))
                .isInstanceOf(KeyNotFoundException.class);
        assertThat(custody.find(id)).isEmpty();
        assertThat(custody.destroy(id)).isFalse();
    }

    @Test
    void keyMaterialNeverAppearsInToString() {
        String id = newId("quiet");
        generateCertified(id);
        SigningKey signing = custody.signingKey(id);

        for (String text : List.of(custody.toString(), signing.toString())) {
            assertThat(text)
                    .doesNotContain("BEGIN")
                    .doesNotContain("PRIVATE")
                    .doesNotContainPattern("[0-9a-fA-F]{64}")
                    .doesNotContainPattern("[A-Za-z0-9+/]{60}");
        }
    }
}
