package cn.zhengyin.licence.issuance;

import java.util.Optional;

/**
 * Port: where {@link LicenceIssuer} reports every issuance request that failed once it knew the caller, so that no
 * failure goes unrecorded (the adapter writes the audit log). A report names no field value: the reason says which
 * fields were refused, not what they held.
 */
@FunctionalInterface
public interface FailedIssuances {

    /**
     * @param client      the approval system
     * @param licenceType the type it asked for, as given
     * @param caseNumber  its case number, or empty
     * @param identifier  the licence identifier (and so the serial number) the request had taken, if it got that far:
     *                    a retry with the same Idempotency-Key finishes the licence under it; without a key the serial
     *                    stays unused, and this record accounts for the gap
     * @param denied      the caller may not issue this (as opposed to a request or service failure)
     * @param reason      the exception's kind and a description without personal data
     */
    record FailedIssuance(
            String client,
            String licenceType,
            String caseNumber,
            Optional<String> identifier,
            boolean denied,
            String reason) {}

    void record(FailedIssuance failure);

    /** Records nothing (unit tests that do not look at failures). */
    FailedIssuances NONE = failure -> {};
}
