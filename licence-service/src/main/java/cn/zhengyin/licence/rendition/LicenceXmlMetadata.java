package cn.zhengyin.licence.rendition;

import cn.zhengyin.trust.identifier.LicenceIdentifier;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The GB/T 36903 metadata of one licence version that the fields alone do not give: the same values the issuer
 * stores in the registry ({@code LicenceVersion}) and prints on the PDF.
 *
 * @param identifier           电子证照标识, version included
 * @param issuingAuthorityName 证照颁发机构
 * @param issuingAuthorityCode 证照颁发机构代码 (统一社会信用代码)
 * @param issuedOn             证照颁发日期
 * @param validFrom            证照有效期起始日期
 * @param validUntil           证照有效期截止日期; empty = 长期
 */
public record LicenceXmlMetadata(
        LicenceIdentifier identifier,
        String issuingAuthorityName,
        String issuingAuthorityCode,
        LocalDate issuedOn,
        LocalDate validFrom,
        Optional<LocalDate> validUntil) {
    public LicenceXmlMetadata {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(issuingAuthorityName, "issuingAuthorityName");
        Objects.requireNonNull(issuingAuthorityCode, "issuingAuthorityCode");
        Objects.requireNonNull(issuedOn, "issuedOn");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
    }
}
