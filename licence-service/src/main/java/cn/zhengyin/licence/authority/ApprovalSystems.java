package cn.zhengyin.licence.authority;

import java.util.Optional;

/**
 * Port: the registered approval systems (审批系统), by OAuth2 client id, and the seal of each issuing authority they
 * act for. Each authority seals with its own seal: the seal of a licence (and of its 加注件) is the one configured for
 * its issuing authority, never a default.
 */
public interface ApprovalSystems {
    Optional<IssuingAuthority> find(String clientId);

    /** The client ids of all registered approval systems, sorted. */
    java.util.SortedSet<String> clientIds();

    /**
     * The seal of the issuing authority (证照颁发机构) with this unified social credit code, as configured for the
     * approval systems that act for it; empty when no approval system acts for it.
     */
    Optional<String> sealOf(String issuerCode);
}
