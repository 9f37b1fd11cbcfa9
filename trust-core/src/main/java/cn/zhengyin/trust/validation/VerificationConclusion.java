package cn.zhengyin.trust.validation;

import java.util.Objects;
import java.util.Optional;

/**
 * The top-level answer of a verification: {@link Conclusion}, the details when not in force, and why, in English.
 *
 * @param conclusion the headline
 * @param notInForce present exactly when {@code conclusion} is {@link Conclusion#NOT_IN_FORCE}
 * @param reason     one sentence explaining the conclusion
 */
public record VerificationConclusion(Conclusion conclusion, Optional<NotInForce> notInForce, String reason) {

    public VerificationConclusion {
        Objects.requireNonNull(conclusion, "conclusion");
        Objects.requireNonNull(notInForce, "notInForce");
        Objects.requireNonNull(reason, "reason");
        if (notInForce.isPresent() != (conclusion == Conclusion.NOT_IN_FORCE)) {
            throw new IllegalArgumentException("notInForce is present exactly for NOT_IN_FORCE");
        }
    }

    /**
     * Derives the conclusion; a pure function of its arguments.
     *
     * <ol>
     *   <li>TOTAL_FAILED → FAILED; INDETERMINATE → INDETERMINATE: the signatures decide first, whatever the registry
     *       says (a registered hash does not make a broken signature valid).
     *   <li>TOTAL_PASSED and the registry knows the licence: in force → VALID, otherwise NOT_IN_FORCE with the
     *       registry's details.
     *   <li>TOTAL_PASSED and the registry does not know the document: under a policy that requires registration
     *       ({@code licence}) INDETERMINATE (it is not this store's licence); under {@code baseline} VALID — the
     *       conclusion follows the signatures alone.
     *   <li>TOTAL_PASSED and no registry consulted (offline): the conclusion follows the signatures; the reason says
     *       the licence's standing was not checked.
     * </ol>
     *
     * @param indication    the document's ETSI indication
     * @param subIndication its sub-indication
     * @param policy        the validation policy the indication was reached under
     * @param standing      what the registry says
     */
    public static VerificationConclusion derive(
            Indication indication, SubIndication subIndication, ValidationPolicy policy, LicenceStanding standing) {
        Objects.requireNonNull(indication, "indication");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(standing, "standing");
        String sub = subIndication == null || subIndication == SubIndication.NONE ? "" : " / " + subIndication;
        if (indication == Indication.TOTAL_FAILED) {
            return new VerificationConclusion(
                    Conclusion.FAILED, Optional.empty(), "The signatures failed validation (TOTAL_FAILED" + sub + ").");
        }
        if (indication == Indication.INDETERMINATE) {
            return new VerificationConclusion(
                    Conclusion.INDETERMINATE,
                    Optional.empty(),
                    "The signatures could not be validated (INDETERMINATE" + sub + ").");
        }
        return switch (standing) {
            case LicenceStanding.InForce f ->
                new VerificationConclusion(
                        Conclusion.VALID,
                        Optional.empty(),
                        "The signatures are valid and licence " + f.identifier() + " is in force.");
            case LicenceStanding.OutOfForce o ->
                new VerificationConclusion(
                        Conclusion.NOT_IN_FORCE,
                        Optional.of(o.details()),
                        "The signatures are valid, but licence " + o.identifier() + " is not in force: "
                                + o.details().describe() + ".");
            case LicenceStanding.NotRegistered n ->
                policy.registryRequired()
                        ? new VerificationConclusion(
                                Conclusion.INDETERMINATE,
                                Optional.empty(),
                                "The signatures are valid, but the document is not a licence registered in this "
                                        + "store, which policy '"
                                        + policy.name().id() + "' requires.")
                        : new VerificationConclusion(
                                Conclusion.VALID,
                                Optional.empty(),
                                "The signatures are valid under policy '"
                                        + policy.name().id()
                                        + "'; the document is not a registered licence, so the conclusion follows "
                                        + "the signatures alone.");
            case LicenceStanding.NotConsulted n ->
                new VerificationConclusion(
                        Conclusion.VALID,
                        Optional.empty(),
                        "The signatures are valid under policy '"
                                + policy.name().id()
                                + "'; no licence registry was consulted, so whether the licence is still in force "
                                + "was not checked.");
        };
    }
}
