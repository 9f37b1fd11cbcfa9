package cn.zhengyin.licence.registry;

import java.util.Optional;

/** Port to the store of licence files (renditions). Files are immutable: writing an existing id keeps the first. */
public interface LicenceFileStore {

    void put(String fileId, String filename, String mediaType, byte[] content);

    Optional<byte[]> get(String fileId);
}
