package cn.zhengyin.seal.image;

import java.util.List;
import java.util.Optional;

/**
 * The seal image library: content-addressed, append-only storage of seal images (PNG or SVG, at most 2 MiB each).
 * Seals refer to an image by its {@link SealImage#id()}.
 */
public interface SealImageLibrary {

    /** The result of {@link #store}: the image as stored, and whether this call created it. */
    record Stored(SealImage image, boolean created) {}

    /**
     * Stores {@code content} under {@code image.id()} unless an image with that id exists, in which case the existing
     * metadata is returned unchanged (idempotent: the first uploader and time are kept).
     *
     * @throws IllegalArgumentException if {@code image.id()} is not the SHA-256 of {@code content}
     */
    Stored store(SealImage image, byte[] content);

    Optional<SealImage> find(String id);

    Optional<byte[]> content(String id);

    /** Images newest first, optionally only those of one organisation, at most {@code limit}. */
    List<SealImage> list(Optional<String> organisationCode, int limit);
}
