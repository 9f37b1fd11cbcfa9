package cn.zhengyin.licence.authority;

import java.util.Optional;

/** Port: the registered approval systems (审批系统), by OAuth2 client id. */
@FunctionalInterface
public interface ApprovalSystems {
    Optional<IssuingAuthority> find(String clientId);
}
