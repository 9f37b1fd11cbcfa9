package cn.zhengyin.trust.identifier;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * 公民身份号码 (citizen identity number), GB 11643-1999: 17 digits (address code, birth date, sequence) and an
 * ISO 7064 MOD 11-2 check character (0-9 or X).
 *
 * @param value the 18-character number, with an upper-case X if the check is ten
 */
public record CitizenIdentityNumber(String value) {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECKS = "10X98765432";

    public CitizenIdentityNumber {
        problemWith(value).ifPresent(problem -> {
            throw new InvalidIdentifierException(problem);
        });
    }

    public static CitizenIdentityNumber parse(@Nullable String text) {
        if (text == null) {
            throw new InvalidIdentifierException("citizen identity number is missing");
        }
        return new CitizenIdentityNumber(text.strip().toUpperCase(java.util.Locale.ROOT));
    }

    public static boolean isValid(@Nullable String text) {
        return text != null && problemWith(text).isEmpty();
    }

    /** Computes the check character for the first 17 digits. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECKS.charAt(sum % 11);
    }

    /** The birth date encoded in positions 7–14. */
    public LocalDate birthDate() {
        return LocalDate.of(
                Integer.parseInt(value.substring(6, 10)),
                Integer.parseInt(value.substring(10, 12)),
                Integer.parseInt(value.substring(12, 14)));
    }

    private static Optional<String> problemWith(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("citizen identity number is missing");
        }
        if (value.length() != 18) {
            return Optional.of(
                    "citizen identity number has " + value.length() + " characters; GB 11643-1999 requires 18");
        }
        for (int i = 0; i < 17; i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return Optional.of("citizen identity number has '" + value.charAt(i) + "' at position " + (i + 1)
                        + "; the first 17 characters must be digits (GB 11643-1999)");
            }
        }
        try {
            LocalDate.of(
                    Integer.parseInt(value.substring(6, 10)),
                    Integer.parseInt(value.substring(10, 12)),
                    Integer.parseInt(value.substring(12, 14)));
        } catch (DateTimeException e) {
            return Optional.of("citizen identity number has an impossible birth date '" + value.substring(6, 14)
                    + "' (GB 11643-1999)");
        }
        char expected = checkCharacter(value);
        if (expected != value.charAt(17)) {
            return Optional.of("citizen identity number fails its check character: expected '" + expected
                    + "' (GB 11643-1999 MOD 11-2), found '" + value.charAt(17) + "'");
        }
        return Optional.empty();
    }

    /** Masked form for logs and lists: keeps the first 6 and last 4 characters. */
    @Override
    public String toString() {
        return value.substring(0, 6) + "********" + value.substring(14);
    }
}
