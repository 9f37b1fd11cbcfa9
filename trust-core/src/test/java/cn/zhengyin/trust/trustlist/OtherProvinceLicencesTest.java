package cn.zhengyin.trust.trustlist;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.identifier.LicenceIdentifier;
import cn.zhengyin.trust.pdf.PdfSignatureVerifier;
import cn.zhengyin.trust.testing.OtherProvinceLicences;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.RevocationPolicy;
import cn.zhengyin.trust.xml.XmlSignatureVerifier;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dev "other province" (keys-dev/other-province) and the dev trust list (keys-dev/trust-list.xml) work together:
 * its licences verify with the anchors the list grants and are decided GRANTED; once the authority is withdrawn, the
 * list gives no anchor and decides WITHDRAWN. Uses the committed dev keys, so it runs at the real time.
 */
class OtherProvinceLicencesTest {
    private final Clock clock = Clock.systemUTC();
    private final OtherProvinceLicences licences = OtherProvinceLicences.load(OtherProvinceLicences.keysDev(), clock);
    private final TrustListVerifier verifier =
            new TrustListVerifier(ListSignerTrust.pinned(List.of(licences.listSignerCertificate())), clock);
    private final LicenceIdentifier identifier = licences.identifier("20260000042");

    @Test
    void theCommittedDevTrustListVerifiesAndGrantsTheOtherProvincesSeal() throws Exception {
        byte[] committed = Files.readAllBytes(OtherProvinceLicences.keysDev().resolve("trust-list.xml"));
        TrustListAnchors anchors = verifier.verify(committed).anchors();
        TrustDecision decision = anchors.decide(licences.sealChain(), identifier, clock.instant());
        assertThat(decision.kind()).as(decision.reason()).isEqualTo(TrustDecision.Kind.GRANTED);
        assertThat(decision.label()).contains("邻省示范市市场监督管理局 (示范邻省)");
        assertThat(anchors.decide(licences.sm2SealChain(), identifier, clock.instant())
                        .kind())
                .isEqualTo(TrustDecision.Kind.GRANTED);
    }

    @Test
    void aPadesLicenceFromTheOtherProvinceVerifiesThroughTheListAndFailsOnceWithdrawn() {
        byte[] pdf = licences.padesLicence(identifier);
        Instant now = clock.instant();

        TrustListAnchors granted = verifier.verify(licences.trustList(1, false)).anchors();
        DocumentVerificationReport report =
                pdfVerifier(granted.certificatesGrantedAt(now)).verify(pdf);
        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(granted.decide(licences.sealChain(), identifier, now).kind()).isEqualTo(TrustDecision.Kind.GRANTED);
        assertThat(granted.decide(licences.sealChain(), OtherProvinceLicences.FOOD_BUSINESS_LICENCE, now)
                        .kind())
                .isEqualTo(TrustDecision.Kind.TYPE_NOT_ALLOWED);

        TrustListAnchors withdrawn = verifier.verify(licences.trustList(2, true), java.util.OptionalLong.of(1))
                .anchors();
        assertThat(withdrawn.certificatesGrantedAt(now)).isEmpty();
        DocumentVerificationReport afterWithdrawal =
                pdfVerifier(withdrawn.certificatesGrantedAt(now)).verify(pdf);
        assertThat(afterWithdrawal.indication()).isNotEqualTo(Indication.TOTAL_PASSED);
        TrustDecision decision = withdrawn.decide(licences.sealChain(), identifier, now);
        assertThat(decision.kind()).isEqualTo(TrustDecision.Kind.WITHDRAWN);
        assertThat(decision.reason()).contains("withdrawn", "示范邻省");

        // and without any list, this province's anchors know nothing of the other province
        assertThat(pdfVerifier(java.util.Set.of()).verify(pdf).indication()).isNotEqualTo(Indication.TOTAL_PASSED);
    }

    @Test
    void aXadesLicenceFromTheOtherProvinceVerifiesWithTheGrantedAnchors() {
        byte[] xml = licences.xadesLicence(identifier);
        Instant now = clock.instant();
        TrustListAnchors granted = verifier.verify(licences.trustList(1, false)).anchors();
        DocumentVerificationReport report =
                new XmlSignatureVerifier(granted.certificatesGrantedAt(now), clock).verify(xml);
        assertThat(report.signatures()).hasSize(1);
        assertThat(report.signatures().getFirst().checks())
                .filteredOn(check -> check.id().equals(XmlSignatureVerifier.SIGNATURE_VALUE)
                        || check.id().equals(XmlSignatureVerifier.CHAIN))
                .extracting(check -> check.outcome().name())
                .containsOnly("PASSED");
        assertThat(new String(xml, java.nio.charset.StandardCharsets.UTF_8))
                .contains("<CertificateIdentifier>" + identifier + "</CertificateIdentifier>");
        TrustListAnchors withdrawn =
                verifier.verify(licences.trustList(2, true)).anchors();
        DocumentVerificationReport after =
                new XmlSignatureVerifier(withdrawn.certificatesGrantedAt(now), clock).verify(xml);
        assertThat(after.indication()).isNotEqualTo(Indication.TOTAL_PASSED);
    }

    private PdfSignatureVerifier pdfVerifier(java.util.Set<X509Certificate> anchors) {
        return new PdfSignatureVerifier(
                anchors,
                licences.crls(),
                RevocationPolicy.REQUIRE,
                clock,
                PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES);
    }
}
