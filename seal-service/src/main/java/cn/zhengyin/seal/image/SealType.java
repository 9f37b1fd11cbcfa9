package cn.zhengyin.seal.image;

import java.util.Arrays;
import java.util.Optional;

/**
 * Seal type codes used by public-security seal systems and vendor SDKs (STANDARDS.md §4): {@code 01 单位专用章},
 * {@code 02 财务专用章}, {@code 03 发票专用章}, {@code 04 合同专用章}, {@code 05 法定代表人名章}, {@code 99 其他}.
 * The type decides the default shape and size of a generated image.
 */
public enum SealType {
    /** 01 单位专用章 (公章, 法定名称章): round, Ø42 mm, 14 mm star, 1.2 mm rim. */
    ORGANISATION("01", "单位专用章"),
    /** 02 财务专用章: round, Ø40 mm, 1 mm rim, purpose text in the lower half. */
    FINANCE("02", "财务专用章"),
    /** 03 发票专用章: round in this library (the physical one is an oval), Ø40 mm. */
    INVOICE("03", "发票专用章"),
    /** 04 合同专用章: round, Ø40 mm. */
    CONTRACT("04", "合同专用章"),
    /** 05 法定代表人名章: a square or rectangular name seal with a frame, default 18×18 mm. */
    LEGAL_REPRESENTATIVE("05", "法定代表人名章"),
    /** 99 其他 (e.g. 电子证照专用章): round, Ø40 mm, purpose text given by the caller. */
    OTHER("99", "专用章");

    private final String code;
    private final String defaultPurpose;

    SealType(String code, String defaultPurpose) {
        this.code = code;
        this.defaultPurpose = defaultPurpose;
    }

    /** The two-digit code, e.g. {@code "04"}. */
    public String code() {
        return code;
    }

    /** The purpose text printed when the caller gives none (empty for 01 and 05, which print none). */
    public String defaultPurpose() {
        return this == ORGANISATION || this == LEGAL_REPRESENTATIVE ? "" : defaultPurpose;
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
}
