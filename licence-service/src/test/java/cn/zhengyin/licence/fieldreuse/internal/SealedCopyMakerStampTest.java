package cn.zhengyin.licence.fieldreuse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.licence.fieldreuse.CopyMaker;
import cn.zhengyin.licence.fieldreuse.Purposes;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Review #14 finding 7: the stamp says whose words the purpose is, and prints a purpose of any allowed length whole. */
class SealedCopyMakerStampTest {
    private static final Instant T = Instant.parse("2026-06-01T02:00:00Z");

    private static CopyMaker.Annotation annotation(String purpose, CopyMaker.PurposeSource source) {
        return new CopyMaker.Annotation(
                "1.2.156.3005.2.X",
                "11110100000000019Q",
                purpose,
                source,
                T.plusSeconds(86400),
                T,
                "证印示范市电子证照共享服务",
                "示范银行");
    }

    @Test
    void aConsentsPurposeIsMarkedAsTheHoldersWordsAServiceItemsIsNot() {
        assertThat(SealedCopyMaker.reason(annotation("开立对公账户", CopyMaker.PurposeSource.HOLDER)))
                .startsWith("加注件 用证事由（持证人填写）：开立对公账户；");
        assertThat(SealedCopyMaker.reason(annotation("职业资格确认", CopyMaker.PurposeSource.SERVICE_ITEM)))
                .startsWith("加注件 用证事由：职业资格确认；");
        assertThat(SealedCopyMaker.lines(annotation("开立对公账户", CopyMaker.PurposeSource.HOLDER)))
                .contains("用证事由（持证人填写）：开立对公账户");
    }

    @Test
    void aPurposeOfTheMaximumLengthIsPrintedWhole() {
        String longest = "事".repeat(Purposes.MAX_LENGTH - 1) + "尾";
        List<String> lines = SealedCopyMaker.lines(annotation(longest, CopyMaker.PurposeSource.HOLDER));
        assertThat(String.join("", lines)).contains(longest).doesNotContain("…");
        String stored = "事".repeat(200); // a consent granted before the length rule
        assertThat(SealedCopyMaker.lines(annotation(stored, CopyMaker.PurposeSource.HOLDER)))
                .hasSize(6)
                .anySatisfy(l -> assertThat(l).endsWith("…"));
    }
}
