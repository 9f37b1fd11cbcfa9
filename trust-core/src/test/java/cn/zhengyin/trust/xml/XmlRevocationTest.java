package cn.zhengyin.trust.xml;

import static cn.zhengyin.trust.xml.XmlFixtures.ROOT_ID;
import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.testing.TestPki;
import cn.zhengyin.trust.validation.CertificateChainValidator;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.Outcome;
import cn.zhengyin.trust.validation.RevocationSource;
import cn.zhengyin.trust.validation.RevocationSources;
import cn.zhengyin.trust.validation.SubIndication;
import cn.zhengyin.trust.validation.TrustAnchors;
import cn.zhengyin.trust.validation.ValidationPolicy;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 20, observation 2 (XML part): licence XML passed with revocation NOT_CHECKED; now it fails closed. */
class XmlRevocationTest {
    static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    static final Clock LATER = Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC);
    final TestPki pki = TestPki.create(NOW);
    final byte[] licence =
            new XadesEnvelopedSigner().sign(XmlFixtures.unsignedLicence(), ROOT_ID, pki.signerKey(), NOW);

    XmlSignatureVerifier verifier(RevocationSources revocation) {
        return new XmlSignatureVerifier(
                TrustAnchors.of(List.of(pki.root())), revocation, LATER, SecureXml.DEFAULT_MAX_BYTES);
    }

    static String revocation(DocumentVerificationReport report) {
        return report.signatures()
                        .get(0)
                        .check(CertificateChainValidator.REVOCATION)
                        .orElseThrow()
                        .outcome() + "";
    }

    @Test
    void reproducedTheLegacyVerifierPassesLicenceXmlWhoseRevocationItNeverChecked() {
        DocumentVerificationReport legacy = new XmlSignatureVerifier(Set.of(pki.root()), LATER).verify(licence);
        assertThat(legacy.indication()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(revocation(legacy)).isEqualTo("NOT_CHECKED");
    }

    @Test
    void unknownRevocationStatusIsIndeterminateUnderBothPolicies() {
        for (ValidationPolicy policy : List.of(ValidationPolicy.LICENCE, ValidationPolicy.BASELINE)) {
            DocumentVerificationReport report =
                    verifier(RevocationSources.none()).verify(licence, policy);
            assertThat(report.indication()).as(policy.name().id()).isEqualTo(Indication.INDETERMINATE);
            assertThat(report.subIndication()).isEqualTo(SubIndication.TRY_LATER);
        }
    }

    @Test
    void aConfiguredCrlDecides() {
        var crls = List.of(pki.issuingCaCrl(Map.of()), pki.rootCrl());
        DocumentVerificationReport good =
                verifier(RevocationSources.offline(crls)).verify(licence);
        assertThat(good.indication()).as(good.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(revocation(good)).isEqualTo("PASSED");

        BigInteger serial = pki.signerCertificate().getSerialNumber();
        DocumentVerificationReport revoked = verifier(RevocationSources.offline(
                        List.of(pki.issuingCaCrl(Map.of(serial, NOW.plusSeconds(60))), pki.rootCrl())))
                .verify(licence);
        assertThat(revoked.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(revoked.subIndication()).isEqualTo(SubIndication.REVOKED);
    }

    @Test
    void withoutConfiguredCrlsTheLiveSourceNamedByTheCertificateIsAsked() {
        BigInteger serial = pki.signerCertificate().getSerialNumber();
        RevocationSource live = new RevocationSource() {
            @Override
            public Optional<byte[]> crl(X509Certificate issued) {
                try {
                    return Optional.of(
                            issued.getIssuerX500Principal().equals(pki.root().getSubjectX500Principal())
                                    ? pki.rootCrl().getEncoded()
                                    : pki.issuingCaCrl(Map.of(serial, NOW.plusSeconds(60)))
                                            .getEncoded());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        DocumentVerificationReport report =
                verifier(new RevocationSources(List.of(), Optional.of(live))).verify(licence);
        assertThat(report.subIndication()).as(report.toString()).isEqualTo(SubIndication.REVOKED);
        assertThat(report.signatures()
                        .get(0)
                        .check(CertificateChainValidator.REVOCATION)
                        .orElseThrow()
                        .outcome())
                .isEqualTo(Outcome.FAILED);
    }
}
