package cn.zhengyin.trust.ses;

import java.util.List;
import java.util.Objects;

/**
 * SES_SealInfo: {@code SEQUENCE { header SES_Header, esID IA5String, property SES_ESPropertyInfo,
 * picture SES_ESPictrueInfo, extDatas ExtensionDatas OPTIONAL }}. What the seal maker signs (its DER encoding).
 *
 * @param header   the header
 * @param esId     电子印章唯一标识
 * @param property the seal's properties
 * @param picture  the seal image
 * @param extDatas extensions; empty when absent
 */
public record SealInfo(
        SealHeader header, String esId, SealProperty property, SealPicture picture, List<ExtData> extDatas) {

    public SealInfo {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(esId, "esId");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(picture, "picture");
        extDatas = List.copyOf(extDatas);
    }
}
