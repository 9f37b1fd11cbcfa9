package cn.zhengyin.licence.licencetype;

import java.util.Arrays;
import java.util.Optional;

/** 证照定义机构级别 / 证照颁发机构级别 (GB/T 36902 catalogue). */
public enum AuthorityLevel {
    NATIONAL("国家级"),
    PROVINCIAL("省级"),
    PREFECTURE("地市级"),
    COUNTY("区县级"),
    TOWNSHIP("乡镇级"),
    OTHER("其他");

    private final String label;

    AuthorityLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Accepts the Chinese label (国家级) or the constant name (NATIONAL). */
    public static Optional<AuthorityLevel> fromText(String text) {
        return Arrays.stream(values())
                .filter(l -> l.label.equals(text) || l.name().equals(text))
                .findFirst();
    }
}
