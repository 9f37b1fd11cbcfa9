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
        UnknownLicenceType(String message) {
            super(message);
        }
    }

    /** The client is not an approval system, or may not issue this type. */
    public static final class NotPermitted extends IssuanceException {
        NotPermitted(String message) {
            super(message);
        }
    }

    /** The submitted fields break the licence type's schema; every violation is listed. */
    public static final class InvalidFields extends IssuanceException {
        private final List<FieldViolation> violations;

        InvalidFields(List<FieldViolation> violations) {
            super(violations.size() + " field(s) are invalid");
            this.violations = List.copyOf(violations);
        }

        public List<FieldViolation> violations() {
            return violations;
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
