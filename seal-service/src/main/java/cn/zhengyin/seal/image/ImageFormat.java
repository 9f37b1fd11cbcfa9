package cn.zhengyin.seal.image;

import java.util.Arrays;
import java.util.Optional;

/** The two formats the seal image library holds. */
public enum ImageFormat {
    /** Raster, dimensions in pixels. */
    PNG("image/png", "png"),
    /** Vector, dimensions in millimetres. */
    SVG("image/svg+xml", "svg");

    private final String mediaType;
    private final String extension;

    ImageFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** The unit of {@code width}/{@code height} in image metadata: {@code px} for PNG, {@code mm} for SVG. */
    public String unit() {
        return this == PNG ? "px" : "mm";
    }

    public static Optional<ImageFormat> ofMediaType(String mediaType) {
        return Arrays.stream(values())
                .filter(f -> f.mediaType.equalsIgnoreCase(mediaType))
                .findFirst();
    }
}
