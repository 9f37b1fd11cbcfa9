package cn.zhengyin.licence.fieldreuse.internal;

import cn.zhengyin.licence.fieldreuse.Consent;
import cn.zhengyin.licence.fieldreuse.ThirdParties;
import cn.zhengyin.licence.fieldreuse.ThirdParty;
import cn.zhengyin.licence.fieldreuse.UsageRecord;
import java.time.Instant;
import java.util.List;

/** JSON shapes of the field-reuse API. */
final class Views {
    private Views() {}

    /** A consent as its holder sees it; {@code state} is ACTIVE, EXPIRED or WITHDRAWN now. */
    record ConsentView(
            String id,
            String licence,
            String licenceType,
            String holderCode,
            String clientId,
            String clientName,
            List<String> fields,
            String purpose,
            Instant grantedAt,
            Instant until,
            String state,
            Instant withdrawnAt) {
        static ConsentView of(Consent c, ThirdParties parties, Instant now) {
            return new ConsentView(
                    c.id(),
                    c.licenceRoot(),
                    c.typeCode(),
                    c.holderCode(),
                    c.clientId(),
                    parties.find(c.clientId()).map(ThirdParty::name).orElse(c.clientId()),
                    c.fields(),
                    c.purpose(),
                    c.grantedAt(),
                    c.until(),
                    c.stateAt(now).name(),
                    c.withdrawnAt().orElse(null));
        }
    }

    record UsageRecordView(
            String id,
            Instant time,
            String kind,
            String clientId,
            String clientName,
            String identifier,
            String licence,
            String licenceType,
            List<String> fields,
            String purpose,
            String basis,
            String caseNumber,
            String serviceItem) {
        static UsageRecordView of(UsageRecord r) {
            return new UsageRecordView(
                    r.id(),
                    r.time(),
                    r.kind().name(),
                    r.clientId(),
                    r.clientName(),
                    r.identifier(),
                    r.licenceRoot(),
                    r.typeCode(),
                    r.fields(),
                    r.purpose(),
                    r.basis(),
                    r.caseNumber(),
                    r.serviceItem());
        }
    }
}
