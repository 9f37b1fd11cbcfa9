package cn.zhengyin.licence.verification;

import cn.zhengyin.licence.transparency.TransparencyViews.TransparencyEvidence;
import cn.zhengyin.trust.validation.Conclusion;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.NotInForce;
import cn.zhengyin.trust.validation.SubIndication;
import cn.zhengyin.trust.validation.VerificationConclusion;
import java.time.Instant;
import java.util.Optional;

/**
 * The answer to "is this licence file genuine, and may I rely on it now?" (ARCHITECTURE.md §5; docs/verification.md).
 * Two questions, two answers, one headline:
 *
 * <ul>
 *   <li>{@code conclusion} — the headline a relying party acts on: VALID (authentic and in force now), NOT_IN_FORCE
 *       (authentic, but revoked, suspended, cancelled, expired or superseded; {@code notInForce} says which, since
 *       when, by whom, why, and for a superseded version the current one), FAILED or INDETERMINATE. Derived by
 *       trust-core's {@link VerificationConclusion#derive} from the indication and the registry's standing.
 *   <li>{@code indication} — the ETSI-style result about the document: its signatures and the registry match. An
 *       authentic revoked licence is TOTAL_PASSED here and NOT_IN_FORCE in {@code conclusion}.
 * </ul>
 *
 * @param conclusion       the headline
 * @param notInForce       present exactly when {@code conclusion} is NOT_IN_FORCE
 * @param conclusionReason one sentence in English explaining the conclusion
 * @param policy           the validation policy applied ({@code licence} or {@code baseline})
 * @param issuedBy         under {@code baseline}, the listed authority and region of another province's licence
 *                         (trust list), e.g. "邻省市场监督管理局 (XX省)"
 * @param mode             what was verified: a file, an SES signature with its data, or only a hash the caller
 *                         computed (then no signature was checked; see docs/verification.md)
 */
public record LicenceVerificationReport(
        Conclusion conclusion,
        Optional<NotInForce> notInForce,
        String conclusionReason,
        String policy,
        Indication indication,
        SubIndication subIndication,
        Instant validationTime,
        String summaryZh,
        String summaryEn,
        DocumentVerificationReport document,
        RegistryAnswer registry,
        Optional<TransparencyEvidence> transparency,
        VerificationMode mode,
        Optional<String> issuedBy) {

    public boolean isPassed() {
        return indication == Indication.TOTAL_PASSED;
    }

    /** Whether the headline is VALID: authentic and in force now. */
    public boolean isValid() {
        return conclusion == Conclusion.VALID;
    }

    static LicenceVerificationReport of(
            VerificationConclusion conclusion,
            String policy,
            Indication indication,
            SubIndication subIndication,
            Instant validationTime,
            String summaryZh,
            String summaryEn,
            DocumentVerificationReport document,
            RegistryAnswer registry,
            Optional<TransparencyEvidence> transparency,
            VerificationMode mode,
            Optional<String> issuedBy) {
        return new LicenceVerificationReport(
                conclusion.conclusion(),
                conclusion.notInForce(),
                conclusion.reason(),
                policy,
                indication,
                subIndication,
                validationTime,
                summaryZh,
                summaryEn,
                document,
                registry,
                transparency,
                mode,
                issuedBy);
    }
}
