package cn.zhengyin.licence.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable edition of a licence: its identifier (with version and check character), the field values it shows and
 * its renditions. Once stored its content never changes; the one later addition is a further file of the same content
 * (a PDF whose archive time-stamp was renewed, {@link LicenceRegistry#addRendition}), so every file handed out stays
 * recognised.
 *
 * @param identifier full GB/T 36904 identifier of this version
 * @param root       identifier root (type.issuer.serial) shared by all versions
 * @param fields     field values as shown on the licence, keyed by the template's field keys
 * @param validUntil end of validity, or empty for 长期 (no end)
 * @param change     what made this version: ISSUE, AMEND (变更), RENEW (延续) or CORRECT (更正)
 * @param requestFingerprint SHA-256 over the request that produced it, so a retry can recognise its own version
 */
public record LicenceVersion(
        String identifier,
        String root,
        int version,
        String typeCode,
        String typeName,
        String issuerCode,
        String issuerName,
        String holderName,
        String holderCode,
        String holderCodeType,
        LocalDate issuedOn,
        LocalDate validFrom,
        Optional<LocalDate> validUntil,
        Map<String, String> fields,
        String caseNumber,
        String issuedBy,
        Instant createdAt,
        List<Rendition> renditions,
        String change,
        String requestFingerprint) {

    public LicenceVersion {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        renditions = List.copyOf(renditions);
    }

    public Optional<Rendition> rendition(String kind) {
        return renditions.stream().filter(r -> r.kind().equals(kind)).findFirst();
    }
}
