package cn.zhengyin.licence.fieldreuse;

import java.time.Instant;
import java.util.List;

/**
 * One use of a licence by a third party (用证记录): never changed or deleted.
 *
 * @param kind        what happened
 * @param clientId    who (OAuth2 client id) and {@code clientName} its registered name
 * @param identifier  the licence version released or verified; {@code licenceRoot}, {@code typeCode},
 *                    {@code issuerCode} and {@code holderCode} say whose licence it is
 * @param fields      the field keys disclosed: released, or printed on an annotated copy (empty for a verification)
 * @param basis       consent id, {@code use-code}, {@code duty:<service item>} or {@code verification}
 * @param caseNumber  办件编号 (duty reads; optional otherwise)
 * @param serviceItem 事项编码 (duty reads)
 */
public record UsageRecord(
        String id,
        Instant time,
        Kind kind,
        String clientId,
        String clientName,
        String identifier,
        String licenceRoot,
        String typeCode,
        String issuerCode,
        String holderCode,
        List<String> fields,
        String purpose,
        String basis,
        String caseNumber,
        String serviceItem) {

    public UsageRecord {
        fields = List.copyOf(fields);
        purpose = purpose == null ? "" : purpose;
        caseNumber = caseNumber == null ? "" : caseNumber;
        serviceItem = serviceItem == null ? "" : serviceItem;
    }

    public enum Kind {
        /** 字段读取: fields released under a consent or a duty. */
        FIELD_READ,
        /** 用证码核销: fields released by redeeming a use code. */
        USE_CODE_REDEMPTION,
        /** 加注件: an annotated, re-signed copy of the licence file. */
        ANNOTATED_COPY,
        /** 核验: a registered client verified a file of the licence. */
        VERIFICATION
    }
}
