package cn.zhengyin.trust.identifier;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters over a 31-character alphabet (no I, O, S,
 * V, Z), the last being a MOD 31 check character.
 *
 * @param value the 18-character code, upper case
 */
public record UnifiedSocialCreditCode(String value) {
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    public UnifiedSocialCreditCode {
        problemWith(value).ifPresent(problem -> {
            throw new InvalidIdentifierException(problem);
        });
    }

    /** Parses a code, accepting lower case input. */
    public static UnifiedSocialCreditCode parse(@Nullable String text) {
        if (text == null) {
            throw new InvalidIdentifierException("unified social credit code is missing");
        }
        return new UnifiedSocialCreditCode(text.strip().toUpperCase(java.util.Locale.ROOT));
    }

    public static boolean isValid(@Nullable String text) {
        return text != null && problemWith(text).isEmpty();
    }

    /**
     * Completes the first 17 characters (registration authority, organisation type, region code and organisation code)
     * with their check character: how fixtures, samples and load generators make distinct valid codes.
     *
     * @throws InvalidIdentifierException if there are not 17 characters of the GB 32100-2015 alphabet
     */
    public static UnifiedSocialCreditCode completing(String first17) {
        return new UnifiedSocialCreditCode(first17 + checkCharacter(first17));
    }

    /** Computes the check character for the first 17 characters. */
    public static char checkCharacter(String first17) {
        if (first17.length() != 17) {
            throw new InvalidIdentifierException(
                    "a unified social credit code check needs 17 characters, got " + first17.length());
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = ALPHABET.indexOf(first17.charAt(i));
            if (v < 0) {
                throw new InvalidIdentifierException(
                        "character '" + first17.charAt(i) + "' at position " + (i + 1)
                                + " is not allowed in a unified social credit code (GB 32100-2015 uses 0-9 and A-Y without I, O, S, V, Z)");
            }
            sum += v * WEIGHTS[i];
        }
        int c = 31 - sum % 31;
        return ALPHABET.charAt(c == 31 ? 0 : c);
    }

    private static Optional<String> problemWith(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("unified social credit code is missing");
        }
        if (value.length() != 18) {
            return Optional.of("unified social credit code '" + value + "' has " + value.length()
                    + " characters; GB 32100-2015 requires 18");
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(value.charAt(i)) < 0) {
                return Optional.of("unified social credit code '" + value + "' has '" + value.charAt(i)
                        + "' at position " + (i + 1) + "; GB 32100-2015 allows 0-9 and A-Y without I, O, S, V, Z");
            }
        }
        char expected = checkCharacter(value.substring(0, 17));
        if (expected != value.charAt(17)) {
            return Optional.of("unified social credit code '" + value + "' fails its check character: expected '"
                    + expected + "' (GB 32100-2015 MOD 31), found '" + value.charAt(17) + "'");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
