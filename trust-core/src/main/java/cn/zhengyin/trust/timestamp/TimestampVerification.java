package cn.zhengyin.trust.timestamp;

import cn.zhengyin.trust.validation.CertificateChainValidator;
import cn.zhengyin.trust.validation.CheckResult;
import cn.zhengyin.trust.validation.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Result of {@link TimestampVerifier#verify}.
 *
 * @param genTime    the token's genTime, if the token could be read
 * @param tsaSubject subject DN of the TSA certificate, if found
 * @param policyOid  the token's TSA policy, if the token could be read
 * @param checks     checks made, ids prefixed {@code timestamp.}
 */
public record TimestampVerification(
        Optional<Instant> genTime, Optional<String> tsaSubject, Optional<String> policyOid, List<CheckResult> checks) {

    public TimestampVerification {
        checks = List.copyOf(checks);
    }

    /**
     * @return true if no check failed and every check was made, except revocation, which may be NOT_CHECKED when
     * no CRL was supplied
     */
    public boolean isValid() {
        return !checks.isEmpty()
                && checks.stream()
                        .allMatch(c -> c.outcome() == Outcome.PASSED
                                || c.outcome() == Outcome.WARNING
                                || (c.outcome() == Outcome.NOT_CHECKED
                                        && c.id().equals(TimestampVerifier.PREFIX
                                                + CertificateChainValidator.REVOCATION)));
    }
}
