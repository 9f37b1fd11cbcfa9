package cn.zhengyin.seal.image;

import cn.zhengyin.trust.font.PrintableText;
import cn.zhengyin.trust.seal.SealType;
import java.util.ArrayList;
import java.util.List;

/**
 * What a seal impression shows and its physical size, in millimetres.
 *
 * <p>Round seals (types 01–04, 99) follow 国发〔1999〕25号 and common engraving practice (STANDARDS.md §4): a
 * company seal is Ø42 mm with a 14 mm star and a 1.2 mm rim; a special-purpose seal (专用章) is Ø40 mm with a 1 mm
 * rim and its purpose in the lower half. The 法定代表人名章 (05) is a framed square (default 18×18 mm) or rectangle.
 * Name and purpose take every character of GB 18030-2022 that the seal fonts have ({@code PrintableText}); control,
 * bidirectional and zero-width characters are refused. Sizes may be overridden within {@link #MIN_ROUND_MM}..{@link #MAX_ROUND_MM} (round) and
 * {@link #MIN_NAME_SEAL_MM}..{@link #MAX_NAME_SEAL_MM} (name seals); rim and star scale with the size.
 *
 * @param type       the seal type
 * @param name       the organisation name on the upper arc, or the person's name on a 05 name seal
 * @param purpose    purpose text printed horizontally in the lower half (e.g. 合同专用章); empty for none
 * @param sealNumber the seal number printed along the lower edge; empty for none (digits, letters and '-')
 * @param widthMm    width (the diameter of a round seal)
 * @param heightMm   height (equal to the width for a round seal)
 */
