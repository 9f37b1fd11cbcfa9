package cn.zhengyin.licence.authority;

import java.util.Set;

/**
 * The authority (证照颁发机构) an approval system issues for, the seal that signs its licences, and the licence types it
 * may issue.
 */
public record IssuingAuthority(String name, String code, String sealId, Set<String> licenceTypes) {
    public IssuingAuthority {
        licenceTypes = Set.copyOf(licenceTypes);
    }
}
