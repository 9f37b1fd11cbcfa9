package cn.zhengyin.trust.validation;

import java.util.Objects;

/**
 * What the licence registry says about the document being verified, supplied by the service (trust-core has no
 * registry). Combined with the signatures' indication by {@link VerificationConclusion#derive}.
 */
public sealed interface LicenceStanding {

    /** A registered licence version, in force now. */
    record InForce(String identifier) implements LicenceStanding {
        public InForce {
            Objects.requireNonNull(identifier, "identifier");
        }
    }

    /** A registered licence version that is not in force now. */
    record OutOfForce(String identifier, NotInForce details) implements LicenceStanding {
        public OutOfForce {
            Objects.requireNonNull(identifier, "identifier");
            Objects.requireNonNull(details, "details");
        }
    }

    /** The registry was asked and does not know this document. */
    record NotRegistered() implements LicenceStanding {}

    /** No registry was consulted (e.g. offline verification with {@code ca-tools verify}). */
    record NotConsulted() implements LicenceStanding {}

    static LicenceStanding inForce(String identifier) {
        return new InForce(identifier);
    }

    static LicenceStanding outOfForce(String identifier, NotInForce details) {
        return new OutOfForce(identifier, details);
    }

    static LicenceStanding notRegistered() {
        return new NotRegistered();
    }

    static LicenceStanding notConsulted() {
        return new NotConsulted();
    }
}
