package cn.zhengyin.licence.registry;

import cn.zhengyin.service.problem.ProblemException;
import cn.zhengyin.trust.identifier.InvalidIdentifierException;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import java.time.ZoneId;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

    LicenceQueryController(LicenceRegistry registry, LicenceFileStore files) {
        this.registry = registry;
        this.files = files;
    }

    @GetMapping("/{identifier}")
    LicenceView get(@PathVariable String identifier) {
        Found found = find(identifier);
        return LicenceView.of(found.licence(), found.version(), CHINA);
    }

    @GetMapping("/{identifier}/versions")
    List<LicenceView> versions(@PathVariable String identifier) {
        Found found = find(identifier);
        return registry.versions(found.licence().root()).stream().map(v -> LicenceView.of(found.licence(), v, CHINA)).toList();
    }

    @GetMapping("/{identifier}/events")
    List<LicenceEvent> events(@PathVariable String identifier) {
        return find(identifier).licence().events();
    }

    @GetMapping(value = "/{identifier}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> pdf(@PathVariable String identifier) {
        LicenceVersion version = find(identifier).version();
        Rendition pdf = version.rendition("PDF").orElseThrow(() -> ProblemException.notFound(
                "licence " + version.identifier() + " has no PDF rendition"));
        byte[] content = files.get(pdf.fileId()).orElseThrow(() -> ProblemException.notFound(
                "the PDF of licence " + version.identifier() + " is missing from the file store"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", ContentDisposition.attachment().filename(version.identifier() + ".pdf").build().toString())
                .header("Digest", "sha-256=" + java.util.Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(pdf.sha256())))
                .body(content);
    }

    private record Found(Licence licence, LicenceVersion version) {
    }

    private Found find(String text) {
        if (text.startsWith(LicenceIdentifier.ROOT + ".")) {
            LicenceIdentifier id;
            try {
                id = LicenceIdentifier.parse(text);
            } catch (InvalidIdentifierException e) {
                throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-identifier", "Invalid licence identifier", e.getMessage());
            }
            Licence licence = registry.findLicence(id.root()).orElseThrow(() -> notFound(text));
            LicenceVersion version = registry.findVersion(id.toString()).orElseThrow(() -> notFound(text));
            return new Found(licence, version);
        }
        Licence licence = registry.findLicence(text).orElseThrow(() -> notFound(text));
        return new Found(licence, registry.findVersion(licence.currentIdentifier()).orElseThrow(() -> notFound(text)));
    }

    private static ProblemException notFound(String identifier) {
        return new ProblemException(HttpStatus.NOT_FOUND, "licence-not-found", "Licence not found",
                "no licence has the identifier '" + identifier + "'");
    }
}
