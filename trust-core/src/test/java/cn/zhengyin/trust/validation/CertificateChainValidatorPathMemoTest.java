package cn.zhengyin.trust.validation;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.testing.TestPki;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The built-path memo (issue #18) gives the same verdicts as building every path afresh: a reused path must be valid
 * at the new time, and a path found with one pool or one set of anchors is never lent to another.
 */
class CertificateChainValidatorPathMemoTest {
    private static final Instant NOW = Instant.parse("2026-05-01T08:00:00Z");
    private final TestPki pki = TestPki.create(NOW, "Memo " + System.nanoTime());

    @Test
    void aPathIsBuiltOnceForTheSameCertificatesAndAnchors() {
        CertificateChainValidator validator = new CertificateChainValidator(Set.of(pki.root()), List.of());
        CertificateChainValidator.ChainValidation first =
                validator.validate(pki.signerCertificate(), List.of(pki.issuingCa()), NOW);
        Object key = BuiltPaths.key(
                        pki.signerCertificate(), Set.of(pki.signerCertificate(), pki.issuingCa()), Set.of(pki.root()))
                .orElseThrow();
        assertThat(BuiltPaths.validAt(key, NOW))
                .as("the built path is remembered")
                .isPresent();
        CertificateChainValidator.ChainValidation again = new CertificateChainValidator(
                        Set.of(pki.root()),
                        List.of(
                                pki.issuingCaCrl(
                                        Map.of(pki.signerCertificate().getSerialNumber(), NOW.minusSeconds(3600))),
                                pki.rootCrl()))
                .validate(pki.signerCertificate(), List.of(pki.issuingCa(), pki.issuingCa()), NOW.plusSeconds(60));

        assertThat(first.chain().outcome()).isEqualTo(Outcome.PASSED);
        assertThat(again.chain().outcome()).isEqualTo(Outcome.PASSED);
        assertThat(again.path()).isEqualTo(first.path()).containsExactly(pki.signerCertificate(), pki.issuingCa());
        assertThat(again.revocation().outcome())
                .as("revocation is still checked on a reused path")
                .isEqualTo(Outcome.FAILED);
        assertThat(again.revocationTime()).contains(NOW.minusSeconds(3600));
    }

    @Test
    void aRememberedPathIsNotUsedAtATimeOneOfItsCertificatesIsNotValid() {
        CertificateChainValidator validator = new CertificateChainValidator(Set.of(pki.root()), List.of());
        List<X509Certificate> pool = List.of(pki.issuingCa());
        assertThat(validator
                        .validate(pki.signerCertificate(), pool, NOW)
                        .chain()
                        .outcome())
                .isEqualTo(Outcome.PASSED);

        // the signer's certificate is valid for a year from a day before NOW
        CertificateChainValidator.ChainValidation later =
                validator.validate(pki.signerCertificate(), pool, NOW.plus(Duration.ofDays(400)));
        CertificateChainValidator.ChainValidation earlier =
                validator.validate(pki.signerCertificate(), pool, NOW.minus(Duration.ofDays(2)));

        assertThat(later.chain().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(later.chain().message()).contains("No valid certification path");
        assertThat(earlier.chain().outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void aPathFoundWithOnePoolOrAnchorIsNotLentToAnother() {
        CertificateChainValidator trusting = new CertificateChainValidator(Set.of(pki.root()), List.of());
        assertThat(trusting.validate(pki.signerCertificate(), List.of(pki.issuingCa()), NOW)
                        .chain()
                        .outcome())
                .isEqualTo(Outcome.PASSED);

        // without the issuing CA in the pool there is no path
        assertThat(trusting.validate(pki.signerCertificate(), List.of(), NOW)
                        .chain()
                        .outcome())
                .isEqualTo(Outcome.FAILED);
        // another anchor: no path, even though the same target and pool validated a moment ago
        TestPki other = TestPki.create(NOW, "Other " + System.nanoTime());
        assertThat(new CertificateChainValidator(Set.of(other.root()), List.of())
                        .validate(pki.signerCertificate(), List.of(pki.issuingCa()), NOW)
                        .chain()
                        .outcome())
                .isEqualTo(Outcome.FAILED);
    }
}
