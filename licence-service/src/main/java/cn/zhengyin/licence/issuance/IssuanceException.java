package cn.zhengyin.licence.issuance;

import cn.zhengyin.licence.licencetype.FieldViolation;
import java.time.Instant;
import java.util.List;

/** Why an issuance request was not carried out. Each case maps to one HTTP problem type. */
public sealed class IssuanceException extends RuntimeException {
    IssuanceException(String message) {
        super(message);
    }

    /** No licence type has the requested code or slug. */
    public static final class UnknownLicenceType extends IssuanceException {
        public UnknownLicenceType(String message) {
            super(message);
        }
    }

    /** The client is not an approval system, or may not issue this type. */
    public static final class NotPermitted extends IssuanceException {
        public NotPermitted(String message) {
            super(message);
        }
    }

    /** The submitted fields break the licence type's schema; every violation is listed. */
    public static final class InvalidFields extends IssuanceException {
        private final List<FieldViolation> violations;

        public InvalidFields(List<FieldViolation> violations) {
            super(violations.size() + " field(s) are invalid");
            this.violations = List.copyOf(violations);
        }

        public List<FieldViolation> violations() {
            return violations;
        }
    }

    /** No licence has the given identifier. */
    public static final class LicenceNotFound extends IssuanceException {
        public LicenceNotFound(String message) {
            super(message);
        }
    }

    /** The change is not allowed in the licence's current state (e.g. amending a revoked licence). */
    public static final class IllegalChange extends IssuanceException {
        public IllegalChange(String message) {
            super(message);
        }
    }

    /** The licence changed while this request was being processed; retrying reads the new state. */
    public static final class ConcurrentChange extends IssuanceException {
        public ConcurrentChange(String message) {
            super(message);
        }
    }

    /**
     * The licence type allows one licence in force per holder and the holder has one ({@code existing}); amend or renew
     * that one, or revoke/cancel it first.
     */
    public static final class HolderHasLicence extends IssuanceException {
        private final String existing;

        public HolderHasLicence(String message, String existing) {
            super(message);
            this.existing = existing;
        }

        /** The identifier of the licence in force (or being issued) for this holder. */
        public String existing() {
            return existing;
        }
    }

    /** The Idempotency-Key was used before with a different request. */
    public static final class IdempotencyKeyReused extends IssuanceException {
        IdempotencyKeyReused(String message) {
            super(message);
        }
    }

    /** Another request with the same Idempotency-Key is being processed. */
    public static final class InProgress extends IssuanceException {
        private final Instant retryAfter;

        InProgress(String message, Instant retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        public Instant retryAfter() {
            return retryAfter;
        }
    }
}
