package cn.zhengyin.licence.rendition;

import cn.zhengyin.licence.licencetype.FieldRole;
import cn.zhengyin.licence.licencetype.LicenceTypeCatalogue;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON rendition of a licence version: the GB/T 36903 metadata under their usual JSON names, the type's fields,
 * the licence's status and the hashes of the signed renditions. Unlike the PDF and XML renditions it is not stored or
 * signed: it is answered from the registry's record on each request.
 */
public final class LicenceJsonRenderer {
    private final LicenceTypeCatalogue types;

    public LicenceJsonRenderer(LicenceTypeCatalogue types) {
        this.types = types;
    }

    /** What the JSON rendition is made from: one version's registry record. */
    public record Source(
            String identifier,
            int version,
            String typeCode,
            String typeName,
            String issuerName,
            String issuerCode,
            LocalDate issuedOn,
            String holderName,
            String holderCode,
            String holderCodeType,
            LocalDate validFrom,
            Optional<LocalDate> validUntil,
            Map<String, String> fields) {}

    /**
     * @param status     the licence's status now (e.g. VALID)
     * @param renditions the signed renditions by kind (PDF, XML) with their hashes, as the API shows them
     */
    public Map<String, Object> render(Source v, String status, Map<String, ?> renditions) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("certificateName", v.typeName());
        metadata.put("certificateTypeName", v.typeName());
        metadata.put("certificateTypeCode", v.typeCode());
        metadata.put(
                "certificateNumber",
                types.find(v.typeCode())
                        .flatMap(t -> t.fieldWithRole(FieldRole.LICENCE_NUMBER))
                        .map(f -> v.fields().getOrDefault(f.key(), ""))
                        .orElse(""));
        metadata.put("certificateIdentifier", v.identifier());
        metadata.put("certificateIssuingAuthorityName", v.issuerName());
        metadata.put("certificateIssuingAuthorityCode", v.issuerCode());
        metadata.put("certificateIssuedDate", v.issuedOn().toString());
        metadata.put("certificateHolderName", v.holderName());
        metadata.put("certificateHolderCode", v.holderCode());
        metadata.put("certificateHolderTypeCode", v.holderCodeType());
        metadata.put("certificateHolderTypeName", "001".equals(v.holderCodeType()) ? "统一社会信用代码" : "公民身份号码");
        metadata.put("certificateEffectiveDate", v.validFrom().toString());
        metadata.put(
                "certificateExpiringDate", v.validUntil().map(Object::toString).orElse(null));
        metadata.put("version", String.format(Locale.ROOT, "%03d", v.version()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("metadata", metadata);
        out.put("fields", v.fields());
        out.put("status", status);
        out.put("renditions", renditions);
        return out;
    }
}
