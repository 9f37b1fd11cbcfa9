package cn.zhengyin.trust.identifier;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 电子证照标识 (electronic licence identifier), GB/T 36904-2018:
 * {@code 1.2.156.3005.2.<type code>.<issuer code>.<serial>.<version>.<check>}.
 *
 * <ul>
 *   <li>type code (证照类型代码): the defining authority's 18-character USCC and a 3-digit sequence, 21 characters;</li>
 *   <li>issuer code (证照颁发机构代码): the issuing authority's 18-character USCC;</li>
 *   <li>serial (流水号): chosen by the issuer, {@code [0-9A-Z]}, 1–{@value #MAX_SERIAL_LENGTH} characters;</li>
 *   <li>version (版本号): 001 for the first edition, incremented by every new edition of the same licence;</li>
 *   <li>check character (校验位): ISO/IEC 7064 MOD 37,36 over type code + issuer code + serial + version.</li>
 * </ul>
 *
 * The USCC check characters inside the type and issuer codes are not enforced here: real identifiers are issued by
 * authorities whose codes predate validation. Callers that mint identifiers validate the codes before.
 */
public record LicenceIdentifier(String typeCode, String issuerCode, String serial, int version) {
    /** Root OID of electronic licence identifiers (1.2.156 = ISO member body China). */
    public static final String ROOT = "1.2.156.3005.2";

    public static final int MAX_SERIAL_LENGTH = 32;
    private static final Pattern SYNTAX = Pattern.compile(
            "^1\\.2\\.156\\.3005\\.2\\.([0-9A-Z]{18}\\d{3})\\.([0-9A-Z]{6,18})\\.([0-9A-Z]{1,32})\\.(\\d{3})\\.([0-9A-Z])$");
    private static final Pattern TYPE_CODE = Pattern.compile("[0-9A-Z]{18}\\d{3}");
    private static final Pattern ISSUER_CODE = Pattern.compile("[0-9A-Z]{6,18}");
    private static final Pattern SERIAL = Pattern.compile("[0-9A-Z]{1,32}");

    public LicenceIdentifier {
        if (typeCode == null || !TYPE_CODE.matcher(typeCode).matches()) {
            throw new InvalidIdentifierException("licence type code '" + typeCode
                    + "' must be the defining authority's 18-character USCC followed by 3 digits (GB/T 36904-2018)");
        }
        if (issuerCode == null || !ISSUER_CODE.matcher(issuerCode).matches()) {
            throw new InvalidIdentifierException(
                    "issuer code '" + issuerCode
                            + "' must be the issuing authority's 18-character USCC, or a 6-18 character legacy code (GB/T 36904-2018)");
        }
        if (serial == null || !SERIAL.matcher(serial).matches()) {
            throw new InvalidIdentifierException("serial '" + serial + "' must be 1-" + MAX_SERIAL_LENGTH
                    + " characters of 0-9 and A-Z (GB/T 36904-2018)");
        }
        if (version < 1 || version > 999) {
            throw new InvalidIdentifierException("version " + version + " is out of range 001-999 (GB/T 36904-2018)");
        }
    }

    /** The first edition (version 001) of a licence. */
    public static LicenceIdentifier first(String typeCode, String issuerCode, String serial) {
        return new LicenceIdentifier(typeCode, issuerCode, serial, 1);
    }

    /**
     * Parses an identifier and checks its check character.
     *
     * @throws InvalidIdentifierException naming what is wrong
     */
    public static LicenceIdentifier parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidIdentifierException("licence identifier is missing");
        }
        String candidate = text.strip();
        Matcher m = SYNTAX.matcher(candidate);
        if (!m.matches()) {
            if (!candidate.startsWith(ROOT + ".")) {
                throw new InvalidIdentifierException("licence identifier '" + candidate
                        + "' must start with the root code " + ROOT + " (GB/T 36904-2018)");
            }
            throw new InvalidIdentifierException("licence identifier '" + candidate + "' does not have the form " + ROOT
                    + ".<21-char type code>.<18-char issuer code>.<serial 0-9A-Z>.<3-digit version>.<check character>");
        }
        LicenceIdentifier id = new LicenceIdentifier(m.group(1), m.group(2), m.group(3), Integer.parseInt(m.group(4)));
        char found = m.group(5).charAt(0);
        if (found != id.checkCharacter()) {
            throw new InvalidIdentifierException(
                    "licence identifier '" + candidate + "' fails its check character: expected '" + id.checkCharacter()
                            + "' (ISO/IEC 7064 MOD 37,36, GB/T 36904-2018), found '" + found + "'");
        }
        return id;
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidIdentifierException e) {
            return false;
        }
    }

    /** The version as printed in the identifier, three digits. */
    public String versionCode() {
        return String.format(java.util.Locale.ROOT, "%03d", version);
    }

    /** The check character over type code + issuer code + serial + version. */
    public char checkCharacter() {
        return Mod3736.checkCharacter(typeCode + issuerCode + serial + versionCode());
    }

    /** The identifier root shared by all versions of one licence: {@code type.issuer.serial}. */
    public String root() {
        return typeCode + "." + issuerCode + "." + serial;
    }

    /** The next edition of the same licence (version + 1, new check character). */
    public LicenceIdentifier nextVersion() {
        if (version == 999) {
            throw new InvalidIdentifierException(
                    "licence " + root() + " is at version 999, the last that GB/T 36904-2018 allows");
        }
        return new LicenceIdentifier(typeCode, issuerCode, serial, version + 1);
    }

    public LicenceIdentifier withVersion(int newVersion) {
        return new LicenceIdentifier(typeCode, issuerCode, serial, newVersion);
    }

    /** The full identifier text. */
    @Override
    public String toString() {
        return ROOT + "." + root() + "." + versionCode() + "." + checkCharacter();
    }
}
