package cn.zhengyin.licence.statistics;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One table of the statistics page, as shown beside its chart and downloaded as CSV.
 *
 * @param id      the table's name in URLs and file names ({@code licences-by-day}, …)
 * @param title   its caption, in the page's language
 * @param headers column headings
 * @param rows    cells, as text (numbers in plain decimal)
 */
public record StatisticsTable(String id, String title, List<String> headers, List<List<String>> rows) {
    public StatisticsTable {
        headers = List.copyOf(headers);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> row : rows) {
            if (row.size() != headers.size()) {
                throw new IllegalArgumentException(
                        "table " + id + ": a row has " + row.size() + " cells for " + headers.size() + " columns");
            }
        }
    }

    /**
     * The table as CSV (RFC 4180: comma-separated, CRLF line ends, cells with a comma, quote or line break quoted),
     * UTF-8 with a byte order mark so that spreadsheet programs read the Chinese headings. A cell that a spreadsheet
     * would take for a formula (starting with =, +, -, @, tab or CR) and is not a number is prefixed with an
     * apostrophe.
     */
    public byte[] csv() {
        StringBuilder out = new StringBuilder("\uFEFF");
        line(out, headers);
        rows.forEach(r -> line(out, r));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A {@code Content-Disposition} header value for downloading a file: {@code asciiName} for old clients
     * ({@code filename}, any character outside printable ASCII replaced by '_') and {@code name} in UTF-8 as RFC 5987
     * / RFC 6266 {@code filename*} (percent-encoded outside the attr-chars), which browsers prefer.
     */
    public static String attachment(String asciiName, String name) {
        StringBuilder plain = new StringBuilder();
        asciiName
                .codePoints()
                .forEach(c -> plain.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? (char) c : '_'));
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format(java.util.Locale.ROOT, "%02X", c));
            }
        }
        return "attachment; filename=\"" + plain + "\"; filename*=UTF-8''" + encoded;
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("[+-]?\\d+(\\.\\d+)?")) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
