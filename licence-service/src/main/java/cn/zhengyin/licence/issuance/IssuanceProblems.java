package cn.zhengyin.licence.issuance;

import cn.zhengyin.licence.sealing.LicenceSealer;
import cn.zhengyin.service.problem.ProblemException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/** How issuance and change failures read as HTTP problems (RFC 9457), in one place for every licence endpoint. */
public final class IssuanceProblems {
    private IssuanceProblems() {}

    /**
     * The problem's detail names what is wrong: one violation in full ("reason: a reason is required …"), several by
     * count. Only a violation of a licence field is called one; a missing reason of a revocation is not (issue #15).
     */
    static String invalidDetail(IssuanceException.InvalidFields f) {
        var violations = f.violations();
        boolean requestOnly = violations.stream().allMatch(v -> REQUEST_FIELDS.contains(v.field()));
        String what = requestOnly ? "the request is invalid" : "the licence fields are invalid";
        if (violations.size() == 1) {
            var v = violations.getFirst();
            return what + ": " + v.field() + ": " + v.message();
        }
        return what + ": " + violations.size() + " problem(s), listed in errors";
    }

    /** Members of a request that are not licence fields. */
    private static final java.util.Set<String> REQUEST_FIELDS =
            java.util.Set.of("reason", "caseNumber", "licenceType", "effectiveFrom", "until", "idempotencyKey");

    public static ProblemException of(RuntimeException e, Clock clock) {
        return switch (e) {
            case IssuanceException.UnknownLicenceType u ->
                new ProblemException(
                        HttpStatus.BAD_REQUEST, "unknown-licence-type", "Unknown licence type", u.getMessage());
            case IssuanceException.NotPermitted n ->
                new ProblemException(HttpStatus.FORBIDDEN, "not-permitted", "Not permitted", n.getMessage());
            case IssuanceException.InvalidFields f ->
                ProblemException.validationFailed(
                        invalidDetail(f),
                        f.violations().stream()
                                .map(v -> new ProblemException.FieldError(v.field(), v.message()))
                                .toList());
            case IssuanceException.LicenceNotFound n ->
                new ProblemException(HttpStatus.NOT_FOUND, "licence-not-found", "Licence not found", n.getMessage());
            case IssuanceException.IllegalChange c ->
                new ProblemException(HttpStatus.CONFLICT, "illegal-change", "Change not allowed", c.getMessage());
            case IssuanceException.ConcurrentChange c ->
                new ProblemException(
                        HttpStatus.CONFLICT, "concurrent-change", "Licence changed meanwhile", c.getMessage());
            case IssuanceException.HolderHasLicence h ->
                new ProblemException(
                                HttpStatus.CONFLICT,
                                "holder-has-licence",
                                "Holder already has a licence in force",
                                h.getMessage())
                        .with("licence", h.existing());
            case IssuanceException.IdempotencyKeyReused r ->
                new ProblemException(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "idempotency-key-reused",
                        "Idempotency-Key reused",
                        r.getMessage());
            case IssuanceException.InProgress p -> {
                long seconds = Math.max(
                        1, Duration.between(clock.instant(), p.retryAfter()).toSeconds());
                yield new ProblemException(
                        HttpStatus.CONFLICT,
                        "request-in-progress",
                        "Request in progress",
                        p.getMessage() + "; retry after " + seconds + " s");
            }
            case VersionProducer.VersionTaken t ->
                new ProblemException(HttpStatus.CONFLICT, "change-in-progress", "Change in progress", t.getMessage());
            case LicenceSealer.SealingFailedException s ->
                new ProblemException(
                        s.retryable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY,
                        "sealing-failed",
                        "The licence could not be sealed",
                        s.getMessage()
                                + (s.retryable()
                                        ? "; nothing was issued, retry later with the same Idempotency-Key"
                                        : ""));
            default -> throw e;
        };
    }
}
