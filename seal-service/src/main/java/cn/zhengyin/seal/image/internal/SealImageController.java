package cn.zhengyin.seal.image.internal;

import cn.zhengyin.seal.image.ImageFormat;
import cn.zhengyin.seal.image.ImageRejectedException;
import cn.zhengyin.seal.image.ImageUploadPolicy;
import cn.zhengyin.seal.image.InvalidSealDesignException;
import cn.zhengyin.seal.image.RenditionUnavailableException;
import cn.zhengyin.seal.image.SealArtwork;
import cn.zhengyin.seal.image.SealDesign;
import cn.zhengyin.seal.image.SealImage;
import cn.zhengyin.seal.image.SealImageLibrary;
import cn.zhengyin.seal.image.SealImages;
import cn.zhengyin.service.problem.ProblemException;
import cn.zhengyin.service.problem.Problems;
import cn.zhengyin.trust.seal.SealType;
import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/v1/seal-images}: generate standard seal images, upload custom ones, read them. Images are immutable and
 * content-addressed ({@code sha256:<hex>}), so content is served with a long-lived, immutable cache header.
 */
@RestController
@RequestMapping(SealImageController.BASE)
class SealImageController {
    static final String BASE = "/api/v1/seal-images";
    /** For SVG content: no script, no external loads, inline styles only; never sniffed as HTML. */
    static final String SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'";

    private final SealImages images;

    SealImageController(SealImages images) {
        this.images = images;
    }

    /** The design of a generated seal; absent sizes take the type's standard size. */
    record GenerateRequest(
            String type,
            String name,
            String purpose,
            String sealNumber,
            Double diameterMm,
            Double widthMm,
            Double heightMm,
            String organisationCode) {}

    record DesignView(String type, String name, String purpose, String sealNumber, double widthMm, double heightMm) {}

    record SealImageView(
            String id,
            String mediaType,
            String origin,
            long sizeBytes,
            double width,
            double height,
            String unit,
            String uploader,
            Instant createdAt,
            String organisationCode,
            DesignView design,
            Integer dpi,
            String contentUrl,
            String pngUrl) {}

