package cn.zhengyin.trust.pdf;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a signature dictionary in the raw bytes of the file, at the offset the cross-reference table gives for it,
 * and finds where its {@code /Contents} hex string lies. This is what ties a ByteRange gap to <em>this</em>
 * signature: PDFBox gives the parsed {@code /Contents} value but not its position, so a second, identical
 * {@code /Contents} elsewhere in the file (signature wrapping) would otherwise pass a value comparison.
 *
 * <p>A small PDF lexer (ISO 32000-1 §7.2–7.3): comments, names with {@code #xx} escapes, literal strings with
 * nesting and escapes, hex strings, arrays and dictionaries. It never recurses and stops at the end of the file.
 */
final class SignatureDictionaryScanner {

    /** Where the dictionary's {@code /Contents} hex string is: {@code start} at '<', {@code end} after '>'. */
    record ContentsSpan(long start, long end) {}

    private final byte[] pdf;
    private int pos;

    private SignatureDictionaryScanner(byte[] pdf, int pos) {
        this.pdf = pdf;
        this.pos = pos;
    }

    /**
     * @param pdf          the whole file
     * @param offset       the xref offset of the signature dictionary's indirect object
     * @param objectNumber expected object number
     * @param generation   expected generation
     * @return the span of the single {@code /Contents} hex string directly in that dictionary, or a description of
     *         why there is none
     */
    static Result locateContents(byte[] pdf, long offset, long objectNumber, int generation) {
        if (offset < 0 || offset >= pdf.length) {
            return new Result(
                    Optional.empty(),
                    "the cross-reference offset " + offset + " of object " + objectNumber + " " + generation
                            + " is outside the file");
        }
        SignatureDictionaryScanner s = new SignatureDictionaryScanner(pdf, (int) offset);
        try {
            return s.scan(objectNumber, generation);
        } catch (ScanException e) {
            return new Result(Optional.empty(), e.getMessage());
        }
    }

    /** @param span the Contents span, or empty with {@code problem} saying why */
    record Result(Optional<ContentsSpan> span, String problem) {}

    private Result scan(long objectNumber, int generation) {
        skipSpace();
        String number = token();
        skipSpace();
        String gen = token();
        skipSpace();
        String obj = token();
        if (!number.equals(Long.toString(objectNumber))
                || !gen.equals(Integer.toString(generation))
                || !obj.equals("obj")) {
            throw new ScanException("the bytes at the cross-reference offset of object " + objectNumber + " "
                    + generation + " do not start '" + objectNumber + " " + generation + " obj' (found '" + number
                    + " " + gen + " " + obj + "')");
        }
        skipSpace();
        expect("<<");
        ContentsSpan contents = null;
        while (true) {
            skipSpace();
            if (startsWith(">>")) {
                pos += 2;
                break;
            }
            if (peek() != '/') {
                throw new ScanException("expected a name key in the signature dictionary at byte " + pos);
            }
            String key = name();
            skipSpace();
            int valueStart = pos;
            skipValue();
            if (key.equals("Contents")) {
                if (contents != null) {
                    throw new ScanException("the signature dictionary has /Contents twice");
                }
                if (pdf[valueStart] != '<' || pdf[valueStart + 1] == '<') {
                    throw new ScanException("the signature dictionary's /Contents is not a hex string");
                }
                contents = new ContentsSpan(valueStart, pos);
            }
        }
        skipSpace();
        String end = token();
        if (!end.equals("endobj")) {
            throw new ScanException("the signature dictionary object is not closed by endobj (found '" + end + "')");
        }
        if (contents == null) {
            throw new ScanException("the signature dictionary has no /Contents entry");
        }
        return new Result(Optional.of(contents), "");
    }

    /** Skips one complete direct object (an indirect reference {@code n g R} counts as one). */
    private void skipValue() {
        int depth = 0;
        do {
            skipSpace();
            int b = peek();
            if (b == '<' && startsWith("<<")) {
                pos += 2;
                depth++;
            } else if (b == '>' && startsWith(">>")) {
                pos += 2;
                depth--;
            } else if (b == '[') {
                pos++;
                depth++;
            } else if (b == ']') {
                pos++;
                depth--;
            } else if (b == '<') {
                hexString();
            } else if (b == '(') {
                literalString();
            } else if (b == '/') {
                name();
            } else {
                String t = token();
                if (t.isEmpty()) {
                    throw new ScanException("unexpected byte 0x" + Integer.toHexString(b) + " at " + pos);
                }
                if (depth == 0 && isInteger(t)) {
                    int mark = pos;
                    skipSpace();
                    String g = token();
                    skipSpace();
                    String r = token();
                    if (!(isInteger(g) && r.equals("R"))) {
                        pos = mark;
                    }
                }
            }
            if (depth < 0) {
                throw new ScanException("unbalanced brackets in the signature dictionary at byte " + pos);
            }
        } while (depth > 0);
    }

    private void hexString() {
        pos++;
        while (peek() != '>') {
            pos++;
        }
        pos++;
    }

    private void literalString() {
        int nesting = 0;
        do {
            int b = peek();
            pos++;
            if (b == '\\') {
                peek();
                pos++;
            } else if (b == '(') {
                nesting++;
            } else if (b == ')') {
                nesting--;
            }
        } while (nesting > 0);
    }

    private String name() {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < pdf.length && !isWhitespace(pdf[pos]) && !isDelimiter(pdf[pos])) {
            if (pdf[pos] == '#' && pos + 2 < pdf.length) {
                int high = Character.digit(pdf[pos + 1], 16);
                int low = Character.digit(pdf[pos + 2], 16);
                if (high >= 0 && low >= 0) {
                    sb.append((char) (high << 4 | low));
                    pos += 3;
                    continue;
                }
            }
            sb.append((char) (pdf[pos] & 0xff));
            pos++;
        }
        return sb.toString();
    }

    private String token() {
        int start = pos;
        while (pos < pdf.length && !isWhitespace(pdf[pos]) && !isDelimiter(pdf[pos])) {
            pos++;
        }
        return new String(pdf, start, pos - start, StandardCharsets.ISO_8859_1);
    }

    private void skipSpace() {
        while (pos < pdf.length) {
            if (isWhitespace(pdf[pos])) {
                pos++;
            } else if (pdf[pos] == '%') {
                while (pos < pdf.length && pdf[pos] != '\n' && pdf[pos] != '\r') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private void expect(String literal) {
        if (!startsWith(literal)) {
            throw new ScanException("expected '" + literal + "' at byte " + pos + " in the signature dictionary");
        }
        pos += literal.length();
    }

    private boolean startsWith(String literal) {
        if (pos + literal.length() > pdf.length) {
            return false;
        }
        for (int i = 0; i < literal.length(); i++) {
            if (pdf[pos + i] != literal.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int peek() {
        if (pos >= pdf.length) {
            throw new ScanException("the file ends inside the signature dictionary");
        }
        return pdf[pos] & 0xff;
    }

    private static boolean isInteger(String t) {
        return !t.isEmpty() && t.chars().allMatch(Character::isDigit);
    }

    static boolean isWhitespace(byte b) {
        return b == 0 || b == '\t' || b == '\n' || b == '\f' || b == '\r' || b == ' ';
    }

    private static boolean isDelimiter(byte b) {
        return b == '(' || b == ')' || b == '<' || b == '>' || b == '[' || b == ']' || b == '{' || b == '}' || b == '/'
                || b == '%';
    }

    private static final class ScanException extends RuntimeException {
        ScanException(String message) {
            super(message, null, false, false);
        }
    }
}
