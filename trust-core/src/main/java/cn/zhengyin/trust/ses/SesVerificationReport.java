package cn.zhengyin.trust.ses;

import cn.zhengyin.trust.validation.CheckResult;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.SubIndication;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verdict on a GB/T 38540 seal (验章) or seal signature (验签), in the ETSI EN 319 102-1 vocabulary of
 * {@link cn.zhengyin.trust.validation}. Fail closed: TOTAL_PASSED only if every check passed.
 *
 * @param subject        what was verified
 * @param layout         {@value #GB_T_38540_2020} or {@value #GM_T_0031_2014}; empty if the bytes could not be read
 * @param indication     overall indication
 * @param subIndication  why, or {@link SubIndication#NONE}
 * @param validationTime the time the verification was made for
 * @param esId           the seal's identifier, when readable
 * @param sealName       the seal's name, when readable
 * @param signerSubject  subject DN of the signer (签章者) certificate; for a seal alone, of the maker (制章者)
 * @param signingTime    the time the signature is judged at: the time-stamp's genTime, else the claimed timeInfo
 * @param timestampTime  genTime of a valid time-stamp, the proof of existence
 * @param checks         every check made, in order; ids are the constants of {@link SesVerifier}
 */
public record SesVerificationReport(
        Subject subject,
        Optional<String> layout,
        Indication indication,
        SubIndication subIndication,
        Instant validationTime,
        Optional<String> esId,
        Optional<String> sealName,
        Optional<String> signerSubject,
        Optional<Instant> signingTime,
        Optional<Instant> timestampTime,
        List<CheckResult> checks) {

    public static final String GB_T_38540_2020 = "GB/T 38540-2020";
    public static final String GM_T_0031_2014 = "GM/T 0031-2014";

    /** What a report is about. */
    public enum Subject {
        /** An electronic seal (SESeal) on its own. */
        SEAL,
        /** An electronic seal signature (SES_Signature), including its embedded seal. */
        SIGNATURE
    }

    public SesVerificationReport {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(indication, "indication");
        Objects.requireNonNull(subIndication, "subIndication");
        Objects.requireNonNull(validationTime, "validationTime");
        checks = List.copyOf(checks);
    }

    public boolean isPassed() {
        return indication == Indication.TOTAL_PASSED;
    }

    /** @return the check with this id, if it was made */
    public Optional<CheckResult> check(String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
