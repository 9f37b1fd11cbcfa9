package cn.zhengyin.seal.registry;

import cn.zhengyin.seal.image.SealDesign;
import cn.zhengyin.seal.image.SealImageRenderer;
import cn.zhengyin.service.problem.ProblemException;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read access to the seals: their public description, certificate and impression image. */
@RestController
@RequestMapping("/api/v1/seals")
class SealController {
    private final SealDirectory seals;
    private final SealImageRenderer images;
    private final Map<String, byte[]> imageCache = new ConcurrentHashMap<>();

    SealController(SealDirectory seals, SealImageRenderer images) {
        this.seals = seals;
        this.images = images;
    }

    record SealView(String id, String name, String organisationName, String organisationCode, String type,
                    String purpose, String signingCertificateSubject, List<String> certificateChain) {
    }

    @GetMapping
    List<SealView> list() {
        return seals.all().stream().map(SealController::view).toList();
    }

    @GetMapping("/{id}")
    SealView get(@PathVariable String id) {
        return view(seal(id));
    }

    @GetMapping(value = "/{id}/image.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> image(@PathVariable String id, @RequestParam(defaultValue = "300") int dpi) {
        Seal seal = seal(id);
        if (dpi < 72 || dpi > 1200) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
                    "dpi " + dpi + " is outside 72..1200");
        }
        byte[] png = imageCache.computeIfAbsent(id + "@" + dpi, k -> images.renderPng(design(seal), dpi));
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).contentType(MediaType.IMAGE_PNG).body(png);
    }

    static SealDesign design(Seal seal) {
        return seal.purpose().isEmpty()
                ? SealDesign.organisationSeal(seal.organisationName(), "")
                : SealDesign.specialPurposeSeal(seal.organisationName(), seal.purpose(), "");
    }

    private Seal seal(String id) {
        return seals.find(id).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "seal-not-found",
                "Seal not found", "there is no seal with id '" + id + "'"));
    }

    private static SealView view(Seal s) {
        var chain = s.signingKey().certificateChain();
        List<String> encoded = chain.stream().map(c -> {
            try {
                return Base64.getEncoder().encodeToString(c.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("seal certificate cannot be encoded", e);
            }
        }).toList();
        return new SealView(s.id(), s.name(), s.organisationName(), s.organisationCode(), s.type(), s.purpose(),
                chain.getFirst().getSubjectX500Principal().getName(), encoded);
    }
}