    @PostMapping(value = "/generate", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SealImageView> generate(
            @RequestBody GenerateRequest request,
            @RequestParam(defaultValue = "svg") String format,
            @RequestParam(defaultValue = "300") int dpi,
            Principal caller) {
        ImageFormat f = switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "svg" -> ImageFormat.SVG;
            case "png" -> ImageFormat.PNG;
            default -> throw invalid("format", "format '" + format + "' is not supported; use svg or png");
        };
        if (f == ImageFormat.PNG) {
            checkDpi(dpi);
        }
        SealType type = SealType.parse(request.type())
                .orElseThrow(() -> invalid(
                        "type", "type '" + request.type() + "' is not a seal type; use 01, 02, 03, 04, 05 or 99"));
        Double width = request.widthMm() != null ? request.widthMm() : request.diameterMm();
        Double height = request.heightMm() != null ? request.heightMm() : request.diameterMm();
        SealDesign design =
                SealDesign.standard(type, request.name(), request.purpose(), request.sealNumber(), width, height);
        return created(images.generate(design, f, dpi, caller.getName(), code(request.organisationCode())));
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<SealImageView> upload(
            @RequestPart("file") List<MultipartFile> files,
            @RequestParam(required = false) String organisationCode,
            Principal caller)
            throws IOException {
        if (files.size() != 1) {
            // storing one of several parts and ignoring the others would keep an image the caller may not have meant
            throw ProblemException.validationFailed(
                    "send one part 'file' (the seal image) per request; got " + files.size(), List.of());
        }
        MultipartFile file = files.getFirst();
        if (file.getSize() > ImageUploadPolicy.MAX_BYTES) {
            throw new ImageRejectedException(
                    ImageRejectedException.Reason.TOO_LARGE,
                    "the file has " + file.getSize() + " bytes; a seal image may have at most "
                            + ImageUploadPolicy.MAX_BYTES + " bytes (2 MiB)");
        }
        return created(images.upload(
                file.getBytes(),
                Optional.ofNullable(file.getOriginalFilename()),
                caller.getName(),
                code(organisationCode)));
    }

    @GetMapping
    List<SealImageView> list(@RequestParam(required = false) String organisationCode) {
        return images.list(code(organisationCode)).stream()
                .map(SealImageController::view)
                .toList();
    }

    @GetMapping("/{id}")
    SealImageView get(@PathVariable String id) {
        return view(image(id));
    }

    @GetMapping("/{id}/content")
    ResponseEntity<byte[]> content(@PathVariable String id) {
        SealImage image = image(id);
        byte[] content = images.content(id).orElseThrow(() -> notFound(id));
        var response = ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(image.format().mediaType()))
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(365))
                        .cachePrivate()
                        .immutable())
                .eTag("\"" + id + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header(
                        "Content-Disposition",
                        "inline; filename=\"" + id.replace(':', '-') + "."
                                + image.format().extension() + "\"");
        if (image.format() == ImageFormat.SVG) {
            response.header("Content-Security-Policy", SVG_CSP);
        }
        return response.body(content);
    }

    @GetMapping(value = "/{id}/png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> png(@PathVariable String id, @RequestParam(defaultValue = "300") int dpi) {
        checkDpi(dpi);
        byte[] png = images.png(image(id), dpi);
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_PNG)
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(365))
                        .cachePrivate()
                        .immutable())
                .header("X-Content-Type-Options", "nosniff")
                .body(png);
    }

    @ExceptionHandler(ImageRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(ImageRejectedException e) {
        List<ProblemException.FieldError> errors = e.violations().stream()
                .map(v -> new ProblemException.FieldError(v.node(), v.problem()))
                .toList();
        ProblemException problem = switch (e.reason()) {
            case TOO_LARGE ->
                new ProblemException(
                        HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Content Too Large", e.getMessage());
            case UNSUPPORTED_TYPE ->
                new ProblemException(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "unsupported-image-type",
                        "Unsupported image type",
                        e.getMessage());
            case INVALID_IMAGE ->
                new ProblemException(HttpStatus.BAD_REQUEST, "invalid-image", "Invalid image", e.getMessage());
            case UNSAFE_SVG ->
                new ProblemException(
                        HttpStatus.BAD_REQUEST, "unsafe-svg", "SVG refused by the sanitiser", e.getMessage(), errors);
        };
        return problem(problem);
    }

    @ExceptionHandler(InvalidSealDesignException.class)
    ResponseEntity<ProblemDetail> invalidDesign(InvalidSealDesignException e) {
        List<ProblemException.FieldError> errors = e.problems().stream()
                .map(p -> {
                    int colon = p.indexOf(':');
                    return colon > 0
                            ? new ProblemException.FieldError(
                                    p.substring(0, colon),
                                    p.substring(colon + 1).strip())
                            : new ProblemException.FieldError("design", p);
                })
                .toList();
        return problem(ProblemException.validationFailed(
                "the seal design is invalid: " + String.join("; ", e.problems()), errors));
    }

    @ExceptionHandler(RenditionUnavailableException.class)
    ResponseEntity<ProblemDetail> noRendition(RenditionUnavailableException e) {
        return problem(ProblemException.conflict("rendition-unavailable", "Rendition unavailable", e.getMessage()));
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemException e) {
        return ResponseEntity.status(e.status())
                .contentType(Problems.PROBLEM_JSON)
                .body(e.toProblemDetail());
    }

    private ResponseEntity<SealImageView> created(SealImageLibrary.Stored stored) {
        SealImageView view = view(stored.image());
        return stored.created()
                ? ResponseEntity.created(URI.create(BASE + "/" + view.id())).body(view)
                : ResponseEntity.ok()
                        .location(URI.create(BASE + "/" + view.id()))
                        .body(view);
    }

    private SealImage image(String id) {
        if (!id.matches(SealImage.ID_PATTERN)) {
            throw notFound(id);
        }
        return images.find(id).orElseThrow(() -> notFound(id));
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(
                HttpStatus.NOT_FOUND,
                "seal-image-not-found",
                "Seal image not found",
                "there is no seal image with id '" + id + "'; ids look like sha256:<64 hex digits>");
    }

    private static ProblemException invalid(String field, String message) {
        return ProblemException.validationFailed(message, List.of(new ProblemException.FieldError(field, message)));
    }

    private static void checkDpi(int dpi) {
        if (dpi < SealArtwork.MIN_DPI || dpi > SealArtwork.MAX_DPI) {
            throw invalid("dpi", "dpi " + dpi + " is outside " + SealArtwork.MIN_DPI + ".." + SealArtwork.MAX_DPI);
        }
    }

    private static Optional<String> code(String organisationCode) {
        return Optional.ofNullable(organisationCode).map(String::strip).filter(c -> !c.isEmpty());
    }

    static SealImageView view(SealImage i) {
        DesignView design = i.design()
                .map(d -> new DesignView(
                        d.type().code(), d.name(), d.purpose(), d.sealNumber(), d.widthMm(), d.heightMm()))
                .orElse(null);
        String self = BASE + "/" + i.id();
        return new SealImageView(
                i.id(),
                i.format().mediaType(),
                i.origin().name(),
                i.sizeBytes(),
                i.width(),
                i.height(),
                i.unit(),
                i.uploader(),
                i.createdAt(),
                i.organisationCode().orElse(null),
                design,
                i.dpi().isPresent() ? i.dpi().getAsInt() : null,
                self + "/content",
                i.design().isPresent() ? self + "/png" : null);
    }
}
