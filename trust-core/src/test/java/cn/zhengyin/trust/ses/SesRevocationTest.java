package cn.zhengyin.trust.ses;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.pki.CrlIssuer;
import cn.zhengyin.trust.pki.RevocationReason;
import cn.zhengyin.trust.pki.RevokedCertificate;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.Outcome;
import cn.zhengyin.trust.validation.RevocationPolicy;
import cn.zhengyin.trust.validation.RevocationSources;
import cn.zhengyin.trust.validation.SubIndication;
import cn.zhengyin.trust.validation.TrustAnchors;
import cn.zhengyin.trust.validation.ValidationPolicy;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, observations 2 and 7 (SES part): a seal signature whose signer or seal (maker) certificate is revoked
 * passed with revocation NOT_CHECKED; SES and .esl carry only end certificates, so paths need configured
 * intermediates. Time matters: a signature time-stamped before the revocation stays valid.
 */
class SesRevocationTest {

    final SesFixture f = new SesFixture();
    final ElectronicSeal.V4 seal = f.seal();
    /** Time-stamped at now + 5 s. */
    final byte[] signature = f.signerWithTimestamps(f.now.plusSeconds(5))
            .sign(seal, f.signer, SealSigner.sm3(SesFixture.ORIGINAL), SesFixture.PROPERTY_INFO, f.now.plusSeconds(3))
            .encoded();

    final Instant validation = f.now.plus(Duration.ofDays(2));

    X509CRL sealCaCrl(List<RevokedCertificate> revoked) {
        return new CrlIssuer(Clock.fixed(validation, ZoneOffset.UTC))
                .issue(f.sealCa, CrlIssuer.crlNumberFor(validation), Duration.ofDays(7), revoked);
    }

    X509CRL rootCrl() {
        return new CrlIssuer(Clock.fixed(validation, ZoneOffset.UTC))
                .issue(f.root, CrlIssuer.crlNumberFor(validation), Duration.ofDays(30), List.of());
    }

    SesVerifier verifier(List<X509CRL> crls) {
        return new SesVerifier(
                TrustAnchors.of(List.of(f.root.certificate()), List.of(f.sealCa.certificate())),
                RevocationSources.offline(crls));
    }

    X509Certificate signerCert() {
        return f.signer.certificateChain().get(0);
    }

    X509Certificate makerCert() {
        return f.maker.certificateChain().get(0);
    }

    @Test
    void reproducedWithoutRevocationDataTheOldVerifierPassedAndTheNewOneIsIndeterminate() {
        SesVerificationReport old = new SesVerifier(
                        Set.of(f.root.certificate()),
                        List.of(f.sealCa.certificate()),
                        List.of(),
                        RevocationPolicy.CHECK_IF_AVAILABLE)
                .verifySignature(signature, SesFixture.ORIGINAL, validation);
        assertThat(old.indication()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(old.check(SesVerifier.SIGNER_REVOCATION).orElseThrow().outcome())
                .isEqualTo(Outcome.NOT_CHECKED);

        for (ValidationPolicy policy : List.of(ValidationPolicy.LICENCE, ValidationPolicy.BASELINE)) {
            SesVerificationReport report =
                    verifier(List.of()).verifySignature(signature, SesFixture.ORIGINAL, validation, policy);
            assertThat(report.indication()).isEqualTo(Indication.INDETERMINATE);
            assertThat(report.subIndication()).isEqualTo(SubIndication.TRY_LATER);
        }
    }

    @Test
    void withTheIssuersCrlsAGoodSignaturePasses() {
        SesVerificationReport report = verifier(List.of(sealCaCrl(List.of()), rootCrl()))
                .verifySignature(signature, SesFixture.ORIGINAL, validation, ValidationPolicy.LICENCE);
        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(report.check(SesVerifier.SIGNER_REVOCATION).orElseThrow().outcome())
                .isEqualTo(Outcome.PASSED);
        assertThat(report.check(SesVerifier.SEAL_MAKER_REVOCATION).orElseThrow().outcome())
                .isEqualTo(Outcome.PASSED);
    }

    @Test
    void aSignerCertificateRevokedBeforeTheTimestampIsRevoked() {
        var revoked = new RevokedCertificate(
                signerCert().getSerialNumber(), f.now.plusSeconds(1), RevocationReason.KEY_COMPROMISE);
        SesVerificationReport report = verifier(List.of(sealCaCrl(List.of(revoked)), rootCrl()))
                .verifySignature(signature, SesFixture.ORIGINAL, validation, ValidationPolicy.BASELINE);
        assertThat(report.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(report.subIndication()).isEqualTo(SubIndication.REVOKED);
    }

    @Test
    void aSignatureTimestampedBeforeTheRevocationStaysValid() {
        var revoked = new RevokedCertificate(
                signerCert().getSerialNumber(), f.now.plus(Duration.ofDays(1)), RevocationReason.KEY_COMPROMISE);
        SesVerificationReport report = verifier(List.of(sealCaCrl(List.of(revoked)), rootCrl()))
                .verifySignature(signature, SesFixture.ORIGINAL, validation, ValidationPolicy.BASELINE);
        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(report.check(SesVerifier.SIGNER_REVOCATION).orElseThrow().outcome())
                .isEqualTo(Outcome.WARNING);
    }

    @Test
    void aRevokedSealCertificateInTheEslFailsTheSignature() {
        var revoked = new RevokedCertificate(
                makerCert().getSerialNumber(), f.now.minusSeconds(60), RevocationReason.KEY_COMPROMISE);
        SesVerificationReport report = verifier(List.of(sealCaCrl(List.of(revoked)), rootCrl()))
                .verifySignature(signature, SesFixture.ORIGINAL, validation, ValidationPolicy.LICENCE);
        assertThat(report.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(report.subIndication()).isEqualTo(SubIndication.REVOKED);
        assertThat(report.check(SesVerifier.SEAL_MAKER_REVOCATION).orElseThrow().outcome())
                .isEqualTo(Outcome.FAILED);
    }

    @Test
    void pathsAreBuiltFromConfiguredIntermediatesBecauseSesCarriesOnlyTheEndCertificate() {
        SesVerifier rootOnly = new SesVerifier(
                TrustAnchors.of(List.of(f.root.certificate())),
                RevocationSources.offline(List.of(sealCaCrl(List.of()), rootCrl())));
        SesVerificationReport report =
                rootOnly.verifySignature(signature, SesFixture.ORIGINAL, validation, ValidationPolicy.LICENCE);
        assertThat(report.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(report.subIndication()).isEqualTo(SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
    }
}
