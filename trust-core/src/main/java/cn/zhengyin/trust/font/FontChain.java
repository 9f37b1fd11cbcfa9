package cn.zhengyin.trust.font;

import cn.zhengyin.trust.TrustException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Glyph-by-glyph font fallback: an ordered list of faces, each character drawn with the first face that has it. The
 * PDF and OFD renditions and the seal images draw text with {@link #cjk()}, so a character is printable in one
 * rendition exactly when it is in all: keep the Song face for what it covers, fall back for the rest.
 *
 * <p>Typical use: validate input with {@link PrintableText} (which asks {@link #firstUncovered}), then draw each
 * {@link #runs(String) run} with its face. Immutable and thread-safe.
 */
public final class FontChain {
    private static final FontChain CJK =
            new FontChain(List.of(CjkFace.SONG_TI, CjkFace.HANA_MIN_A, CjkFace.HANA_MIN_B, CjkFace.BABELSTONE_HAN));

    private final List<CjkFace> faces;

    private FontChain(List<CjkFace> faces) {
        if (faces.isEmpty()) {
            throw new IllegalArgumentException("a font chain needs at least one face");
        }
        this.faces = List.copyOf(faces);
    }

    /**
     * The chain of every licence and seal: AR PL SungtiL GB (GB 2312), HanaMinA (the rest of GB 18030-2022's Basic
     * Multilingual Plane), HanaMinB (CJK Extensions B–F), BabelStone Han (U+9FEB..U+9FEF). Together they cover every
     * ideograph GB 18030-2022 lists (implementation levels 1 and 2, and the CJK Unified Ideographs of level 3).
     */
    public static FontChain cjk() {
        return CJK;
    }

    /** A chain of the given faces, asked in this order (e.g. the Song face alone). */
    public static FontChain of(CjkFace... faces) {
        return new FontChain(List.of(faces));
    }

    /** The faces in the order they are asked. */
    public List<CjkFace> faces() {
        return faces;
    }

    /** The first face that has a glyph for {@code codePoint}; empty if none has. */
    public Optional<CjkFace> faceFor(int codePoint) {
        for (CjkFace face : faces) {
            if (face.covers(codePoint)) {
                return Optional.of(face);
            }
        }
        return Optional.empty();
    }

    /** Whether some face has every character of {@code text}. */
    public boolean covers(CharSequence text) {
        return firstUncovered(text).isEmpty();
    }

    /**
     * The first code point of {@code text} that no face has (an unpaired surrogate counts as its own code point and is
     * never covered).
     */
    public OptionalInt firstUncovered(CharSequence text) {
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            if (faceFor(cp).isEmpty()) {
                return OptionalInt.of(cp);
            }
            i += Character.charCount(cp);
        }
        return OptionalInt.empty();
    }

    /**
     * One stretch of text drawn with one face.
     *
     * @param face  the face that has every character of the run
     * @param text  the characters
     * @param start index of the run's first {@code char} in the whole text
     * @param end   index after the run's last {@code char}
     */
    public record Run(CjkFace face, String text, int start, int end) {}

    /**
     * Splits {@code text} into maximal runs of characters drawn with the same face, in order; their texts
     * concatenated give {@code text} back.
     *
     * @throws UncoveredCharacterException if a character is in no face (validate with {@link PrintableText} first)
     */
    public List<Run> runs(String text) {
        List<Run> runs = new ArrayList<>();
        CjkFace current = null;
        int start = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int at = i;
            CjkFace face = faceFor(cp).orElseThrow(() -> new UncoveredCharacterException(cp, at, this));
            if (face != current) {
                if (current != null) {
                    runs.add(new Run(current, text.substring(start, i), start, i));
                }
                current = face;
                start = i;
            }
            i += Character.charCount(cp);
        }
        if (current != null) {
            runs.add(new Run(current, text.substring(start), start, text.length()));
        }
        return List.copyOf(runs);
    }

    /** The faces' family names, e.g. for messages: {@code AR PL SungtiL GB, HanaMinA, …}. */
    public String describe() {
        return faces.stream().map(CjkFace::familyName).collect(Collectors.joining(", "));
    }

    /** {@code U+4E00}-style label of a code point (at least four hex digits). */
    public static String label(int codePoint) {
        return String.format(Locale.ROOT, "U+%04X", codePoint);
    }

    /** A character no face of the chain has, found while splitting text into runs. */
    public static final class UncoveredCharacterException extends TrustException {
        private final int codePoint;
        private final int index;

        UncoveredCharacterException(int codePoint, int index, FontChain chain) {
            super(label(codePoint) + " at index " + index + " is in none of the fonts (" + chain.describe()
                    + "); check text with PrintableText before drawing it");
            this.codePoint = codePoint;
            this.index = index;
        }

        public int codePoint() {
            return codePoint;
        }

        public int index() {
            return index;
        }
    }
}
