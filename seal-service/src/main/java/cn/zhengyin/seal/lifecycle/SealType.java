package cn.zhengyin.seal.lifecycle;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Seal type codes used by the 公安 印章 systems and vendor SDKs (STANDARDS.md §4). */
public enum SealType {
    ORGANISATION("01", "单位专用章"),
    FINANCE("02", "财务专用章"),
    INVOICE("03", "发票专用章"),
    CONTRACT("04", "合同专用章"),
    LEGAL_REPRESENTATIVE("05", "法定代表人名章"),
    /** Needs a kind name, e.g. 业务专用章 or 电子证照专用章. */
    OTHER("99", "其他");

    private final String code;
    private final String label;

    SealType(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    /** The Chinese name of the type, e.g. 合同专用章. */
    public String label() {
        return label;
    }

    public static SealType ofCode(String code) {
        return Arrays.stream(values())
                .filter(t -> t.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new SealValidationException(
                        "type",
                        "seal type code '" + code + "' is not one of "
                                + Arrays.stream(values())
                                        .map(t -> t.code + " " + t.label)
                                        .collect(Collectors.joining(", "))));
    }
}
