package cn.zhengyin.trust.trustlist;

import static cn.zhengyin.trust.trustlist.TrustListTestPki.BUSINESS_LICENCE;
import static cn.zhengyin.trust.trustlist.TrustListTestPki.FOOD_LICENCE;
import static cn.zhengyin.trust.trustlist.TrustListTestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.identifier.LicenceIdentifier;
import cn.zhengyin.trust.trustlist.TrustDecision.Kind;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustListAnchorsTest {
    private static final TrustListTestPki PKI = new TrustListTestPki();
    private static final Instant WITHDRAWN_AT = NOW.minus(Duration.ofDays(2));

    private static TrustListAnchors anchors(ListedAuthority... authorities) {
        byte[] signed = PKI.signed(TrustListTestPki.list(1, authorities));
        return new TrustListVerifier(PKI.pinnedSigner(), TrustListTestPki.CLOCK)
                .verify(signed)
                .anchors();
    }

    @Test
    void aGrantedAuthorityPassesForItsLicenceTypeWithItsNameAndRegion() {
        TrustListAnchors anchors = anchors(PKI.market());
        for (var seal : List.of(PKI.marketSeal, PKI.marketSm2Seal)) {
            TrustDecision decision = anchors.decide(seal.chain(), BUSINESS_LICENCE, NOW);
            assertThat(decision.kind()).as(decision.reason()).isEqualTo(Kind.GRANTED);
            assertThat(decision.label()).contains("邻省示范市市场监督管理局 (示范邻省)");
            assertThat(decision.reason()).contains("granted on the trust list", BUSINESS_LICENCE);
        }
        // a PKIX CertPath leaves the anchor out: the seal certificate alone, issued by the listed CA
        assertThat(anchors.decide(List.of(PKI.marketSeal.certificate()), BUSINESS_LICENCE, NOW)
                        .kind())
                .isEqualTo(Kind.GRANTED);
    }

    @Test
    void theGrantedCaCertificatesAreAnchorsThatPkixValidationAccepts() throws Exception {
        TrustListAnchors anchors = anchors(PKI.market());
        assertThat(anchors.certificatesGrantedAt(NOW))
                .containsExactly(PKI.otherCa.certificate(), PKI.otherSm2Ca.certificate());
        PKIXParameters parameters = new PKIXParameters(anchors.trustAnchorsAt(NOW));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(NOW));
        var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(jdk(PKI.marketSeal.certificate())));
        CertPathValidator.getInstance("PKIX").validate(path, parameters);
    }

    @Test
    void aWithdrawnAuthorityFailsWithItsWithdrawalTimeAndStopsBeingAnAnchor() {
        TrustListAnchors anchors = anchors(PKI.market().withStatus(AuthorityStatus.WITHDRAWN, WITHDRAWN_AT));
        TrustDecision decision = anchors.decide(PKI.marketSeal.chain(), BUSINESS_LICENCE, NOW);
        assertThat(decision.kind()).isEqualTo(Kind.WITHDRAWN);
        assertThat(decision.since()).contains(WITHDRAWN_AT);
        assertThat(decision.reason()).contains("withdrawn", WITHDRAWN_AT.toString(), "示范邻省");
        assertThat(anchors.certificatesGrantedAt(NOW)).isEmpty();
        assertThat(anchors.listedCertificates()).contains(PKI.otherCa.certificate());
        // the status history answers for earlier validation times (ETSI TS 119 612 semantics)
        assertThat(anchors.decide(PKI.marketSeal.chain(), BUSINESS_LICENCE, WITHDRAWN_AT.minusSeconds(1))
                        .kind())
                .isEqualTo(Kind.GRANTED);
        assertThat(anchors.certificatesGrantedAt(WITHDRAWN_AT.minusSeconds(1))).isNotEmpty();
    }

    @Test
    void aLicenceTypeTheAuthorityMayNotIssueIsRefused() {
        TrustDecision decision = anchors(PKI.market()).decide(PKI.marketSeal.chain(), FOOD_LICENCE, NOW);
        assertThat(decision.kind()).isEqualTo(Kind.TYPE_NOT_ALLOWED);
        assertThat(decision.reason()).contains(FOOD_LICENCE, BUSINESS_LICENCE);
    }

    @Test
    void outsideTheAuthorisationPeriodIsRefused() {
        TrustListAnchors anchors = anchors(PKI.market());
        Instant after = NOW.plus(Duration.ofDays(366));
        TrustDecision over = anchors.decide(PKI.marketSeal.chain(), BUSINESS_LICENCE, after);
        assertThat(over.kind()).isEqualTo(Kind.OUTSIDE_PERIOD);
        assertThat(over.reason()).contains("recognition ended");
        assertThat(anchors.certificatesGrantedAt(after)).isEmpty();
        TrustDecision before = anchors.decide(PKI.marketSeal.chain(), BUSINESS_LICENCE, NOW.minus(Duration.ofDays(31)));
        assertThat(before.kind()).isEqualTo(Kind.OUTSIDE_PERIOD);
    }

    @Test
    void aSealUnderAnUnlistedCaIsNotListed() {
        TrustDecision decision = anchors(PKI.market()).decide(PKI.strangerSeal.chain(), BUSINESS_LICENCE, NOW);
        assertThat(decision.kind()).isEqualTo(Kind.NOT_LISTED);
        assertThat(decision.authority()).isEmpty();
        assertThat(decision.reason()).contains("not issued under any CA on the trust list");
    }

    @Test
    void aSealOfAnUnlistedOrganisationUnderAListedCaIsNotListed() {
        TrustDecision decision = anchors(PKI.market()).decide(PKI.forestrySeal.chain(), BUSINESS_LICENCE, NOW);
        assertThat(decision.kind()).isEqualTo(Kind.NOT_LISTED);
        assertThat(decision.reason()).contains(TrustListTestPki.FORESTRY_USCC, "not a listed authority");
        // both listed on the same CA: each seal maps to its own authority
        TrustListAnchors both = anchors(PKI.market(), PKI.forestry());
        assertThat(both.decide(PKI.forestrySeal.chain(), "11100000XF00000021001", NOW)
                        .label())
                .contains("邻省示范市林业局 (示范邻省)");
        assertThat(both.decide(PKI.forestrySeal.chain(), BUSINESS_LICENCE, NOW).kind())
                .isEqualTo(Kind.TYPE_NOT_ALLOWED);
    }

    @Test
    void aLicenceNamingAnotherIssuerThanTheSealsAuthorityIsAMismatch() {
        TrustListAnchors anchors = anchors(PKI.market(), PKI.forestry());
        LicenceIdentifier own = LicenceIdentifier.first(BUSINESS_LICENCE, TrustListTestPki.MARKET_USCC, "20260001");
        LicenceIdentifier other = LicenceIdentifier.first(BUSINESS_LICENCE, TrustListTestPki.FORESTRY_USCC, "20260001");
        assertThat(anchors.decide(PKI.marketSeal.chain(), own, NOW).kind()).isEqualTo(Kind.GRANTED);
        TrustDecision mismatch = anchors.decide(PKI.marketSeal.chain(), other, NOW);
        assertThat(mismatch.kind()).isEqualTo(Kind.ISSUER_MISMATCH);
        assertThat(mismatch.reason()).contains(TrustListTestPki.FORESTRY_USCC, "sealed by 邻省示范市市场监督管理局");
    }

    private static X509Certificate jdk(X509Certificate certificate) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(certificate.getEncoded()));
    }
}
