package cn.zhengyin.licence.fieldreuse;

/**
 * Published (synchronously) after a usage record was stored. Listeners that count must keep no personal data (the
 * record names the holder); they must not fail the release.
 */
public record UsageRecorded(UsageRecord record) {}
