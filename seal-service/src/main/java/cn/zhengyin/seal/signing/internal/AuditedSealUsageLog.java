package cn.zhengyin.seal.signing.internal;

import cn.zhengyin.seal.signing.SealUsage;
import cn.zhengyin.seal.signing.SealUsageLog;
import cn.zhengyin.service.audit.AuditEvent;
import cn.zhengyin.service.audit.AuditLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A usage log that also records every refused signing request as {@code seal.sign} DENIED, with the reason. */
public final class AuditedSealUsageLog implements SealUsageLog {
    private final SealUsageLog usages;
    private final AuditLog audit;

    public AuditedSealUsageLog(SealUsageLog usages, AuditLog audit) {
        this.usages = usages;
        this.audit = audit;
    }

    @Override
    public void record(SealUsage usage) {
        usages.record(usage);
        if (SealUsage.REFUSED.equals(usage.result())) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("format", usage.format());
            details.put("organisation", usage.organisation());
            details.put("licenceIdentifier", usage.licenceIdentifier());
            details.put("licenceType", usage.licenceType());
            details.put("digest", usage.digestHex());
            details.put("reason", usage.detail());
            audit.record(new AuditEvent(
                    usage.at(), "seal.sign", AuditEvent.Outcome.DENIED, usage.caller(), usage.sealId(), details));
        }
    }

    @Override
    public List<SealUsage> bySeal(String sealId, int limit) {
        return usages.bySeal(sealId, limit);
    }

    @Override
    public List<SealUsage> byOrganisation(String uscc, int limit) {
        return usages.byOrganisation(uscc, limit);
    }
}
