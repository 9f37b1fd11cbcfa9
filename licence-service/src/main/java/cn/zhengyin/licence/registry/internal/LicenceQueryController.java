package cn.zhengyin.licence.registry.internal;

import cn.zhengyin.licence.authority.ApprovalSystems;
import cn.zhengyin.licence.registry.Licence;
import cn.zhengyin.licence.registry.LicenceEvent;
import cn.zhengyin.licence.registry.LicenceFileStore;
import cn.zhengyin.licence.registry.LicenceRegistry;
import cn.zhengyin.licence.registry.LicenceVersion;
import cn.zhengyin.licence.registry.LicenceView;
import cn.zhengyin.licence.registry.Rendition;
import cn.zhengyin.licence.rendition.LicenceJsonRenderer;
import cn.zhengyin.service.problem.ProblemException;
import cn.zhengyin.trust.identifier.InvalidIdentifierException;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
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
    private static final ZoneId CHINA = cn.zhengyin.trust.ChinaTime.ZONE;
    private final LicenceRegistry registry;
    private final LicenceFileStore files;
    private final LicenceJsonRenderer jsonRenderer;
    private final ApprovalSystems approvalSystems;
    private final Clock clock;

    LicenceQueryController(
            LicenceRegistry registry,
            LicenceFileStore files,
            LicenceJsonRenderer jsonRenderer,
            ApprovalSystems approvalSystems,
            Clock clock) {
        this.registry = registry;
        this.files = files;
        this.jsonRenderer = jsonRenderer;
        this.approvalSystems = approvalSystems;
        this.clock = clock;
    }

    @GetMapping("/{identifier}")
    LicenceView get(@PathVariable String identifier, @AuthenticationPrincipal Jwt caller) {
        Found found = find(identifier, caller);
        return LicenceView.of(found.licence(), found.version(), today());
    }

    @GetMapping("/{identifier}/versions")
    List<LicenceView> versions(@PathVariable String identifier, @AuthenticationPrincipal Jwt caller) {
        Found found = find(identifier, caller);
        LocalDate today = today();
        return registry.versions(found.licence().root()).stream()
                .map(v -> LicenceView.of(found.licence(), v, today))
                .toList();
    }

    @GetMapping("/{identifier}/events")
    List<LicenceEvent> events(@PathVariable String identifier, @AuthenticationPrincipal Jwt caller) {
        return find(identifier, caller).licence().events();
    }

    private static final String OFD_VALUE = "application/ofd";

    @GetMapping(value = "/{identifier}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> pdf(@PathVariable String identifier, @AuthenticationPrincipal Jwt caller) {
        return file(find(identifier, caller), "PDF", MediaType.APPLICATION_PDF, ".pdf");
    }

    /** The signed XML rendition (GB/T 36903 metadata and the type's fields, XAdES enveloped signature). */
    @GetMapping(value = "/{identifier}/xml", produces = MediaType.APPLICATION_XML_VALUE)
    ResponseEntity<byte[]> xml(@PathVariable String identifier, @AuthenticationPrincipal Jwt caller) {
        return file(find(identifier, caller), "XML", MediaType.APPLICATION_XML, ".xml");
    }

    /**
     * The OFD rendition (GB/T 33190, the national licence file format of GB/T 36905) sealed with the issuer's GB/T
     * 38540 electronic seal signature. A version issued before OFD renditions existed has none (404).
     */
    @GetMapping(value = "/{identifier}/ofd", produces = OFD_VALUE)
    ResponseEntity<byte[]> ofd(@PathVariable String identifier, @AuthenticationPrincipal Jwt caller) {
        return file(find(identifier, caller), "OFD", MediaType.parseMediaType(OFD_VALUE), ".ofd");
    }

    /** The JSON rendition: GB/T 36903 metadata under their usual JSON names, and the type's fields. */
    @GetMapping(value = "/{identifier}/json", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> json(@PathVariable String identifier, @AuthenticationPrincipal Jwt caller) {
        Found found = find(identifier, caller);
        LicenceVersion v = found.version();
        LicenceView view = LicenceView.of(found.licence(), v, today());
        return jsonRenderer.render(
                new LicenceJsonRenderer.Source(
                        v.identifier(),
                        v.version(),
                        v.typeCode(),
                        v.typeName(),
                        v.issuerName(),
                        v.issuerCode(),
                        v.issuedOn(),
                        v.holderName(),
                        v.holderCode(),
                        v.holderCodeType(),
                        v.validFrom(),
                        v.validUntil(),
                        v.fields()),
                view.status(),
                view.renditions());
    }

    /** Statuses are as of today in China, by the service's clock. */
    private LocalDate today() {
        return LocalDate.now(clock.withZone(CHINA));
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
