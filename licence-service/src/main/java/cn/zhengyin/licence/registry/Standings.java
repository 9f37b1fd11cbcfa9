package cn.zhengyin.licence.registry;

import cn.zhengyin.trust.validation.LicenceStanding;
import cn.zhengyin.trust.validation.NotInForce;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The registry's side of a verification conclusion: whether a registered licence version is in force at a date and,
 * if not, which event took it out of force, when, by whom and why (from the licence's events), for
 * trust-core's {@code VerificationConclusion.derive}. A revocation, suspension or cancellation of the licence outranks
 * the supersession of an old version: the holder of version 001 of a revoked licence is told it is revoked.
 */
public final class Standings {
    private static final ZoneId CHINA = cn.zhengyin.trust.ChinaTime.ZONE;
    private static final Set<String> NEW_VERSION_EVENTS = Set.of("AMENDED", "RENEWED", "CORRECTED");

    private Standings() {}

    /**
     * @param licence    the licence head with its events
     * @param identifier the identifier of the version the document is (any version of the licence)
     * @param version    that version's number
     * @param today      the date in China the standing is judged at
     */
    public static LicenceStanding of(Licence licence, String identifier, int version, LocalDate today) {
        LicenceStatus status = licence.statusAt(today);
        switch (status) {
            case REVOKED -> {
                return out(identifier, event(licence, "REVOKED", NotInForce.Status.REVOKED));
            }
            case SUSPENDED -> {
                return out(identifier, event(licence, "SUSPENDED", NotInForce.Status.SUSPENDED));
            }
            case CANCELLED -> {
                return out(identifier, event(licence, "CANCELLED", NotInForce.Status.CANCELLED));
            }
            case EXPIRED -> {
                LocalDate until = licence.validUntil().orElseThrow();
                return out(
                        identifier,
                        new NotInForce(
                                NotInForce.Status.EXPIRED,
                                Optional.of(
                                        until.plusDays(1).atStartOfDay(CHINA).toInstant()),
                                Optional.empty(),
                                Optional.of("the licence was valid until " + until),
                                Optional.empty()));
            }
            case VALID -> {
                // in force as a licence; this version may still have been replaced by a newer one
            }
        }
        if (licence.currentIdentifier().equals(identifier) || version >= licence.currentVersion()) {
            return LicenceStanding.inForce(identifier);
        }
        Optional<LicenceEvent> next = licence.events().stream()
                .filter(e -> e.version() == version + 1 && NEW_VERSION_EVENTS.contains(e.type()))
                .findFirst();
        return out(
                identifier,
                new NotInForce(
                        NotInForce.Status.SUPERSEDED,
                        next.map(LicenceEvent::at),
                        next.map(LicenceEvent::actor).filter(s -> !s.isBlank()),
                        next.map(e -> e.type().toLowerCase(java.util.Locale.ROOT)
                                + (e.reason().isBlank() ? "" : ": " + e.reason())),
                        Optional.of(licence.currentIdentifier())));
    }

    private static LicenceStanding out(String identifier, NotInForce details) {
        return LicenceStanding.outOfForce(identifier, details);
    }

    /** The latest event of {@code type}: the one that set the status the licence has now. */
    private static NotInForce event(Licence licence, String type, NotInForce.Status status) {
        List<LicenceEvent> events = licence.events();
        for (int i = events.size() - 1; i >= 0; i--) {
            LicenceEvent e = events.get(i);
            if (e.type().equals(type)) {
                return new NotInForce(
                        status,
                        Optional.<Instant>of(e.at()),
                        Optional.of(e.actor()).filter(s -> !s.isBlank()),
                        Optional.of(e.reason()).filter(s -> !s.isBlank()),
                        Optional.empty());
            }
        }
        return new NotInForce(status, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
