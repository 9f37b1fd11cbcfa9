package cn.zhengyin.licence.bulkimport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.fuzz.Bounded;
import cn.zhengyin.trust.fuzz.ReplaysCommittedCorpus;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile-input fuzzing of bulk-import parsing: an NDJSON or CSV upload read line by line through
 * {@link BulkImporter#open} yields, for every non-blank line, a {@link ImportLine.Candidate} (fields are strings or
 * numbers) or an {@link ImportLine.Unreadable} with a problem and a message, in increasing line order, and never
 * throws — except {@link InvalidImportException} when a CSV has no valid header row; in bounded time. A normal test
 * run replays, without Jazzer ({@link ReplaysCommittedCorpus}), src/test/resources/cn/zhengyin/licence/bulkimport/BulkImportFuzzTestInputs; {@code JAZZER_FUZZ=1}
 * fuzzes (docs/fuzzing.md).
 */
class BulkImportFuzzTest implements ReplaysCommittedCorpus {
    private static final BulkImporter IMPORTER =
            new BulkImporter(null, 1, Clock.systemUTC(), JsonMapper.builder().build());

    @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = ".+")
    @FuzzTest(maxDuration = "60s")
    void readingFuzzedNdjsonYieldsCandidatesOrUnreadableLines(@NotNull @WithLength(max = 256 * 1024) byte[] input) {
        Bounded.run(() -> readAll(ImportFormat.NDJSON, input));
    }

    @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = ".+")
    @FuzzTest(maxDuration = "60s")
    void readingFuzzedCsvYieldsCandidatesOrUnreadableLinesOrRejectsTheHeader(
            @NotNull @WithLength(max = 256 * 1024) byte[] input) {
        Bounded.run(() -> {
            try {
                readAll(ImportFormat.CSV, input);
            } catch (InvalidImportException rejected) {
                assertThat(rejected.getMessage()).isNotBlank();
            }
        });
    }

    private static void readAll(ImportFormat format, byte[] input) {
        try {
            ImportLineSource source = IMPORTER.open(format, new ByteArrayInputStream(input));
            long previous = 0;
            int lines = 0;
            for (Optional<ImportLine> next = source.next(); next.isPresent(); next = source.next()) {
                ImportLine line = next.get();
                assertThat(line.line()).isGreaterThan(previous);
                previous = line.line();
                assertThat(++lines).isLessThanOrEqualTo(input.length + 1);
                switch (line) {
                    case ImportLine.Candidate c -> {
                        assertThat(c.clientKey()).isNotNull();
                        assertThat(c.licenceType()).isNotNull();
                        assertThat(c.fields()).isNotNull();
                        c.fields().forEach((k, v) -> assertThat(v).as(k).isInstanceOfAny(String.class, Number.class));
                    }
                    case ImportLine.Unreadable u -> {
                        assertThat(u.problem()).isNotBlank();
                        assertThat(u.message()).isNotBlank();
                    }
                }
            }
            assertThat(source.blankLines()).isGreaterThanOrEqualTo(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array never fails to read
        }
    }
}
