package cn.zhengyin.licence.bulkimport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

    private static List<CsvRecordReader.Record> read(String text, int max) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8), max);
    }

    private static List<CsvRecordReader.Record> read(byte[] bytes, int max) throws IOException {
        CsvRecordReader reader = new CsvRecordReader(new BoundedLineReader(new ByteArrayInputStream(bytes), max), max);
        List<CsvRecordReader.Record> records = new ArrayList<>();
        Optional<CsvRecordReader.Record> next;
        while ((next = reader.next()).isPresent()) {
            records.add(next.get());
        }
        return records;
    }

    @Test
    void quotedValuesKeepCommasDoubledQuotesAndLineBreaks() throws IOException {
        List<CsvRecordReader.Record> records =
                read("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",x,\"\"\nlast,,\n", 1000);
        assertThat(records)
                .containsExactly(
                        new CsvRecordReader.Cells(1, List.of("a", "b,c", "say \"hi\"")),
                        new CsvRecordReader.Cells(2, List.of("multi\nline", "x", "")),
                        new CsvRecordReader.Cells(4, List.of("last", "", "")));
    }

    @Test
    void aByteOrderMarkAtTheStartIsDroppedAndChineseTextSurvives() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "key,名称\n1,\"示范市，青禾\"".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        assertThat(read(all, 1000))
                .containsExactly(
                        new CsvRecordReader.Cells(1, List.of("key", "名称")),
                        new CsvRecordReader.Cells(2, List.of("1", "示范市，青禾")));
    }

    @Test
    void blankLinesAreReportedAsBlank() throws IOException {
        assertThat(read("a,b\n\n  \nc,d", 100))
                .containsExactly(
                        new CsvRecordReader.Cells(1, List.of("a", "b")),
                        new CsvRecordReader.Blank(2),
                        new CsvRecordReader.Blank(3),
                        new CsvRecordReader.Cells(4, List.of("c", "d")));
    }

    @Test
    void badQuotingIsOneBadRecordAndReadingGoesOn() throws IOException {
        List<CsvRecordReader.Record> records = read("a\"b,c\n\"x\"y,z\nok,1\n", 100);
        assertThat(records).hasSize(3);
        assertThat(records.get(0))
                .isInstanceOfSatisfying(
                        CsvRecordReader.Bad.class,
                        b -> assertThat(b.message()).contains("quote in the middle of an unquoted value"));
        assertThat(records.get(1))
                .isInstanceOfSatisfying(
                        CsvRecordReader.Bad.class, b -> assertThat(b.message()).contains("after the quoted value"));
        assertThat(records.get(2)).isEqualTo(new CsvRecordReader.Cells(3, List.of("ok", "1")));
    }

    @Test
    void anUnclosedQuoteAtTheEndOfInputIsBad() throws IOException {
        assertThat(read("ok,1\n\"never closed\nstill open", 100))
                .last()
                .isInstanceOfSatisfying(
                        CsvRecordReader.Bad.class, b -> assertThat(b.message()).contains("not closed before the end"));
    }

    @Test
    void aTooLongLineIsRejectedWithoutBeingHeldAndTheNextLineIsRead() throws IOException {
        List<CsvRecordReader.Record> records = read("x".repeat(5000) + "\nok,1\n", 100);
        assertThat(records.get(0))
                .isInstanceOfSatisfying(
                        CsvRecordReader.Bad.class, b -> assertThat(b.problem()).isEqualTo("line-too-long"));
        assertThat(records.get(1)).isEqualTo(new CsvRecordReader.Cells(2, List.of("ok", "1")));
    }

    @Test
    void aQuotedRecordLongerThanTheLimitAcrossLinesIsRejected() throws IOException {
        String longQuoted = "\"" + ("y".repeat(60) + "\n").repeat(3) + "\",1\nnext,2\n";
        List<CsvRecordReader.Record> records = read(longQuoted, 100);
        assertThat(records.get(0))
                .isInstanceOfSatisfying(
                        CsvRecordReader.Bad.class, b -> assertThat(b.problem()).isEqualTo("line-too-long"));
    }

    @Test
    void invalidUtf8IsABadRecord() throws IOException {
        byte[] bytes = {'a', ',', (byte) 0xC3, (byte) 0x28, '\n', 'b', ',', 'c'};
        List<CsvRecordReader.Record> records = read(bytes, 100);
        assertThat(records.get(0)).isInstanceOf(CsvRecordReader.Bad.class);
        assertThat(records.get(1)).isEqualTo(new CsvRecordReader.Cells(2, List.of("b", "c")));
    }
}
