package cn.zhengyin.licence.wallet;

import cn.zhengyin.licence.holder.Holder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the holder's consents to third parties (授权用证) about one licence, to list, withdraw and grant them from the
 * wallet. Field reuse provides the implementation; without one the licence page has no consent section.
 */
public interface LicenceConsents {

    /**
     * @param party  the third party's registered name
     * @param fields field keys of the licence type
     * @param state  {@code active}, {@code withdrawn} or {@code expired} now
     */
    record Consent(
            String id,
            String party,
            List<String> fields,
            String purpose,
            Instant grantedAt,
            Instant until,
            String state,
            Optional<Instant> withdrawnAt) {
        public Consent {
            fields = List.copyOf(fields);
        }
    }

    /** A registered third party one can consent to. */
    record Party(String clientId, String name) {}

    /** A consent the service refused to grant or withdraw; the message says why and carries no field value. */
    final class Refused extends RuntimeException {
        private final boolean notFound;
        private final boolean notInForce;

        public Refused(boolean notFound, String message) {
            this(notFound, false, message);
        }

        public Refused(boolean notFound, boolean notInForce, String message) {
            super(message);
            this.notFound = notFound;
            this.notInForce = notInForce;
        }

        /** The licence is not in force (revoked, suspended, cancelled, expired): no consent can be given. */
        public boolean notInForce() {
            return notInForce;
        }

        /** The licence or consent is unknown or not the holder's (answered like an unknown one). */
        public boolean notFound() {
            return notFound;
        }
    }

    /** The holder's consents about a licence they hold, newest first. */
    List<Consent> consentsAbout(Holder holder, String licenceRoot);

    /** The third parties one can consent to, by name. */
    List<Party> parties();

    /**
     * Grants a consent on a licence the holder holds.
     *
     * @throws Refused if the licence is not the holder's or the request is not valid
     */
    Consent grant(
            Holder holder, String licenceRoot, String clientId, List<String> fields, String purpose, Instant until);

    /**
     * Withdraws one of the holder's consents (one withdrawn already stays as it was).
     *
     * @return the licence root the consent is about
     * @throws Refused (not found) if the holder has no consent with this id
     */
    String withdraw(Holder holder, String consentId);
}
