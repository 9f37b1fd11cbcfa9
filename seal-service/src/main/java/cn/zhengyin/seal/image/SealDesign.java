package cn.zhengyin.seal.image;

/**
 * What a seal impression shows and its physical size. Sizes follow common engraving practice (STANDARDS.md §4):
 * a company seal is 42 mm with a 14 mm star and a 1.2 mm rim; a special-purpose seal (专用章) is 40 mm with a 1 mm
 * rim and its purpose in the lower half.
 *
 * @param organisationName name on the upper arc, left to right
 * @param purpose          purpose text for a 专用章 (e.g. 合同专用章), or empty
 * @param sealNumber       number along the lower edge, or empty
 */
public record SealDesign(String organisationName, String purpose, String sealNumber, double diameterMm, double rimMm,
                         double starDiameterMm, double nameCharHeightMm, double nameArcDegrees, double purposeCharHeightMm) {

    public SealDesign {
        if (organisationName == null || organisationName.isBlank()) {
            throw new IllegalArgumentException("a seal needs the organisation name");
        }
        purpose = purpose == null ? "" : purpose.strip();
        sealNumber = sealNumber == null ? "" : sealNumber.strip();
        if (diameterMm < 20 || diameterMm > 80) {
            throw new IllegalArgumentException("seal diameter " + diameterMm + " mm is outside 20..80 mm");
        }
    }

    /** 单位专用章/法定名称章: Ø42 mm, star 14 mm, rim 1.2 mm, name on a 240° arc. */
    public static SealDesign organisationSeal(String organisationName, String sealNumber) {
        return new SealDesign(organisationName, "", sealNumber, 42, 1.2, 14, 6.5, 240, 0);
    }

    /** 专用章 (e.g. 合同专用章, 电子证照专用章): Ø40 mm, rim 1 mm, purpose text horizontal in the lower half. */
    public static SealDesign specialPurposeSeal(String organisationName, String purpose, String sealNumber) {
        return new SealDesign(organisationName, purpose, sealNumber, 40, 1.0, 11, 5.5, 250, 4.2);
    }
}
