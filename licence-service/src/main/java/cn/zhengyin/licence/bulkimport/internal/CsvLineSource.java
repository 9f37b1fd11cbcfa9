package cn.zhengyin.licence.bulkimport.internal;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CSV input (UTF-8, RFC 4180): a header row {@code key,licenceType,caseNumber,<field keys…>} then one licence a record.
 * An empty cell leaves the field out. All values are text; numbers are read by the licence type's validator.
 */
final class CsvLineSource implements ImportLineSource {
    static final List<String> FIXED_COLUMNS = List.of("key", "licenceType", "caseNumber");
    private final CsvRecordReader records;
    private final List<String> header;
    private long blank;

    private CsvLineSource(CsvRecordReader records, List<String> header, long blank) {
        this.records = records;
        this.header = header;
        this.blank = blank;
    }

    /**
     * Reads the header row.
     *
     * @throws InvalidImportException if the input has no valid header row
     */
    static CsvLineSource open(CsvRecordReader records) throws IOException {
        long blank = 0;
        while (true) {
            Optional<CsvRecordReader.Record> first = records.next();
            if (first.isEmpty()) {
                throw new InvalidImportException("the CSV input is empty; it needs a header row "
                        + String.join(",", FIXED_COLUMNS) + ",<field keys…>");
            }
            switch (first.get()) {
                case CsvRecordReader.Blank b -> blank++;
                case CsvRecordReader.Bad bad ->
                    throw new InvalidImportException("CSV header row (line " + bad.line() + "): " + bad.message());
                case CsvRecordReader.Cells cells -> {
                    List<String> header =
                            cells.cells().stream().map(String::strip).toList();
                    if (header.size() < FIXED_COLUMNS.size()
                            || !header.subList(0, 3).equals(FIXED_COLUMNS)) {
                        throw new InvalidImportException("the CSV header row must start with "
                                + String.join(",", FIXED_COLUMNS) + " followed by the licence type's field keys; got "
                                + String.join(",", header));
                    }
                    Set<String> seen = new HashSet<>();
                    for (String column : header) {
                        if (column.isEmpty() || !seen.add(column)) {
                            throw new InvalidImportException(
                                    "the CSV header row has an empty or repeated column '" + column + "'");
                        }
                    }
                    return new CsvLineSource(records, header, blank);
                }
            }
        }
    }

    @Override
    public Optional<ImportLine> next() throws IOException {
        while (true) {
            Optional<CsvRecordReader.Record> read = records.next();
            if (read.isEmpty()) {
                return Optional.empty();
            }
            switch (read.get()) {
                case CsvRecordReader.Blank b -> blank++;
                case CsvRecordReader.Bad bad -> {
                    return Optional.of(
                            new ImportLine.Unreadable(bad.line(), Optional.empty(), bad.problem(), bad.message()));
                }
                case CsvRecordReader.Cells cells -> {
                    return Optional.of(toLine(cells));
                }
            }
        }
    }

    @Override
    public long blankLines() {
        return blank;
    }

    private ImportLine toLine(CsvRecordReader.Cells record) {
        List<String> cells = record.cells();
        Optional<String> key =
                cells.isEmpty() || cells.getFirst().isBlank() ? Optional.empty() : Optional.of(cells.getFirst());
        if (cells.size() != header.size()) {
            return new ImportLine.Unreadable(
                    record.line(),
                    key,
                    "malformed-line",
                    "record has " + cells.size() + " values but the header has " + header.size() + " columns");
        }
        if (key.isEmpty()) {
            return new ImportLine.Unreadable(
                    record.line(),
                    key,
                    "missing-key",
                    "every line needs a key (unique in the import, reused when the import is run again)");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = FIXED_COLUMNS.size(); i < header.size(); i++) {
            if (!cells.get(i).isEmpty()) {
                fields.put(header.get(i), cells.get(i));
            }
        }
        String caseNumber = cells.get(2).isBlank() ? null : cells.get(2);
        return new ImportLine.Candidate(record.line(), key.get(), cells.get(1).strip(), caseNumber, fields);
    }
}
