package cn.zhengyin.trust.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 20, observation 1: an authentic but revoked or superseded licence is not VALID; the headline says so. */
class VerificationConclusionTest {

    static final String ID = "1.2.156.3005.2.11100000XF0000001X001.11110100000000019Q.20260000001.001.2";
    static final NotInForce REVOKED = new NotInForce(
            NotInForce.Status.REVOKED,
            Optional.of(Instant.parse("2026-11-20T10:00:00Z")),
            Optional.of("证印示范市市场监督管理局"),
            Optional.of("obtained by fraud"),
            Optional.empty());

    static VerificationConclusion derive(Indication indication, ValidationPolicy policy, LicenceStanding standing) {
        return VerificationConclusion.derive(indication, SubIndication.NONE, policy, standing);
    }

    @Test
    void aRevokedLicenceWithValidSignaturesIsNotInForceWithWhatWhenWhoAndWhy() {
        VerificationConclusion c =
                derive(Indication.TOTAL_PASSED, ValidationPolicy.LICENCE, LicenceStanding.outOfForce(ID, REVOKED));
        assertThat(c.conclusion()).isEqualTo(Conclusion.NOT_IN_FORCE);
        assertThat(c.notInForce()).contains(REVOKED);
        assertThat(c.reason()).contains("REVOKED since 2026-11-20T10:00:00Z by 证印示范市市场监督管理局: obtained by fraud");
    }

    @Test
    void aSupersededVersionNamesTheCurrentVersion() {
        NotInForce superseded = new NotInForce(
                NotInForce.Status.SUPERSEDED,
                Optional.of(Instant.parse("2026-11-01T00:00:00Z")),
                Optional.empty(),
                Optional.empty(),
                Optional.of(ID.replace(".001.2", ".002.X")));
        VerificationConclusion c =
                derive(Indication.TOTAL_PASSED, ValidationPolicy.LICENCE, LicenceStanding.outOfForce(ID, superseded));
        assertThat(c.conclusion()).isEqualTo(Conclusion.NOT_IN_FORCE);
        assertThat(c.reason()).contains("the current version is " + ID.replace(".001.2", ".002.X"));
        assertThatThrownBy(() -> new NotInForce(
                        NotInForce.Status.SUPERSEDED,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyPassedSignaturesOfALicenceInForceAreValid() {
        assertThat(derive(Indication.TOTAL_PASSED, ValidationPolicy.LICENCE, LicenceStanding.inForce(ID))
                        .conclusion())
                .isEqualTo(Conclusion.VALID);
        // the registry never rescues a failed or undecided signature
        assertThat(derive(Indication.TOTAL_FAILED, ValidationPolicy.LICENCE, LicenceStanding.inForce(ID))
                        .conclusion())
                .isEqualTo(Conclusion.FAILED);
        assertThat(derive(Indication.INDETERMINATE, ValidationPolicy.BASELINE, LicenceStanding.inForce(ID))
                        .conclusion())
                .isEqualTo(Conclusion.INDETERMINATE);
        assertThat(derive(Indication.TOTAL_FAILED, ValidationPolicy.LICENCE, LicenceStanding.outOfForce(ID, REVOKED))
                        .conclusion())
                .isEqualTo(Conclusion.FAILED);
    }

    @Test
    void anUnregisteredDocumentIsIndeterminateUnderLicenceAndFollowsTheSignaturesUnderBaseline() {
        assertThat(derive(Indication.TOTAL_PASSED, ValidationPolicy.LICENCE, LicenceStanding.notRegistered())
                        .conclusion())
                .isEqualTo(Conclusion.INDETERMINATE);
        assertThat(derive(Indication.TOTAL_PASSED, ValidationPolicy.BASELINE, LicenceStanding.notRegistered())
                        .conclusion())
                .isEqualTo(Conclusion.VALID);
        VerificationConclusion offline =
                derive(Indication.TOTAL_PASSED, ValidationPolicy.LICENCE, LicenceStanding.notConsulted());
        assertThat(offline.conclusion()).isEqualTo(Conclusion.VALID);
        assertThat(offline.reason()).contains("no licence registry was consulted");
    }

    @Test
    void policiesAreSelectedByNameAndAnUnknownNameIsAClearError() {
        assertThat(ValidationPolicy.named("baseline")).isEqualTo(ValidationPolicy.BASELINE);
        assertThat(ValidationPolicy.named(" LICENCE ")).isEqualTo(ValidationPolicy.LICENCE);
        assertThat(ValidationPolicy.LICENCE.signatureTimestampRequired()).isTrue();
        assertThat(ValidationPolicy.BASELINE.signatureTimestampRequired()).isFalse();
        assertThat(ValidationPolicy.BASELINE.revocation()).isEqualTo(RevocationPolicy.REQUIRE);
        assertThatThrownBy(() -> ValidationPolicy.named("lenient"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown validation policy 'lenient'; known policies: licence, baseline.");
    }
}
