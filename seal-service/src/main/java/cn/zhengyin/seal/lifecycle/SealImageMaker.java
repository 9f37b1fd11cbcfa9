package cn.zhengyin.seal.lifecycle;

import java.util.Optional;

/** Port: the seal image library as seen by the lifecycle: makes the default image of a seal and finds images by id. */
public interface SealImageMaker {

    /** Renders the standard image for the seal (organisation name, type/kind), stores it and returns its id. */
    String makeDefaultImage(Seal seal);

    /** The PNG of an image, if the library has it. */
    Optional<byte[]> png(String imageId);

    /** Whether the library has this image in a form a seal can use as its impression. */
    default boolean usable(String imageId) {
        return png(imageId).isPresent();
    }
}
