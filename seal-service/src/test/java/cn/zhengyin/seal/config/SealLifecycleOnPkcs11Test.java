package cn.zhengyin.seal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.seal.SealServiceApplication;
import cn.zhengyin.seal.authorisation.Grantee;
import cn.zhengyin.seal.authorisation.GranteeKind;
import cn.zhengyin.seal.authorisation.SealAuthorisationService;
import cn.zhengyin.seal.lifecycle.Organisation;
import cn.zhengyin.seal.lifecycle.Seal;
import cn.zhengyin.seal.lifecycle.SealApplication;
import cn.zhengyin.seal.lifecycle.SealLifecycleService;
import cn.zhengyin.seal.lifecycle.SealTypes;
import cn.zhengyin.seal.lifecycle.ValidityPeriod;
import cn.zhengyin.seal.signing.SealSigningService;
import cn.zhengyin.trust.crypto.AlgorithmRoutingKeyCustody;
import cn.zhengyin.trust.crypto.KeyNotFoundException;
import cn.zhengyin.trust.crypto.ProvisionedKeyCustody;
import cn.zhengyin.trust.crypto.SignatureAlgorithm;
import cn.zhengyin.trust.crypto.pkcs11.Pkcs11KeyCustody;
import cn.zhengyin.trust.testing.SoftHsm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The seal lifecycle with {@code zhengyin.key-custody.type=pkcs11} against a SoftHSM2 token (surefire sets
 * SOFTHSM2_CONF; see docs/key-custody.md): the seal's ECDSA key is made in the token, signs, and is destroyed there;
 * its SM2 key goes to the keystore file (sm2-type).
 */
@SpringBootTest(
        classes = SealServiceApplication.class,
        properties = {
            "spring.config.name=seal-service",
            "spring.application.name=seal-pkcs11-test",
            "zhengyin.store.embedded.in-memory=true",
            "zhengyin.key-custody.type=pkcs11"
        })
class SealLifecycleOnPkcs11Test {
    static SoftHsm.Token token;

    @TempDir
    static Path keyStoreDir;

    @Autowired
    SealLifecycleService lifecycle;

    @Autowired
    SealAuthorisationService authorisations;

    @Autowired
    SealSigningService signing;

    @Autowired
    ProvisionedKeyCustody sealKeys;

    @Autowired
    @Qualifier(KeyCustodyConfiguration.GENERATING_KEY_CUSTODY) cn.zhengyin.trust.crypto.KeyCustody generating;

    @Autowired
    Clock clock;

    @BeforeAll
    static void softHsm() {
        token = SoftHsm.token();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "zhengyin.keys-directory",
                () -> Path.of("../keys-dev").toAbsolutePath().normalize().toString());
        registry.add(
                "zhengyin.seal-keys.file", () -> keyStoreDir.resolve("keys.p12").toString());
        registry.add(
                "zhengyin.key-custody.pkcs11.library", () -> token.library().toString());
        registry.add("zhengyin.key-custody.pkcs11.slot", () -> token.slot().id());
        registry.add("zhengyin.key-custody.pkcs11.pin", () -> new String(token.pin()));
    }

    @Test
    void aSealMadeWithPkcs11CustodySignsInTheTokenAndItsKeyIsDestroyedThere() throws Exception {
        Instant now = clock.instant();
        Seal seal = lifecycle.apply(
                new SealApplication(
                        new Organisation("证印测试单位", "11110100000000019Q"),
                        SealTypes.ofCode("01"),
                        "单位专用章",
                        "证印测试单位",
                        new ValidityPeriod(now.minusSeconds(60), now.plus(Duration.ofDays(365)))),
                "applicant",
                "test");
        lifecycle.approve(seal.id(), "approver", "test");
        lifecycle.make(seal.id(), "maker", "test");
        lifecycle.issue(seal.id(), "maker", "test");
        authorisations.grant(
                seal.id(),
                GranteeKind.CLIENT,
                "licence-service",
                Set.of(),
                Optional.empty(),
                Optional.empty(),
                "admin",
                "test");
        String ecdsaKey = SealLifecycleService.keyId(seal.id(), SignatureAlgorithm.ECDSA_P256_SHA256);
        String sm2Key = SealLifecycleService.keyId(seal.id(), SignatureAlgorithm.SM2_SM3);

        Pkcs11KeyCustody tokenView = Pkcs11KeyCustody.open(token.library(), token.slot(), token.pin(), clock);
        assertThat(generating).isInstanceOf(AlgorithmRoutingKeyCustody.class);
        assertThat(tokenView.find(ecdsaKey)).isPresent();
        assertThat(tokenView.find(sm2Key)).isEmpty();
        assertThat(sealKeys.find(sm2Key)).isPresent();

        byte[] digest = MessageDigest.getInstance("SHA-256").digest("licence pdf".getBytes(StandardCharsets.UTF_8));
        CMSSignedData cms = new CMSSignedData(
                signing.signPadesDigest(Grantee.client("licence-service"), seal.id(), digest, null, null));
        SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate((X509CertificateHolder)
                cms.getCertificates().getMatches(signer.getSID()).iterator().next());
        assertThat(certificate.getPublicKey().getEncoded())
                .isEqualTo(tokenView.find(ecdsaKey).orElseThrow().publicKey().getEncoded());
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(signer.getEncodedSignedAttributes());
        assertThat(verifier.verify(signer.getSignature())).isTrue();

        lifecycle.revoke(seal.id(), cn.zhengyin.trust.pki.RevocationReason.KEY_COMPROMISE, "admin", "test");
        lifecycle.destroy(seal.id(), "admin", "test");

        assertThat(tokenView.find(ecdsaKey)).isEmpty();
        assertThat(sealKeys.find(sm2Key)).isEmpty();
        assertThatThrownBy(() -> sealKeys.signingKey(ecdsaKey)).isInstanceOf(KeyNotFoundException.class);
    }
}