public record SealDesign(
        SealType type, String name, String purpose, String sealNumber, double widthMm, double heightMm) {
    public static final double MIN_ROUND_MM = 30;
    public static final double MAX_ROUND_MM = 60;
    public static final double MIN_NAME_SEAL_MM = 10;
    public static final double MAX_NAME_SEAL_MM = 40;
    public static final int MAX_ROUND_NAME_LENGTH = 24;
    public static final int MAX_PURPOSE_LENGTH = 10;
    public static final int MAX_SEAL_NUMBER_LENGTH = 20;

    public SealDesign {
        List<String> problems = new ArrayList<>();
        if (type == null) {
            throw new InvalidSealDesignException(List.of("type: required, one of 01, 02, 03, 04, 05, 99"));
        }
        name = name == null ? "" : name.strip();
        purpose = purpose == null ? "" : purpose.strip();
        sealNumber = sealNumber == null ? "" : sealNumber.strip();
        PrintableText.check(name, PrintableText.Lines.ONE)
                .ifPresent(u -> problems.add("name: character " + (u.index() + 1) + ", " + u.message()));
        PrintableText.check(purpose, PrintableText.Lines.ONE)
                .ifPresent(u -> problems.add("purpose: character " + (u.index() + 1) + ", " + u.message()));
        int nameLength = name.codePointCount(0, name.length());
        if (type.round()) {
            if (nameLength < 2 || nameLength > MAX_ROUND_NAME_LENGTH) {
                problems.add("name: '" + name + "' has " + nameLength + " characters; a round seal needs 2.."
                        + MAX_ROUND_NAME_LENGTH);
            }
            if (widthMm != heightMm) {
                problems.add("size: a round seal has one diameter; got " + widthMm + "×" + heightMm + " mm");
            }
            if (!(widthMm >= MIN_ROUND_MM && widthMm <= MAX_ROUND_MM)) {
                problems.add("diameterMm: " + widthMm + " mm is outside " + MIN_ROUND_MM + ".." + MAX_ROUND_MM + " mm");
            }
            int purposeLength = purpose.codePointCount(0, purpose.length());
            if (purposeLength > MAX_PURPOSE_LENGTH) {
                problems.add("purpose: '" + purpose + "' has " + purposeLength + " characters; at most "
                        + MAX_PURPOSE_LENGTH + " fit in the lower half");
            }
            if (type == SealType.ORGANISATION && !purpose.isEmpty()) {
                problems.add("purpose: a 01 单位专用章 carries no purpose text; use type 02/03/04/99 for '" + purpose + "'");
            }
            if (!sealNumber.matches("[0-9A-Za-z-]{0," + MAX_SEAL_NUMBER_LENGTH + "}")) {
                problems.add("sealNumber: '" + sealNumber + "' must be up to " + MAX_SEAL_NUMBER_LENGTH
                        + " digits, Latin letters or '-'");
            }
        } else {
            if (nameLength < 2 || nameLength > 4) {
                problems.add("name: a 05 法定代表人名章 holds a person's name of 2..4 characters; got '" + name + "'");
            }
            if (!purpose.isEmpty() || !sealNumber.isEmpty()) {
                problems.add("purpose/sealNumber: a 05 法定代表人名章 shows only the name");
            }
            for (double side : new double[] {widthMm, heightMm}) {
                if (!(side >= MIN_NAME_SEAL_MM && side <= MAX_NAME_SEAL_MM)) {
                    problems.add(
                            "size: " + side + " mm is outside " + MIN_NAME_SEAL_MM + ".." + MAX_NAME_SEAL_MM + " mm");
                }
            }
            if (Math.max(widthMm, heightMm) > 3 * Math.min(widthMm, heightMm)) {
                problems.add("size: " + widthMm + "×" + heightMm + " mm is too elongated (at most 1:3)");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSealDesignException(problems);
        }
    }

    /** 单位专用章/法定名称章 (01): Ø42 mm, star 14 mm, rim 1.2 mm, the name on the upper arc. */
    public static SealDesign organisationSeal(String organisationName, String sealNumber) {
        return new SealDesign(SealType.ORGANISATION, organisationName, "", sealNumber, 42, 42);
    }

    /** 专用章 (e.g. 合同专用章, 电子证照专用章), type 99: Ø40 mm, rim 1 mm, purpose horizontal in the lower half. */
    public static SealDesign specialPurposeSeal(String organisationName, String purpose, String sealNumber) {
        return new SealDesign(typeOf(purpose), organisationName, purpose, sealNumber, 40, 40);
    }

    /** 法定代表人名章 (05): an 18×18 mm framed square with the name in a 2×2 layout. */
    public static SealDesign legalRepresentativeSeal(String personName) {
        return new SealDesign(SealType.LEGAL_REPRESENTATIVE, personName, "", "", 18, 18);
    }

    /**
     * The standard design of {@code type} with its default size ({@code sizeMm} overrides the diameter of a round
     * seal, or both sides of a square name seal) and its default purpose text when {@code purpose} is blank.
     */
    public static SealDesign standard(
            SealType type, String name, String purpose, String sealNumber, Double widthMm, Double heightMm) {
        double defaultSize = switch (type) {
            case ORGANISATION -> 42;
            case LEGAL_REPRESENTATIVE -> 18;
            default -> 40;
        };
        double w = widthMm != null ? widthMm : heightMm != null && type.round() ? heightMm : defaultSize;
        double h = heightMm != null ? heightMm : w;
        String p = purpose == null || purpose.isBlank() ? type.defaultPurpose() : purpose;
        return new SealDesign(type, name, p, sealNumber, w, h);
    }

    /** Rim (frame) width: 1.2 mm at Ø42 for 01, 1 mm at Ø40 for 专用章, 0.9 mm at 18 mm for a name seal; scaled. */
    public double rimMm() {
        return switch (type) {
            case ORGANISATION -> widthMm * 1.2 / 42;
            case LEGAL_REPRESENTATIVE -> Math.min(widthMm, heightMm) * 0.9 / 18;
            default -> widthMm * 1.0 / 40;
        };
    }

    /** Star diameter (circumscribed circle): 14 mm at Ø42 for 01, 12 mm at Ø40 for 专用章; 0 for name seals. */
    public double starDiameterMm() {
        return switch (type) {
            case ORGANISATION -> widthMm * 14 / 42;
            case LEGAL_REPRESENTATIVE -> 0;
            default -> widthMm * 12 / 40;
        };
    }

    /** The diameter of a round seal (its width). */
    public double diameterMm() {
        return widthMm;
    }

    private static SealType typeOf(String purpose) {
        String p = purpose == null ? "" : purpose.strip();
        return switch (p) {
            case "财务专用章" -> SealType.FINANCE;
            case "发票专用章" -> SealType.INVOICE;
            case "合同专用章" -> SealType.CONTRACT;
            default -> SealType.OTHER;
        };
    }
}
