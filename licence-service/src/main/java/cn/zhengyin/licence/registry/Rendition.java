package cn.zhengyin.licence.registry;

/**
 * One file form of a licence version (the signed PDF; later the signed XML) with the hashes a verifier matches a file
 * against.
 *
 * @param kind   PDF, XML, …
 * @param fileId key of the file in the {@link LicenceFileStore}
 * @param sha256 lower-case hex SHA-256 of the file
 * @param sm3    lower-case hex SM3 of the file
 */
public record Rendition(String kind, String mediaType, String fileId, long size, String sha256, String sm3) {}
