package cn.zhengyin.seal.image;

import cn.zhengyin.seal.image.SealImage.Origin;
import cn.zhengyin.trust.seal.SealImpression;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Use cases of the seal image library: generate a standard seal image, upload a custom one, read them back, and
 * rasterise a generated image at any resolution from its stored design.
 */
public final class SealImages {
    public static final int DEFAULT_LIST_LIMIT = 200;
    private final SealImageLibrary library;
    private final SealImageRenderer renderer;
    private final ImageUploadPolicy policy;
    private final Clock clock;

    public SealImages(SealImageLibrary library, SealImageRenderer renderer, ImageUploadPolicy policy, Clock clock) {
        this.library = library;
        this.renderer = renderer;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Draws {@code design} and stores it as SVG ({@code format == SVG}, {@code dpi} ignored) or as a PNG at
     * {@code dpi}. Generating the same design twice yields the same image.
     */
    public SealImageLibrary.Stored generate(
            SealDesign design, ImageFormat format, int dpi, String uploader, Optional<String> organisationCode) {
        SealArtwork artwork = renderer.layout(design);
        byte[] content =
                format == ImageFormat.SVG ? artwork.toSvgBytes(SealImageRenderer.title(design)) : artwork.toPng(dpi);
        double width = format == ImageFormat.SVG ? design.widthMm() : SealArtwork.pixels(design.widthMm(), dpi);
        double height = format == ImageFormat.SVG ? design.heightMm() : SealArtwork.pixels(design.heightMm(), dpi);
        SealImage image = new SealImage(
                SealImage.idOf(content),
                format,
                content.length,
                width,
                height,
                Origin.GENERATED,
                uploader,
                clock.instant(),
                organisationCode,
                Optional.of(design),
                format == ImageFormat.PNG ? OptionalInt.of(dpi) : OptionalInt.empty());
        return library.store(image, content);
    }

    /**
     * Checks an uploaded file with the {@link ImageUploadPolicy} and stores what it accepts.
     *
     * @throws ImageRejectedException when the file breaks an upload rule
     */
    public SealImageLibrary.Stored upload(
            byte[] file, Optional<String> fileName, String uploader, Optional<String> organisationCode) {
        ImageUploadPolicy.AcceptedImage accepted = policy.inspect(file, fileName);
        byte[] content = accepted.content();
        SealImage image = new SealImage(
                SealImage.idOf(content),
                accepted.format(),
                content.length,
                accepted.width(),
                accepted.height(),
                Origin.UPLOADED,
                uploader,
                clock.instant(),
                organisationCode,
                Optional.empty(),
                OptionalInt.empty());
        return library.store(image, content);
    }

    public Optional<SealImage> find(String id) {
        return library.find(id);
    }

    public Optional<byte[]> content(String id) {
        return library.content(id);
    }

    public List<SealImage> list(Optional<String> organisationCode) {
        return library.list(organisationCode, DEFAULT_LIST_LIMIT);
    }

    /**
     * A PNG of a generated image at {@code dpi}, drawn from its stored design (geometrically identical to its SVG).
     *
     * @throws RenditionUnavailableException for uploaded images, which have no shape model to re-render
     */
    public byte[] png(SealImage image, int dpi) {
        SealDesign design = image.design()
                .orElseThrow(() -> new RenditionUnavailableException("image " + image.id()
                        + " was uploaded as " + image.format() + "; only generated images can be rendered at a chosen "
                        + "resolution (uploaded SVGs are not rasterised on the server). Fetch its content instead"));
        return renderer.renderPng(design, dpi);
    }

    /** The vector impression of a generated image, drawn from its stored design; empty for uploaded images. */
    public Optional<SealImpression> impression(SealImage image) {
        return image.design().map(d -> renderer.layout(d).toImpression());
    }
}
