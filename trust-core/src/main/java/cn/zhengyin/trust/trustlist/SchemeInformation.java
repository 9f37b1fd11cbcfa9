package cn.zhengyin.trust.trustlist;

import java.time.Instant;
import java.util.Objects;

/**
 * The list's scheme information (ETSI TS 119 612 §5.3): who operates it, its sequence number (incremented by every
 * issue; a lower one than the last accepted is a rollback), when it was issued and when the next one is due (after
 * that the list is stale and fails closed).
 */
public record SchemeInformation(
        long sequenceNumber,
        String operatorName,
        String schemeName,
        String territory,
        Instant issued,
        Instant nextUpdate) {
    public SchemeInformation {
        if (sequenceNumber < 1) {
            throw malformed("TSLSequenceNumber " + sequenceNumber + " must be 1 or more");
        }
        requireText(operatorName, "SchemeOperatorName");
        requireText(schemeName, "SchemeName");
        requireText(territory, "SchemeTerritory");
        Objects.requireNonNull(issued, "issued");
        Objects.requireNonNull(nextUpdate, "nextUpdate");
        if (!nextUpdate.isAfter(issued)) {
            throw malformed("NextUpdate " + nextUpdate + " must be after ListIssueDateTime " + issued);
        }
    }

    static void requireText(String value, String element) {
        if (value == null || value.isBlank()) {
            throw malformed(element + " is missing or empty");
        }
    }

    static TrustListException malformed(String message) {
        return new TrustListException(TrustListException.Reason.MALFORMED, "Malformed trust list: " + message + ".");
    }
}
