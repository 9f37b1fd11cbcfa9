package cn.zhengyin.licence.verification;

import cn.zhengyin.trust.validation.Conclusion;
import java.util.Optional;

/**
 * Published (synchronously) after every verification answered with a report, by the API and by the verification page:
 * its conclusion and, when the registry found the file, the licence version it is. Carries no holder data. Listeners
 * must not fail the verification.
 */
public record VerificationConcluded(Conclusion conclusion, Optional<String> identifier) {

    /** The event of this report. */
    public static VerificationConcluded of(LicenceVerificationReport report) {
        return new VerificationConcluded(
                report.conclusion(),
                report.registry().found() ? report.registry().identifier() : Optional.empty());
    }
}
