package cn.zhengyin.licence.verification;

import cn.zhengyin.trust.validation.NotInForce;
import cn.zhengyin.trust.validation.VerificationConclusion;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The headline of a verification answer in Chinese and English, following the conclusion (not the indication): an
 * authentic revoked licence is never summarised as "passed". Times in China's time zone.
 */
public final class ConclusionText {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(cn.zhengyin.trust.ChinaTime.ZONE);

    private ConclusionText() {}

    public static String zh(VerificationConclusion c) {
        return switch (c.conclusion()) {
            case VALID -> "验证通过：签章有效，证照现行有效";
            case NOT_IN_FORCE ->
                "证照不在有效状态：签章有效，但" + c.notInForce().map(ConclusionText::zh).orElse("证照已失效");
            case FAILED -> "验证失败：文件已被篡改或签章无效";
            case INDETERMINATE -> "无法确认：签章或登记信息不能被证明有效";
        };
    }

    public static String en(VerificationConclusion c) {
        return switch (c.conclusion()) {
            case VALID -> "Valid: the seal is valid and the licence is in force";
            case NOT_IN_FORCE ->
                "Not in force: the seal is valid, but "
                        + c.notInForce().map(ConclusionText::en).orElse("the licence is not in force");
            case FAILED -> "Failed: the file was altered or the seal is not valid";
            case INDETERMINATE -> "Indeterminate: the seal or the registry record could not be proven valid";
        };
    }

    /** E.g. "证照已于 2026-12-06 11:02 被吊销（决定者：approval-demo；原因：严重违法）". */
    public static String zh(NotInForce n) {
        String when =
                n.since().map(ConclusionText::time).map(t -> "于 " + t + " ").orElse("");
        String what = switch (n.status()) {
            case REVOKED -> "证照已" + when + "被吊销";
            case SUSPENDED -> "证照已" + when + "被暂扣";
            case CANCELLED -> "证照已" + when + "被注销";
            case EXPIRED -> "证照已" + when + "过期";
            case SUPERSEDED ->
                "该版本已" + when + "被新版本取代，现行版本为 " + n.currentVersion().orElse("");
        };
        String details = n.by().map(b -> "决定者：" + b).orElse("")
                + (n.by().isPresent() && n.why().isPresent() ? "；" : "")
                + n.why().map(w -> "原因：" + w).orElse("");
        return details.isEmpty() ? what : what + "（" + details + "）";
    }

    public static String en(NotInForce n) {
        String when = n.since()
                .map(ConclusionText::time)
                .map(t -> " on " + t + " (China time)")
                .orElse("");
        String what = switch (n.status()) {
            case REVOKED -> "the licence was revoked" + when;
            case SUSPENDED -> "the licence was suspended" + when;
            case CANCELLED -> "the licence was cancelled" + when;
            case EXPIRED -> "the licence expired" + when;
            case SUPERSEDED ->
                "this version was superseded" + when + "; the current version is "
                        + n.currentVersion().orElse("");
        };
        return what
                + n.by().map(b -> " by " + b).orElse("")
                + n.why().map(w -> ", reason: " + w).orElse("");
    }

    public static String time(Instant instant) {
        return TIME.format(instant);
    }
}
