package cn.zhengyin.trust.sealing;

/**
 * The largest document accepted for sealing.
 *
 * @param maxBytes the file size
 * @param maxPages the number of pages
 */
public record SealingLimits(long maxBytes, int maxPages) {
    public static final SealingLimits DEFAULT = new SealingLimits(20L * 1024 * 1024, 200);

    public SealingLimits {
        if (maxBytes < 1 || maxPages < 1) {
            throw new IllegalArgumentException("the limits must be positive");
        }
    }
}
