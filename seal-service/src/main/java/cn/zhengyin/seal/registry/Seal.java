package cn.zhengyin.seal.registry;

import cn.zhengyin.trust.crypto.SigningKey;
import java.util.Set;

/**
 * A seal ready to sign: its identity, the organisation it belongs to, its signing key (held in custody, never exposed)
 * and the clients allowed to use it.
 */
public record Seal(String id, String name, String organisationName, String organisationCode, String type,
                   String purpose, SigningKey signingKey, Set<String> allowedClients) {

    public Seal {
        allowedClients = Set.copyOf(allowedClients);
    }

    public boolean mayBeUsedBy(String client) {
        return allowedClients.contains(client);
    }
}
