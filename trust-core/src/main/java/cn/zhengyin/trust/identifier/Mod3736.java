package cn.zhengyin.trust.identifier;

/**
 * ISO/IEC 7064 MOD 37,36 (hybrid system) check character, as GB/T 36904-2018 prescribes for the licence identifier.
 * Characters 0–9 have values 0–9, A–Z have values 10–35; M = 36, M+1 = 37.
 */
public final class Mod3736 {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private Mod3736() {}

    /**
     * Computes the check character of {@code body}.
     *
     * @param body upper-case characters from {@code [0-9A-Z]}, at least one
     * @throws InvalidIdentifierException if the body is empty or holds another character
     */
    public static char checkCharacter(CharSequence body) {
        if (body.isEmpty()) {
            throw new InvalidIdentifierException("MOD 37,36 needs at least one character to compute a check character");
        }
        int p = 36;
        for (int i = 0; i < body.length(); i++) {
            int value = ALPHABET.indexOf(body.charAt(i));
            if (value < 0) {
                throw new InvalidIdentifierException("character '" + body.charAt(i) + "' at position " + (i + 1)
                        + " is not allowed in a MOD 37,36 body: use digits and upper-case letters A-Z only");
            }
            p = (p + value) % 36;
            if (p == 0) {
                p = 36;
            }
            p = (p * 2) % 37;
        }
        return ALPHABET.charAt((37 - p) % 36);
    }

    /** True when the last character of {@code bodyWithCheck} is the correct check character of the rest. */
    public static boolean isValid(CharSequence bodyWithCheck) {
        if (bodyWithCheck.length() < 2) {
            return false;
        }
        try {
            return checkCharacter(bodyWithCheck.subSequence(0, bodyWithCheck.length() - 1))
                    == bodyWithCheck.charAt(bodyWithCheck.length() - 1);
        } catch (InvalidIdentifierException e) {
            return false;
        }
    }
}
