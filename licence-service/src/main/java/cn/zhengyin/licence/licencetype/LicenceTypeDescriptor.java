package cn.zhengyin.licence.licencetype;

/**
 * Catalogue entry of a licence type (证照目录, GB/T 36902; element names as in STANDARDS.md §1.2).
 *
 * @param typeCode           证照类型代码 {@code CertificateTypeCode}: the defining authority's 18-character unified
 *                           social credit code followed by a 3-digit sequence (GB/T 36904)
 * @param name               证照类型名称 {@code CertificateTypeName}, e.g. 营业执照
 * @param nameEn             English name, e.g. Business Licence
 * @param definingAuthority  证照定义机构
 * @param holderCategory     持证主体类别
 * @param holderCodeType     持证主体代码类型 (GB/T 36903 Annex A)
 * @param serviceItem        关联事项
 * @param validity           有效期限范围
 * @param sealType           the seal type required to sign it: a code such as {@code 01} (单位专用章) or the purpose
 *                           text of a 业务专用章
 * @param note               free text for maintainers, e.g. why a code is fictional (empty if none)
 * @param oneInForcePerHolder {@code type.json} {@code "oneInForcePerHolder": true}: a holder (by its holder code) may
 *                           hold at most one licence of this type in force (valid or suspended); a second issuance is
 *                           refused until the first is revoked, cancelled or expired (amendments and renewals of the
 *                           one in force stay allowed)
 */
public record LicenceTypeDescriptor(
        String typeCode,
        String name,
        String nameEn,
        DefiningAuthority definingAuthority,
        HolderCategory holderCategory,
        HolderCodeType holderCodeType,
        ServiceItem serviceItem,
        ValidityRule validity,
        String sealType,
        String note,
        boolean oneInForcePerHolder) {

    /**
     * 证照定义机构.
     *
     * @param name  e.g. 国家市场监督管理总局
     * @param code  its 18-character unified social credit code (GB 32100)
     * @param level 证照定义机构级别
     */
    public record DefiningAuthority(String name, String code, AuthorityLevel level) {}

    /**
     * 关联事项 (the government service item this licence results from).
     *
     * @param code 关联事项代码
     * @param name 关联事项名称
     */
    public record ServiceItem(String code, String name) {}
}
