package cn.zhengyin.trust.validation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Verdict on one signature of a document.
 *
 * @param fieldName           the signature field's fully qualified name in the PDF
 * @param indication          overall indication of this signature
 * @param subIndication       why, or {@link SubIndication#NONE} when passed
 * @param signerSubject       subject DN of the signing certificate (RFC 2253), when identified
 * @param signerSerial        serial number of the signing certificate in hex, when identified
 * @param signingTime         the signing time the signer claims (PDF {@code /M}); not proof
 * @param timestampTime       genTime of a valid signature time-stamp: proof the signature existed then
 * @param coversWholeDocument whether the signed byte range ends at the end of the file
 * @param checks              every check made, in order
 */
public record SignatureReport(
        String fieldName,
        Indication indication,
        SubIndication subIndication,
        Optional<String> signerSubject,
        Optional<String> signerSerial,
        Optional<Instant> signingTime,
        Optional<Instant> timestampTime,
        boolean coversWholeDocument,
        List<CheckResult> checks) {

    public SignatureReport {
        checks = List.copyOf(checks);
    }

    public boolean isPassed() {
        return indication == Indication.TOTAL_PASSED;
    }

    /** @return the check with this id, if it was made */
    public Optional<CheckResult> check(String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
