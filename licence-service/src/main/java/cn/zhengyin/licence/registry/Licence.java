package cn.zhengyin.licence.registry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A licence: the head of its versions. It knows the current version, the stored status and the full event history.
 * Changes are made by the registry with an optimistic check on {@link #revision()}.
 *
 * @param root            identifier root (type.issuer.serial)
 * @param currentVersion  number of the current version
 * @param currentIdentifier full identifier of the current version
 * @param status          stored status (never {@link LicenceStatus#EXPIRED})
 * @param validUntil      end of validity of the current version, empty for 长期
 * @param revision        optimistic-concurrency counter, incremented by every change
 */
public record Licence(
        String root,
        String typeCode,
        String issuerCode,
        String holderCode,
        int currentVersion,
        String currentIdentifier,
        LicenceStatus status,
        LocalDate validFrom,
        Optional<LocalDate> validUntil,
        List<LicenceEvent> events,
        long revision) {

    public Licence {
        if (status == LicenceStatus.EXPIRED) {
            throw new IllegalArgumentException("EXPIRED is computed from the validity dates, never stored");
        }
        events = List.copyOf(events);
    }

    /** The status at {@code today}: the stored status, or EXPIRED if a valid licence is past its end of validity. */
    public LicenceStatus statusAt(LocalDate today) {
        if (status == LicenceStatus.VALID && validUntil.isPresent() && today.isAfter(validUntil.get())) {
            return LicenceStatus.EXPIRED;
        }
        return status;
    }

    public Licence withEvent(LicenceEvent event) {
        List<LicenceEvent> more = new ArrayList<>(events);
        more.add(event);
        return new Licence(
                root,
                typeCode,
                issuerCode,
                holderCode,
                currentVersion,
                currentIdentifier,
                status,
                validFrom,
                validUntil,
                more,
                revision);
    }
}
