package cn.zhengyin.licence.fieldreuse.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Field reuse ({@code zhengyin.field-reuse.*}).
 *
 * @param keyStore           PKCS#12 with the key that signs field releases (dev: keys-dev/field-release.p12)
 * @param copyCreator        加注件制作者
 * @param maxConsentDuration longest consent
 * @param useCodeLifetime    how long a use code can be redeemed
 * @param maxCopyValidity    longest validity of a 加注件
 * @param thirdParties       registered third parties by OAuth2 client id (their OAuth2 registration is separate)
 */
@ConfigurationProperties("zhengyin.field-reuse")
public record FieldReuseProperties(
        @DefaultValue("keys-dev/field-release.p12") Path keyStore,
        @DefaultValue("zhengyin-dev") String keyPassword,
        @DefaultValue("field-release") String keyAlias,
        @DefaultValue("证印示范市电子证照共享服务") String copyCreator,
        @DefaultValue("365d") Duration maxConsentDuration,
        @DefaultValue("10m") Duration useCodeLifetime,
        @DefaultValue("90d") Duration maxCopyValidity,
        Map<String, ThirdPartyProperties> thirdParties) {

    public FieldReuseProperties {
        thirdParties = thirdParties == null ? Map.of() : Map.copyOf(thirdParties);
    }

    /** @param name shown to holders and in usage records */
    public record ThirdPartyProperties(String name, List<DutyProperties> duties) {
        public ThirdPartyProperties {
            duties = duties == null ? List.of() : List.copyOf(duties);
        }
    }

    /**
     * @param serviceItem     事项编码
     * @param serviceItemName 事项名称
     * @param licenceTypes    licence type codes readable under this item
     * @param sensitiveFields whether SENSITIVE fields may be read under this item
     * @param purposes        the 用证事由 a use under this item may give (at least one; at most
     *                        {@value cn.zhengyin.licence.fieldreuse.Purposes#MAX_LENGTH} characters each)
     */
    public record DutyProperties(
            String serviceItem,
            String serviceItemName,
            List<String> licenceTypes,
            @DefaultValue("false") boolean sensitiveFields,
            List<String> purposes) {
        public DutyProperties {
            licenceTypes = licenceTypes == null ? List.of() : List.copyOf(licenceTypes);
            purposes = purposes == null ? List.of() : List.copyOf(purposes);
        }
    }
}
