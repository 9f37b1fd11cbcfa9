package cn.zhengyin.licence.bulkimport.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RFC 4180 records over {@link BoundedLineReader}: comma-separated, fields optionally in double quotes, a quote inside
 * quotes doubled, commas and line breaks allowed inside quotes (a record then spans several physical lines, and its
 * total length is bounded like a line). Streams: holds one record at a time.
 */
final class CsvRecordReader {
    /** One logical record starting at physical line {@code line}. */
    sealed interface Record permits Cells, Blank, Bad {
        long line();
    }

    record Cells(long line, List<String> cells) implements Record {}

    record Blank(long line) implements Record {}

    record Bad(long line, String problem, String message) implements Record {}

    private final BoundedLineReader lines;
    private final int maxChars;

    CsvRecordReader(BoundedLineReader lines, int maxChars) {
        this.lines = lines;
        this.maxChars = maxChars;
    }

    Optional<Record> next() throws IOException {
        Optional<BoundedLineReader.Line> first = lines.next();
        if (first.isEmpty()) {
            return Optional.empty();
        }
        long start = first.get().number();
        StringBuilder text = new StringBuilder();
        BoundedLineReader.Line line = first.get();
        while (true) {
            switch (line) {
                case BoundedLineReader.TooLong t -> {
                    return Optional.of(new Bad(
                            start, "line-too-long", LineProblems.tooLong(t).message()));
                }
                case BoundedLineReader.Undecodable u -> {
                    return Optional.of(new Bad(
                            start, "malformed-line", LineProblems.undecodable(u).message()));
                }
                case BoundedLineReader.Text t -> text.append(t.text());
            }
            if (text.length() > maxChars) {
                return Optional.of(new Bad(
                        start,
                        "line-too-long",
                        "record has more than " + maxChars + " characters; a quoted value may be unterminated"));
            }
            if (start == line.number() && text.toString().isBlank()) {
                return Optional.of(new Blank(start));
            }
            Parsed parsed = parse(text);
            switch (parsed) {
                case Parsed.Complete c -> {
                    return Optional.of(new Cells(start, c.cells()));
                }
                case Parsed.Malformed m -> {
                    return Optional.of(new Bad(start, "malformed-line", m.message()));
                }
                case Parsed.OpenQuote o -> {
                    Optional<BoundedLineReader.Line> more = lines.next();
                    if (more.isEmpty()) {
                        return Optional.of(new Bad(
                                start, "malformed-line", "a quoted value is not closed before the end of the input"));
                    }
                    text.append('\n');
                    line = more.get();
                }
            }
        }
    }

    sealed interface Parsed permits Parsed.Complete, Parsed.OpenQuote, Parsed.Malformed {
        record Complete(List<String> cells) implements Parsed {}

        record OpenQuote() implements Parsed {}

        record Malformed(String message) implements Parsed {}
    }

    /** Parses one record's text; {@link Parsed.OpenQuote} when it ends inside a quoted value. */
    static Parsed parse(CharSequence text) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (true) {
            cell.setLength(0);
            if (i < n && text.charAt(i) == '"') {
                int column = i + 1;
                i++;
                while (true) {
                    if (i >= n) {
                        return new Parsed.OpenQuote();
                    }
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < n && text.charAt(i) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        cell.append(c);
                    }
                }
                if (i < n && text.charAt(i) != ',') {
                    return new Parsed.Malformed(
                            "unexpected '" + text.charAt(i) + "' after the quoted value starting at column " + column
                                    + "; a quote inside a quoted value is written twice (\"\")");
                }
            } else {
                while (i < n && text.charAt(i) != ',') {
                    char c = text.charAt(i++);
                    if (c == '"') {
                        return new Parsed.Malformed("quote in the middle of an unquoted value at column " + i
                                + "; quote the whole value and double the quote (\"\")");
                    }
                    cell.append(c);
                }
            }
            cells.add(cell.toString());
            if (i >= n) {
                return new Parsed.Complete(cells);
            }
            i++; // the comma
        }
    }
}
