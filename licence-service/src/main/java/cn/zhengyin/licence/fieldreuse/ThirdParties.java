package cn.zhengyin.licence.fieldreuse;

import java.util.Optional;

/** Port: the registered third parties, by OAuth2 client id. */
@FunctionalInterface
public interface ThirdParties {
    Optional<ThirdParty> find(String clientId);
}
