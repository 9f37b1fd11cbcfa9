package cn.zhengyin.seal.authorisation.internal;

import cn.zhengyin.seal.authorisation.SealAuthorisation;
import cn.zhengyin.seal.authorisation.SealAuthorisationRepository;
import cn.zhengyin.service.audit.AuditEvent;
import cn.zhengyin.service.audit.AuditLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An authorisation store that records {@code seal.authorisation.grant} (who let whom use which seal, for which
 * licence types, in which window) and {@code seal.authorisation.withdraw}.
 */
public final class AuditedSealAuthorisationRepository implements SealAuthorisationRepository {
    private final SealAuthorisationRepository authorisations;
    private final AuditLog audit;

    public AuditedSealAuthorisationRepository(SealAuthorisationRepository authorisations, AuditLog audit) {
        this.authorisations = authorisations;
        this.audit = audit;
    }

    @Override
    public void insert(SealAuthorisation a) {
        authorisations.insert(a);
        Map<String, String> details = details(a);
        details.put("reason", a.reason());
        audit.record(new AuditEvent(
                a.grantedAt(),
                "seal.authorisation.grant",
                AuditEvent.Outcome.SUCCESS,
                a.grantedBy(),
                a.sealId(),
                details));
    }

    @Override
    public SealAuthorisation markRevoked(SealAuthorisation revoked) {
        SealAuthorisation stored = authorisations.markRevoked(revoked);
        Map<String, String> details = details(stored);
        details.put("reason", stored.revokeReason().orElse(""));
        audit.record(new AuditEvent(
                stored.revokedAt().orElseThrow(),
                "seal.authorisation.withdraw",
                AuditEvent.Outcome.SUCCESS,
                stored.revokedBy().orElse(""),
                stored.sealId(),
                details));
        return stored;
    }

    private static Map<String, String> details(SealAuthorisation a) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("authorisation", a.id());
        details.put("grantee", a.granteeKind() + " " + a.grantee());
        details.put(
                "licenceTypes",
                String.join(" ", a.licenceTypes().stream().sorted().toList()));
        details.put("validFrom", a.validFrom().toString());
        details.put("validUntil", a.validUntil().map(Object::toString).orElse(""));
        return details;
    }

    @Override
    public Optional<SealAuthorisation> find(String sealId, String id) {
        return authorisations.find(sealId, id);
    }

    @Override
    public List<SealAuthorisation> forSeal(String sealId) {
        return authorisations.forSeal(sealId);
    }

    @Override
    public List<SealAuthorisation> all() {
        return authorisations.all();
    }
}
