package cn.zhengyin.licence.fieldreuse;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A registered relying party (a bank, another department, a platform): an OAuth2 client of this service.
 *
 * @param clientId its OAuth2 client id
 * @param name     its name as shown to holders and in usage records, e.g. 示范银行
 * @param duties   the official duties (依职能用证) it may act under; empty for a party that reads only with consent or
 *                 a use code
 */
public record ThirdParty(String clientId, String name, List<Duty> duties) {

    public ThirdParty {
        duties = List.copyOf(duties);
    }

    /** The duty with this service item code (事项编码), if the party is configured for it. */
    public Optional<Duty> duty(String serviceItemCode) {
        return duties.stream()
                .filter(d -> d.serviceItemCode().equals(serviceItemCode))
                .findFirst();
    }

    /**
     * One service item (政务服务事项) an official client handles, and the licence types it may read for it.
     *
     * @param serviceItemCode  事项编码
     * @param serviceItemName  事项名称
     * @param licenceTypes     licence type codes it may read under this item
     * @param sensitiveFields  whether SENSITIVE fields (e.g. 身份证件号码) may be read under this item; RESTRICTED and
     *                         PUBLIC fields always may
     * @param purposes         the 用证事由 a use under this item may give (configuration, at least one): the client
     *                         chooses one, it does not write its own — the purpose is signed into releases and
     *                         printed on copies sealed by the issuing authority
     */
    public record Duty(
            String serviceItemCode,
            String serviceItemName,
            Set<String> licenceTypes,
            boolean sensitiveFields,
            List<String> purposes) {
        public Duty {
            licenceTypes = Set.copyOf(licenceTypes);
            purposes = purposes.stream().map(String::strip).toList();
            if (purposes.isEmpty()) {
                throw new IllegalArgumentException("service item " + serviceItemCode
                        + " lists no purposes (用证事由): a use by duty must choose one of its configured purposes");
            }
            for (String purpose : purposes) {
                Purposes.problem(purpose).ifPresent(problem -> {
                    throw new IllegalArgumentException(
                            "service item " + serviceItemCode + ", purpose '" + purpose + "': " + problem);
                });
            }
        }
    }
}
