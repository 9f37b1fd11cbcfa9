package cn.zhengyin.licence.verification;

import cn.zhengyin.licence.transparency.TransparencyViews.TransparencyEvidence;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.SubIndication;
import java.time.Instant;
import java.util.Optional;

/**
 * The answer to "is this licence file genuine?" (ARCHITECTURE.md §5): an overall ETSI indication over the signatures
 * and the registry match, a human summary in Chinese and English, the signature report with every check, and the
 * registry's answer (including the licence's status now, which is a separate question from the file's integrity), and
 * when the registry found the version, the transparency log's inclusion proofs of its events.
 *
 * @param mode what was verified: a file, an SES signature with its data, or only a hash the caller computed (then no
 *             signature was checked; see docs/verification.md)
 */
public record LicenceVerificationReport(
        Indication indication,
        SubIndication subIndication,
        Instant validationTime,
        String summaryZh,
        String summaryEn,
        DocumentVerificationReport document,
        RegistryAnswer registry,
        Optional<TransparencyEvidence> transparency,
        VerificationMode mode) {

    public boolean isPassed() {
        return indication == Indication.TOTAL_PASSED;
    }
}
