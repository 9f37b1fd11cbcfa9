package cn.zhengyin.licence.verification;

/**
 * The largest file accepted for verification (configuration {@code zhengyin.max-upload-bytes}).
 *
 * @param maxBytes at least 1
 */
public record UploadLimit(long maxBytes) {
    public UploadLimit {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the upload limit must be at least 1 byte; got " + maxBytes);
        }
    }
}
