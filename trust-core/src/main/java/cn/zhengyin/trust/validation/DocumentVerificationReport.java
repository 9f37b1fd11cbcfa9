package cn.zhengyin.trust.validation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Verdict on a whole signed document.
 *
 * @param indication     overall indication (see {@link #of})
 * @param subIndication  why, or {@link SubIndication#NONE}
 * @param validationTime the time the validation was made for
 * @param documentSha256 lowercase hex SHA-256 of the file as received
 * @param signatures     one report per signature, in file order
 * @param documentChecks checks on the file as a whole
 */
public record DocumentVerificationReport(
        Indication indication,
        SubIndication subIndication,
        Instant validationTime,
        String documentSha256,
        List<SignatureReport> signatures,
        List<CheckResult> documentChecks) {

    public DocumentVerificationReport {
        signatures = List.copyOf(signatures);
        documentChecks = List.copyOf(documentChecks);
    }

    public boolean isPassed() {
        return indication == Indication.TOTAL_PASSED;
    }

    /**
     * Applies the fail-closed rule: TOTAL_PASSED only if no document check failed, there is at least one signature,
     * every signature passed and the last signature covers the whole file. Otherwise the first failing document
     * check decides (it carries its own indication), then the first signature that did not pass.
     *
     * @param documentFailure indication/sub-indication of the first failed document check, if any
     */
    public static DocumentVerificationReport of(
            Instant validationTime,
            String documentSha256,
            List<SignatureReport> signatures,
            List<CheckResult> documentChecks,
            Optional<Verdict> documentFailure) {
        return of(validationTime, documentSha256, signatures, documentChecks, documentFailure, false);
    }

    /**
     * As {@link #of(Instant, String, List, List, Optional)}; with {@code unsignedChangesAllowed} the last signature
     * need not cover the whole file: the caller has established that what follows it is allowed (e.g. by the
     * document's DocMDP certification level) and reported it in a document check.
     */
    public static DocumentVerificationReport of(
            Instant validationTime,
            String documentSha256,
            List<SignatureReport> signatures,
            List<CheckResult> documentChecks,
            Optional<Verdict> documentFailure,
            boolean unsignedChangesAllowed) {
        Verdict verdict = documentFailure
                .or(() -> signatures.isEmpty()
                        ? Optional.of(new Verdict(Indication.INDETERMINATE, SubIndication.SIGNED_DATA_NOT_FOUND))
                        : Optional.empty())
                .or(() -> signatures.stream()
                        .filter(s -> !s.isPassed())
                        .findFirst()
                        .map(s -> new Verdict(s.indication(), s.subIndication())))
                .or(() -> unsignedChangesAllowed
                                || signatures.get(signatures.size() - 1).coversWholeDocument()
                        ? Optional.empty()
                        : Optional.of(new Verdict(Indication.INDETERMINATE, SubIndication.UNSIGNED_CHANGES)))
                .orElse(new Verdict(Indication.TOTAL_PASSED, SubIndication.NONE));
        return new DocumentVerificationReport(
                verdict.indication(),
                verdict.subIndication(),
                validationTime,
                documentSha256,
                signatures,
                documentChecks);
    }

    /** An indication with its sub-indication. */
    public record Verdict(Indication indication, SubIndication subIndication) {}
}
