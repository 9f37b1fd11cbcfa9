package cn.zhengyin.seal.lifecycle.internal;

import cn.zhengyin.seal.lifecycle.Seal;
import cn.zhengyin.seal.lifecycle.SealEvent;
import cn.zhengyin.seal.lifecycle.SealRepository;
import cn.zhengyin.service.audit.AuditEvent;
import cn.zhengyin.service.audit.AuditLog;
import cn.zhengyin.trust.seal.SealType;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A seal store that records each stored lifecycle event, after it is stored, as {@code seal.<event type>}. */
public final class AuditedSealRepository implements SealRepository {
    private final SealRepository seals;
    private final AuditLog audit;

    public AuditedSealRepository(SealRepository seals, AuditLog audit) {
        this.seals = seals;
        this.audit = audit;
    }

    @Override
    public void insert(Seal seal) {
        seals.insert(seal);
        if (!seal.events().isEmpty()) {
            record(seal, seal.events().getLast());
        }
    }

    @Override
    public Seal update(Seal seal, Optional<SealEvent> event) {
        Seal stored = seals.update(seal, event);
        event.ifPresent(e -> record(stored, e));
        return stored;
    }

    private void record(Seal seal, SealEvent event) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("from", event.from() == null ? "" : event.from().name());
        details.put("to", event.to().name());
        details.put("reason", event.reason());
        details.put("organisation", seal.organisation().uscc());
        audit.record(new AuditEvent(
                event.at(),
                "seal." + event.type().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                AuditEvent.Outcome.SUCCESS,
                event.actor(),
                seal.id(),
                details));
    }

    @Override
    public Optional<Seal> find(String id) {
        return seals.find(id);
    }

    @Override
    public List<Seal> search(Optional<String> organisationUscc, Optional<SealType> type) {
        return seals.search(organisationUscc, type);
    }

    @Override
    public List<Seal> withRevokedCertificates() {
        return seals.withRevokedCertificates();
    }

    @Override
    public Optional<Seal> findByCertificate(String issuerCa, BigInteger serial) {
        return seals.findByCertificate(issuerCa, serial);
    }
}
