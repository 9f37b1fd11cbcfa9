package cn.zhengyin.licence.registry;

import java.util.List;
import java.util.Optional;

/** Port to the store of licence files (renditions). Files are immutable: writing an existing id keeps the first. */
public interface LicenceFileStore {

    /** One file to store. */
    record StoredFile(String fileId, String filename, String mediaType, byte[] content) {}

    void put(String fileId, String filename, String mediaType, byte[] content);

    /**
     * Stores several files (a version's renditions) as {@link #put} does for each; an adapter may send them in one
     * command (issue #18: one write instead of three per licence). Each file is stored whole or not at all; after a
     * failure some of them may be stored, as after separate puts.
     */
    default void putAll(List<StoredFile> files) {
        files.forEach(f -> put(f.fileId(), f.filename(), f.mediaType(), f.content()));
    }

    Optional<byte[]> get(String fileId);
}
