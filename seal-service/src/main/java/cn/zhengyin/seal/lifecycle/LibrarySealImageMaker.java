package cn.zhengyin.seal.lifecycle;

import cn.zhengyin.seal.image.ImageFormat;
import cn.zhengyin.seal.image.SealDesign;
import cn.zhengyin.seal.image.SealImage;
import cn.zhengyin.seal.image.SealImages;
import cn.zhengyin.trust.seal.SealImpression;
import cn.zhengyin.trust.seal.SealType;
import java.util.Optional;

/**
 * {@link SealImageMaker} backed by the seal image library: a seal's default impression is generated into the library
 * (so it is listed, hashed and fetched like any other image), and any library image can be rendered as the PNG the
 * SESeal and the PDF appearance need — PNGs as stored, generated SVGs re-drawn from their design.
 */
public final class LibrarySealImageMaker implements SealImageMaker {
    static final int DPI = 600;
    private final SealImages images;

    public LibrarySealImageMaker(SealImages images) {
        this.images = images;
    }

    /** The standard design of a seal: organisation seal for type 01, else a 专用章 with the kind or type name. */
    public static SealDesign design(Seal seal) {
        if (seal.type() == SealType.ORGANISATION) {
            return SealDesign.organisationSeal(seal.organisation().name(), "");
        }
        String purpose = seal.kindName().isEmpty() ? seal.type().label() : seal.kindName();
        return SealDesign.specialPurposeSeal(seal.organisation().name(), purpose, "");
    }

    @Override
    public String makeDefaultImage(Seal seal) {
        return images.generate(
                        design(seal),
                        ImageFormat.PNG,
                        DPI,
                        "seal-service",
                        Optional.of(seal.organisation().uscc()))
                .image()
                .id();
    }

    @Override
    public Optional<byte[]> png(String imageId) {
        return images.find(imageId).flatMap(this::png);
    }

    /** Whether an image can serve as a seal's impression (a PNG, or a generated SVG that can be drawn as PNG). */
    @Override
    public boolean usable(String imageId) {
        return images.find(imageId)
                .map(i -> i.format() == ImageFormat.PNG || i.design().isPresent())
                .orElse(false);
    }

    /**
     * The image as vectors, when the library has its shape model (generated images): the SESeal then carries it as
     * a vector OFD picture instead of the PNG.
     */
    public Optional<SealImpression> vector(String imageId) {
        return images.find(imageId).flatMap(images::impression);
    }

    private Optional<byte[]> png(SealImage image) {
        if (image.format() == ImageFormat.PNG) {
            return images.content(image.id());
        }
        return image.design().map(d -> images.png(image, DPI));
    }
}
