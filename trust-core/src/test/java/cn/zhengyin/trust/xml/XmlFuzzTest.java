package cn.zhengyin.trust.xml;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.fuzz.Bounded;
import cn.zhengyin.trust.fuzz.ReplaysCommittedCorpus;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Hostile-input fuzzing of XML parsing and XAdES verification: {@link SecureXml#parse(byte[])} returns a document
 * or throws {@link XmlFormatException}; {@link XmlSignatureVerifier#verify(byte[])} always answers with a report;
 * both in bounded time. A normal test run replays, without Jazzer ({@link ReplaysCommittedCorpus}),
 * src/test/resources/cn/zhengyin/trust/xml/XmlFuzzTestInputs; {@code JAZZER_FUZZ=1} fuzzes (docs/fuzzing.md).
 */
class XmlFuzzTest implements ReplaysCommittedCorpus {
    private static final XmlSignatureVerifier VERIFIER =
            new XmlSignatureVerifier(Set.of(), Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC));

    @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = ".+")
    @FuzzTest(maxDuration = "60s")
    void parsingArbitraryBytesYieldsADocumentOrAFormatException(@NotNull @WithLength(max = 32 * 1024) byte[] xml) {
        Bounded.run(() -> {
            try {
                assertThat(SecureXml.parse(xml).getDocumentElement()).isNotNull();
            } catch (XmlFormatException rejected) {
                assertThat(rejected.getMessage()).isNotBlank();
            }
        });
    }

    @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = ".+")
    @FuzzTest(maxDuration = "60s")
    void verifyingArbitraryBytesAsSignedXmlAlwaysYieldsAReport(@NotNull @WithLength(max = 32 * 1024) byte[] xml) {
        Bounded.run(() -> assertThat(VERIFIER.verify(xml).indication()).isNotNull());
    }
}
