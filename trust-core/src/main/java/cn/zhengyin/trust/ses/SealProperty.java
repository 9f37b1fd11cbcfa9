package cn.zhengyin.trust.ses;

import java.time.Instant;
import java.util.Objects;

/**
 * SES_ESPropertyInfo: {@code SEQUENCE { type INTEGER, name UTF8String, certListType INTEGER, certList SES_CertList,
 * createDate GeneralizedTime, validStart GeneralizedTime, validEnd GeneralizedTime }} (GB/T 38540). The
 * GM/T 0031-2014 form has no certListType (always certificates) and UTCTime dates.
 *
 * @param type       印章类型 (free in GB/T 38540; GM/T 0031-2014: 1 单位印章, 2 个人印章)
 * @param name       印章名称, e.g. "××公司财务专用章"
 * @param certList   the signer certificates (or their hashes) allowed to use the seal; fixes certListType
 * @param createDate when the seal was made
 * @param validStart start of the seal's validity
 * @param validEnd   end of the seal's validity
 */
public record SealProperty(
        int type, String name, CertList certList, Instant createDate, Instant validStart, Instant validEnd) {

    public SealProperty {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(certList, "certList");
        Objects.requireNonNull(createDate, "createDate");
        Objects.requireNonNull(validStart, "validStart");
        Objects.requireNonNull(validEnd, "validEnd");
    }

    /** @return certListType: 1 certificates, 2 certificate digests */
    public int certListType() {
        return certList.type();
    }
}
