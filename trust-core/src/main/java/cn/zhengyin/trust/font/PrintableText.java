package cn.zhengyin.trust.font;

import cn.zhengyin.trust.TrustException;
import java.util.Optional;

/**
 * Decides whether text may go on a licence or a seal: every character must be one the fonts can print, and nothing
 * may make the printed text read differently from the stored one. Refused, with the first offending code point:
 * <ul>
 *   <li>an unpaired surrogate (broken UTF-16, e.g. a JSON {@code "\ud840"} escape alone);</li>
 *   <li>a line break in a one-line field (LF, CR, NEL, VT, FF, U+2028, U+2029); in a multi-line field only LF
 *       (U+000A) breaks a line and the others are refused;</li>
 *   <li>any other control character (NUL, TAB, ESC, C1 controls);</li>
 *   <li>invisible format characters: bidirectional embeddings, overrides, isolates and marks (U+202A..U+202E,
 *       U+2066..U+2069, U+200E, U+200F, U+061C), zero-width space, joiners and the BOM (U+200B..U+200D, U+2060,
 *       U+FEFF), the soft hyphen, every other {@code Cf} character, variation selectors and other default-ignorable
 *       characters: two names that look alike must be the same name;</li>
 *   <li>private-use characters (no one else can know what they mean);</li>
 *   <li>a character that no face of the {@link FontChain} has (including unassigned code points).</li>
 * </ul>
 * Stateless and thread-safe; the first call for text outside GB 2312 loads the fallback faces' character maps.
 */
public final class PrintableText {
    private PrintableText() {}

    /** Whether a field holds one line, or lines separated by LF. */
    public enum Lines {
        ONE,
        MANY
    }

    /** Why a character is refused. */
    public enum Reason {
        UNPAIRED_SURROGATE,
        LINE_BREAK,
        CONTROL,
        INVISIBLE,
        PRIVATE_USE,
        NOT_IN_FONTS
    }

    /**
     * The first character that may not be printed.
     *
     * @param codePoint the code point (an unpaired surrogate's own value)
     * @param index     its {@code char} index in the text
     * @param reason    why
     * @param message   an English sentence naming the code point, e.g. {@code U+202E (RIGHT-TO-LEFT OVERRIDE) is a
     *                  bidirectional formatting character …}
     */
    public record Unprintable(int codePoint, int index, Reason reason, String message) {
        /** The code point as {@code U+XXXX}. */
        public String codePointLabel() {
            return FontChain.label(codePoint);
        }
    }

    /** Checks {@code text} against the rules above and the licence fonts ({@link FontChain#cjk()}). */
    public static Optional<Unprintable> check(CharSequence text, Lines lines) {
        return check(text, lines, FontChain.cjk());
    }

    /** Checks {@code text} against the rules above and the faces of {@code chain}. */
    public static Optional<Unprintable> check(CharSequence text, Lines lines, FontChain chain) {
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            Optional<Unprintable> refused = refusal(cp, i, lines, chain);
            if (refused.isPresent()) {
                return refused;
            }
            i += Character.charCount(cp);
        }
        return Optional.empty();
    }

    /**
     * @throws UnprintableTextException naming {@code what} and the first refused code point
     */
    public static void require(CharSequence text, Lines lines, FontChain chain, String what) {
        check(text, lines, chain).ifPresent(u -> {
            throw new UnprintableTextException(what, u);
        });
    }

    private static Optional<Unprintable> refusal(int cp, int index, Lines lines, FontChain chain) {
        if (cp <= Character.MAX_VALUE && Character.isSurrogate((char) cp)) {
            return refuse(
                    cp,
                    index,
                    Reason.UNPAIRED_SURROGATE,
                    FontChain.label(cp) + " is an unpaired UTF-16 surrogate: the text is not valid Unicode");
        }
        if (isLineBreak(cp)) {
            if (lines == Lines.MANY && cp == '\n') {
                return Optional.empty();
            }
            return refuse(
                    cp,
                    index,
                    Reason.LINE_BREAK,
                    lines == Lines.ONE
                            ? labelled(cp) + " is a line break, and this field holds one line"
                            : labelled(cp) + " is not accepted as a line break; separate lines with U+000A (LF) alone");
        }
        int type = Character.getType(cp);
        if (type == Character.CONTROL) {
            return refuse(cp, index, Reason.CONTROL, labelled(cp) + " is a control character");
        }
        if (isBidiControl(cp)) {
            return refuse(
                    cp,
                    index,
                    Reason.INVISIBLE,
                    labelled(cp) + " is a bidirectional formatting character: it would make the printed text read"
                            + " differently from the stored one");
        }
        if (type == Character.FORMAT || isDefaultIgnorable(cp)) {
            return refuse(
                    cp,
                    index,
                    Reason.INVISIBLE,
                    labelled(cp) + " is an invisible (zero-width or format) character: two names that look the same"
                            + " would differ");
        }
        if (type == Character.PRIVATE_USE) {
            return refuse(
                    cp,
                    index,
                    Reason.PRIVATE_USE,
                    labelled(cp) + " is a private-use character, whose meaning only its sender knows");
        }
        if (chain.faceFor(cp).isEmpty()) {
            return refuse(
                    cp,
                    index,
                    Reason.NOT_IN_FONTS,
                    FontChain.label(cp) + " '" + Character.toString(cp) + "'" + name(cp)
                            + " is in none of the licence fonts (" + chain.describe()
                            + "), which cover GB 18030-2022");
        }
        return Optional.empty();
    }

    private static Optional<Unprintable> refuse(int cp, int index, Reason reason, String message) {
        return Optional.of(new Unprintable(cp, index, reason, message));
    }

    /** {@code U+202E (RIGHT-TO-LEFT OVERRIDE)}: only for a refusal (looking names up is slow). */
    private static String labelled(int cp) {
        return FontChain.label(cp) + name(cp);
    }

    private static String name(int cp) {
        String name = Character.getName(cp);
        return name == null ? "" : " (" + name + ")";
    }

    private static boolean isLineBreak(int cp) {
        return cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
    }

    private static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069)
                || cp == 0x200E
                || cp == 0x200F
                || cp == 0x061C;
    }

    /** Default-ignorable characters that are not {@code Cf}: variation selectors, fillers, the grapheme joiner. */
    private static boolean isDefaultIgnorable(int cp) {
        return (cp >= 0xFE00 && cp <= 0xFE0F)
                || (cp >= 0xE0100 && cp <= 0xE01EF)
                || (cp >= 0x180B && cp <= 0x180F)
                || cp == 0x034F
                || cp == 0x115F
                || cp == 0x1160
                || cp == 0x3164
                || cp == 0xFFA0
                || (cp >= 0xE0000 && cp <= 0xE0FFF);
    }

    /** Text that may not be printed: names what was checked and the first refused code point. */
    public static final class UnprintableTextException extends TrustException {
        private final transient Unprintable unprintable;

        public UnprintableTextException(String what, Unprintable unprintable) {
            super(what + ": " + unprintable.message());
            this.unprintable = unprintable;
        }

        public Unprintable unprintable() {
            return unprintable;
        }
    }
}
