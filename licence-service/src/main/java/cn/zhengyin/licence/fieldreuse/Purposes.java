package cn.zhengyin.licence.fieldreuse;

import java.util.Locale;
import java.util.Optional;

/**
 * The rules of a 用证事由 (purpose of use), whoever writes it — a holder in a consent or a use code, or the configured
 * list of a service item: it is shown to holders, signed into field releases and printed on annotated copies, so it is
 * one line of plain text, short enough to be printed whole on a copy's stamp.
 */
public final class Purposes {
    /** At most this many characters (code points): an annotated copy's stamp prints it whole. */
    public static final int MAX_LENGTH = 50;

    private Purposes() {}

    /**
     * @return the purpose without surrounding white space
     * @throws FieldReuseException (invalid) saying which rule the text breaks
     */
    public static String check(String purpose) {
        Optional<String> problem = problem(purpose);
        if (problem.isPresent()) {
            throw FieldReuseException.invalid(problem.get());
        }
        return purpose.strip();
    }

    /** Why the text is not a valid purpose, if it is not. */
    public static Optional<String> problem(String purpose) {
        if (purpose == null || purpose.isBlank()) {
            return Optional.of("purpose (用证事由) is required");
        }
        String p = purpose.strip();
        int length = p.codePointCount(0, p.length());
        if (length > MAX_LENGTH) {
            return Optional.of("purpose (用证事由) has " + length + " characters; at most " + MAX_LENGTH);
        }
        int position = 0;
        for (int i = 0; i < p.length(); i += Character.charCount(p.codePointAt(i))) {
            int c = p.codePointAt(i);
            position++;
            if (!printable(c)) {
                return Optional.of(String.format(
                        Locale.ROOT,
                        "purpose (用证事由) has a control, formatting or unassigned character (U+%04X) at position %d;"
                                + " a purpose is one line of plain text",
                        c,
                        position));
            }
        }
        return Optional.empty();
    }

    /** Letters, marks, numbers, punctuation, symbols and the plain space; no controls, bidi or zero-width marks. */
    private static boolean printable(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.PRIVATE_USE,
                    Character.SURROGATE,
                    Character.UNASSIGNED -> false;
            case Character.SPACE_SEPARATOR -> c == ' ' || c == '\u3000';
            default -> true;
        };
    }
}
