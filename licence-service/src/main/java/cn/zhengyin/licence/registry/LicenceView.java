package cn.zhengyin.licence.registry;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

/** The API's view of one licence version with the licence's status now. */
public record LicenceView(
        String identifier,
        String root,
        String version,
        String currentVersionIdentifier,
        boolean isCurrentVersion,
        String licenceType,
        String licenceTypeName,
        String status,
        String holderName,
        String holderCode,
        String holderCodeType,
        String issuerName,
        String issuerCode,
        LocalDate issuedOn,
        LocalDate validFrom,
        LocalDate validUntil,
        String caseNumber,
        Map<String, String> fields,
        Map<String, RenditionView> renditions,
        Map<String, String> links) {

    public record RenditionView(String mediaType, long size, String sha256, String sm3) {}

    /**
     * @param today the day the status is given for (today in China, from the service's clock)
     */
    public static LicenceView of(Licence licence, LicenceVersion v, LocalDate today) {
        Map<String, RenditionView> renditions = new java.util.LinkedHashMap<>();
        v.renditions()
                .forEach(
                        r -> renditions.put(r.kind(), new RenditionView(r.mediaType(), r.size(), r.sha256(), r.sm3())));
        String self = "/api/v1/licences/" + v.identifier();
        return new LicenceView(
                v.identifier(),
                v.root(),
                String.format(Locale.ROOT, "%03d", v.version()),
                licence.currentIdentifier(),
                licence.currentIdentifier().equals(v.identifier()),
                v.typeCode(),
                v.typeName(),
                licence.statusAt(today).name(),
                v.holderName(),
                v.holderCode(),
                v.holderCodeType(),
                v.issuerName(),
                v.issuerCode(),
                v.issuedOn(),
                v.validFrom(),
                v.validUntil().orElse(null),
                v.caseNumber(),
                v.fields(),
                renditions,
                Map.of("self", self, "pdf", self + "/pdf", "verification", "/v/" + v.identifier()));
    }
}
