package cn.zhengyin.trust.xml;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.fuzz.Bounded;
import cn.zhengyin.trust.fuzz.Corpus;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile-input fuzzing of XML parsing and XAdES verification: {@link SecureXml#parse(byte[])} returns a document
 * or throws {@link XmlFormatException}; {@link XmlSignatureVerifier#verify(byte[])} always answers with a report;
 * both in bounded time. A normal test run replays, without Jazzer ({@link Corpus}),
 * src/test/resources/cn/zhengyin/trust/xml/XmlFuzzTestInputs; {@code JAZZER_FUZZ=1} fuzzes (docs/fuzzing.md).
 */
class XmlFuzzTest {
    private static final XmlSignatureVerifier VERIFIER =
            new XmlSignatureVerifier(Set.of(), Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC));

    static Stream<Corpus.Input> corpus() {
        return Corpus.inputs(XmlFuzzTest.class);
    }

    /** Every committed input of the fuzz tests below, without Jazzer (they run only with JAZZER_FUZZ=1). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void replaysTheCommittedCorpus(Corpus.Input input) throws Throwable {
        input.replay(this);
    }

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
