package cn.zhengyin.seal.image;

import cn.zhengyin.trust.crypto.Digests;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Metadata of one image in the library. The {@code id} is {@code sha256:<hex>} of the stored bytes, so the same bytes
 * always have the same id and storing them again changes nothing.
 *
 * @param width            pixels for PNG, millimetres for SVG ({@link ImageFormat#unit()})
 * @param uploader         the authenticated caller that first stored the bytes
 * @param organisationCode the owning organisation (统一社会信用代码), if given
 * @param design           for generated images: the design they were drawn from
 * @param dpi              for generated PNGs: the resolution they were rendered at
 */
public record SealImage(
        String id,
        ImageFormat format,
        long sizeBytes,
        double width,
        double height,
        Origin origin,
        String uploader,
        Instant createdAt,
        Optional<String> organisationCode,
        Optional<SealDesign> design,
        OptionalInt dpi) {

    /** How an image came into the library. */
    public enum Origin {
        GENERATED,
        UPLOADED
    }

    public static final String ID_PATTERN = "sha256:[0-9a-f]{64}";

    /** {@code sha256:<lower-case hex>} of {@code content}. */
    public static String idOf(byte[] content) {
        return "sha256:" + Digests.sha256Hex(content);
    }

    /** The unit of width and height: {@code px} or {@code mm}. */
    public String unit() {
        return format.unit();
    }
}
