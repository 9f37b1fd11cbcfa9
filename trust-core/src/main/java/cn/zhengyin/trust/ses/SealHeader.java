package cn.zhengyin.trust.ses;

import java.util.Objects;

/**
 * SES_Header (GB/T 38540 §6.2): {@code SEQUENCE { ID IA5String, version INTEGER, Vid IA5String }}.
 *
 * @param id       fixed {@value #ID}
 * @param version  {@value #VERSION_4} for GB/T 38540-2020; 1 or 2 (vendor-dependent) for GM/T 0031-2014
 * @param vendorId the vendor identifier (Vid), for interoperability
 */
public record SealHeader(String id, int version, String vendorId) {

    /** The fixed header identifier. */
    public static final String ID = "ES";
    /** The version of GB/T 38540-2020 seals and signatures. */
    public static final int VERSION_4 = 4;

    public SealHeader {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vendorId, "vendorId");
    }

    /** @return a GB/T 38540-2020 header: "ES", 4, the vendor id */
    public static SealHeader v4(String vendorId) {
        return new SealHeader(ID, VERSION_4, vendorId);
    }
}
