package cn.zhengyin.licence.registry;

import java.time.Instant;

/**
 * One change in a licence's life, kept for ever.
 *
 * @param type       what happened, e.g. ISSUED
 * @param version    the version the event concerns
 * @param actor      the authenticated client or person that caused it
 * @param caseNumber the approval case number (办件编号), may be empty
 */
public record LicenceEvent(String type, int version, String actor, String reason, String caseNumber, Instant at) {
    public LicenceEvent {
        reason = reason == null ? "" : reason;
        caseNumber = caseNumber == null ? "" : caseNumber;
    }
}
