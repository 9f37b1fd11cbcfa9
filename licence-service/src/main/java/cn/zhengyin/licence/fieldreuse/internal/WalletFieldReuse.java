package cn.zhengyin.licence.fieldreuse.internal;

import cn.zhengyin.licence.fieldreuse.FieldReuse;
import cn.zhengyin.licence.fieldreuse.FieldReuseException;
import cn.zhengyin.licence.fieldreuse.ThirdParties;
import cn.zhengyin.licence.fieldreuse.ThirdParty;
import cn.zhengyin.licence.holder.Holder;
import cn.zhengyin.licence.wallet.LicenceConsents;
import cn.zhengyin.licence.wallet.LicenceUsageRecords;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Field reuse as the wallet sees it: the usage records and the consents of one licence of the signed-in holder
 * (adapter of the wallet's ports {@link LicenceUsageRecords} and {@link LicenceConsents}). Every call goes through
 * {@link FieldReuse} with the holder, so its rules (only the holder's own licences and consents) apply unchanged.
 */
final class WalletFieldReuse implements LicenceUsageRecords, LicenceConsents {
    /** The licence page shows the newest records; the JSON API pages further. */
    static final int PAGE_RECORDS = 100;

    private final FieldReuse fieldReuse;
    private final ThirdParties thirdParties;
    private final FieldReuseProperties properties;
    private final Clock clock;

    WalletFieldReuse(FieldReuse fieldReuse, ThirdParties thirdParties, FieldReuseProperties properties, Clock clock) {
        this.fieldReuse = fieldReuse;
        this.thirdParties = thirdParties;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public List<UsageRecord> about(Holder holder, String licenceRoot) {
        try {
            return fieldReuse.usageRecords(holder, Optional.of(licenceRoot), PAGE_RECORDS).stream()
                    .map(r -> new UsageRecord(
                            r.time(),
                            r.clientName(),
                            r.kind().name(),
                            r.fields(),
                            r.purpose(),
                            r.caseNumber(),
                            r.serviceItem(),
                            r.basis()))
                    .toList();
        } catch (FieldReuseException e) {
            return List.of(); // not the holder's licence: the wallet answers 404 before asking
        }
    }

    @Override
    public List<LicenceConsents.Consent> consentsAbout(Holder holder, String licenceRoot) {
        Instant now = clock.instant();
        return fieldReuse.consents(holder).stream()
                .filter(c -> c.licenceRoot().equals(licenceRoot))
                .sorted(Comparator.comparing(cn.zhengyin.licence.fieldreuse.Consent::grantedAt)
                        .reversed())
                .map(c -> view(c, now))
                .toList();
    }

    @Override
    public List<Party> parties() {
        return properties.thirdParties().entrySet().stream()
                .map(e -> new Party(e.getKey(), e.getValue().name()))
                .sorted(Comparator.comparing(Party::name).thenComparing(Party::clientId))
                .toList();
    }

    @Override
    public LicenceConsents.Consent grant(
            Holder holder, String licenceRoot, String clientId, List<String> fields, String purpose, Instant until) {
        try {
            return view(
                    fieldReuse.grant(
                            holder, new FieldReuse.GrantRequest(licenceRoot, clientId, fields, purpose, until)),
                    clock.instant());
        } catch (FieldReuseException e) {
            throw refused(e);
        }
    }

    @Override
    public String withdraw(Holder holder, String consentId) {
        try {
            return fieldReuse.withdraw(holder, consentId).licenceRoot();
        } catch (FieldReuseException e) {
            throw refused(e);
        }
    }

    private LicenceConsents.Consent view(cn.zhengyin.licence.fieldreuse.Consent c, Instant now) {
        return new LicenceConsents.Consent(
                c.id(),
                thirdParties.find(c.clientId()).map(ThirdParty::name).orElse(c.clientId()),
                c.fields(),
                c.purpose(),
                c.grantedAt(),
                c.until(),
                c.stateAt(now).name().toLowerCase(Locale.ROOT),
                c.withdrawnAt());
    }

    private static Refused refused(FieldReuseException e) {
        // "not your licence" is a REFUSED to the JSON API; the wallet answers it like an unknown one
        boolean notInForce = e.kind() == FieldReuseException.Kind.NOT_IN_FORCE;
        boolean notFound = e.kind() != FieldReuseException.Kind.INVALID && !notInForce;
        return new Refused(notFound, notInForce, e.getMessage());
    }
}
