package cn.zhengyin.trust.seal;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Seal type codes used by the public-security seal systems (公安 印章 systems) and vendor SDKs (STANDARDS.md, "Seal type
 * codes"): {@code 01 单位专用章}, {@code 02 财务专用章}, {@code 03 发票专用章}, {@code 04 合同专用章},
 * {@code 05 法定代表人名章}, {@code 99 其他}. GB/T 38540 leaves its own {@code type} free; this is the business category
 * the seal service keeps in its model. The type also decides the default shape of a generated seal image.
 */
public enum SealType {
    /** 01 单位专用章 (公章, 法定名称章): round, Ø42 mm, 14 mm star, 1.2 mm rim; prints no purpose text. */
    ORGANISATION("01", "单位专用章"),
    /** 02 财务专用章: round, Ø40 mm, 1 mm rim, purpose text in the lower half. */
    FINANCE("02", "财务专用章"),
    /** 03 发票专用章: round in the image library (the physical one is an oval), Ø40 mm. */
    INVOICE("03", "发票专用章"),
    /** 04 合同专用章: round, Ø40 mm. */
    CONTRACT("04", "合同专用章"),
    /** 05 法定代表人名章: a square or rectangular name seal with a frame, default 18×18 mm; prints no purpose text. */
    LEGAL_REPRESENTATIVE("05", "法定代表人名章"),
    /**
     * 99 其他: any other kind, which a seal names itself (e.g. 业务专用章, 电子证照专用章); round, Ø40 mm. An image generated
     * without a purpose text prints 专用章, never the label 其他.
     */
    OTHER("99", "其他");

    private static final String OTHER_DEFAULT_PURPOSE = "专用章";

    private final String code;
    private final String label;

    SealType(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The two-digit code, e.g. {@code "04"}. */
    public String code() {
        return code;
    }

    /** The type's name in the code list, e.g. 合同专用章, or 其他 for code 99. */
    public String label() {
        return label;
    }

    /**
     * The purpose text a generated image prints when the caller gives none: empty for 01 and 05 (which print none),
     * 专用章 for 99, else the label.
     */
    public String defaultPurpose() {
        return switch (this) {
            case ORGANISATION, LEGAL_REPRESENTATIVE -> "";
            case OTHER -> OTHER_DEFAULT_PURPOSE;
            default -> label;
        };
    }

    /** Whether the impression is round (everything but the 法定代表人名章). */
    public boolean round() {
        return this != LEGAL_REPRESENTATIVE;
    }

    /** The type with code {@code code} ({@code "01"}) or constant name ({@code "CONTRACT"}), if any. */
    public static Optional<SealType> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.strip();
        return Arrays.stream(values())
                .filter(t -> t.code.equals(c) || t.name().equalsIgnoreCase(c))
                .findFirst();
    }

    /** The codes and labels, for error messages: {@code 01 单位专用章, 02 财务专用章, …, 99 其他}. */
    public static String codeList() {
        return Arrays.stream(values()).map(t -> t.code + " " + t.label).collect(Collectors.joining(", "));
    }
}
