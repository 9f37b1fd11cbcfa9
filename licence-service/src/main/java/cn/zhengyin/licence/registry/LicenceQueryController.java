package cn.zhengyin.licence.registry;

import cn.zhengyin.service.problem.ProblemException;
import cn.zhengyin.trust.identifier.InvalidIdentifierException;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read access to the registry (scope {@code licence:read}). {@code {identifier}} is a full identifier (that version)
 * or an identifier root {@code type.issuer.serial} (the current version).
 */
@RestController
@RequestMapping("/api/v1/licences")
class LicenceQueryController {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private final LicenceRegistry registry;
    private final LicenceFileStore files;
    private final cn.zhengyin.licence.licencetype.LicenceTypeCatalogue types;

    private final cn.zhengyin.licence.issuance.ApprovalSystems approvalSystems;

    LicenceQueryController(
            LicenceRegistry registry,
            LicenceFileStore files,
            cn.zhengyin.licence.licencetype.LicenceTypeCatalogue types,
            cn.zhengyin.licence.issuance.ApprovalSystems approvalSystems) {
        this.registry = registry;
        this.files = files;
        this.types = types;
        this.approvalSystems = approvalSystems;
    }

    @GetMapping("/{identifier}")
    LicenceView get(@PathVariable String identifier, @AuthenticationPrincipal Jwt caller) {
        Found found = find(identifier, caller);
        return LicenceView.of(found.licence(), found.version(), CHINA);
    }

    @GetMapping("/{identifier}/versions")
    List<LicenceView> versions(@PathVariable String identifier, @AuthenticationPrincipal Jwt caller) {
        Found found = find(identifier, caller);
        return registry.versions(found.licence().root()).stream()
                .map(v -> LicenceView.of(found.licence(), v, CHINA))
                .toList();
    }

    @GetMapping("/{identifier}/events")
    List<LicenceEvent> events(@PathVariable String identifier, @AuthenticationPrincipal Jwt caller) {
        return find(identifier, caller).licence().events();
    }

    @GetMapping(value = "/{identifier}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> pdf(@PathVariable String identifier, @AuthenticationPrincipal Jwt caller) {
        return file(find(identifier, caller), "PDF", MediaType.APPLICATION_PDF, ".pdf");
    }

    /** The signed XML rendition (GB/T 36903 metadata and the type's fields, XAdES enveloped signature). */
    @GetMapping(value = "/{identifier}/xml", produces = MediaType.APPLICATION_XML_VALUE)
    ResponseEntity<byte[]> xml(@PathVariable String identifier, @AuthenticationPrincipal Jwt caller) {
        return file(find(identifier, caller), "XML", MediaType.APPLICATION_XML, ".xml");
    }

    /** The JSON rendition: GB/T 36903 metadata under their usual JSON names, and the type's fields. */
    @GetMapping(value = "/{identifier}/json", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> json(@PathVariable String identifier, @AuthenticationPrincipal Jwt caller) {
        Found found = find(identifier, caller);
        LicenceVersion v = found.version();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("certificateName", v.typeName());
        metadata.put("certificateTypeName", v.typeName());
        metadata.put("certificateTypeCode", v.typeCode());
        metadata.put(
                "certificateNumber",
                types.find(v.typeCode())
                        .flatMap(t -> t.fieldWithRole(cn.zhengyin.licence.licencetype.FieldRole.LICENCE_NUMBER))
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
        metadata.put("version", String.format("%03d", v.version()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("metadata", metadata);
        out.put("fields", v.fields());
        out.put(
                "status",
                found.licence().statusAt(java.time.LocalDate.now(CHINA)).name());
        out.put("renditions", LicenceView.of(found.licence(), v, CHINA).renditions());
        return out;
    }

    private ResponseEntity<byte[]> file(Found found, String kind, MediaType mediaType, String extension) {
        LicenceVersion version = found.version();
        Rendition rendition = version.rendition(kind)
                .orElseThrow(() -> ProblemException.notFound(
                        "licence " + version.identifier() + " has no " + kind + " rendition"));
        byte[] content = files.get(rendition.fileId())
                .orElseThrow(() -> ProblemException.notFound(
                        "the " + kind + " of licence " + version.identifier() + " is missing from the file store"));
        return ResponseEntity.ok()
                .contentType(mediaType)
                .header(
                        "Content-Disposition",
                        ContentDisposition.attachment()
                                .filename(version.identifier() + extension)
                                .build()
                                .toString())
                .header(
                        "Digest",
                        "sha-256="
                                + java.util.Base64.getEncoder()
                                        .encodeToString(java.util.HexFormat.of().parseHex(rendition.sha256())))
                .body(content);
    }

    private record Found(Licence licence, LicenceVersion version) {}

    /**
     * The licence, if the caller may read it: an approval system reads the licences of the authority it acts for, no
     * other (third parties read fields with the holder's consent through the field-reuse API).
     */
    private Found find(String text, Jwt caller) {
        Found found = find(text);
        String client = caller == null ? "" : caller.getSubject();
        var authority = approvalSystems
                .find(client)
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.FORBIDDEN,
                        "not-an-approval-system",
                        "Forbidden",
                        "client '" + client + "' is not registered as an approval system"));
        if (!authority.code().equals(found.licence().issuerCode())) {
            throw new ProblemException(
                    HttpStatus.FORBIDDEN,
                    "another-authority",
                    "Forbidden",
                    "the licence was issued by "
                            + "another authority; approval system '" + client + "' acts for " + authority.code()
                            + " and may read only its own licences");
        }
        return found;
    }

    private Found find(String text) {
        if (text.startsWith(LicenceIdentifier.ROOT + ".")) {
            LicenceIdentifier id;
            try {
                id = LicenceIdentifier.parse(text);
            } catch (InvalidIdentifierException e) {
                throw new ProblemException(
                        HttpStatus.BAD_REQUEST, "invalid-identifier", "Invalid licence identifier", e.getMessage());
            }
            Licence licence = registry.findLicence(id.root()).orElseThrow(() -> notFound(text));
            LicenceVersion version = registry.findVersion(id.toString()).orElseThrow(() -> notFound(text));
            return new Found(licence, version);
        }
        Licence licence = registry.findLicence(text).orElseThrow(() -> notFound(text));
        return new Found(
                licence, registry.findVersion(licence.currentIdentifier()).orElseThrow(() -> notFound(text)));
    }

    private static ProblemException notFound(String identifier) {
        return new ProblemException(
                HttpStatus.NOT_FOUND,
                "licence-not-found",
                "Licence not found",
                "no licence has the identifier '" + identifier + "'");
    }
}
