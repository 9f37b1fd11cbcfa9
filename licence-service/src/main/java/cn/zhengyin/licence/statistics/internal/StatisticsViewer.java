package cn.zhengyin.licence.statistics.internal;

import java.io.Serializable;
import java.security.Principal;
import java.util.Optional;

/**
 * A signed-in statistics administrator.
 *
 * @param subject   sign-in subject ({@code dev:<id>} or the identity provider's {@code sub})
 * @param name      display name
 * @param authority the unified social credit code of their authority; empty for the province-wide role
 */
public record StatisticsViewer(String subject, String name, String authority) implements Serializable, Principal {
    public StatisticsViewer {
        authority = authority == null ? "" : authority;
    }

    public boolean province() {
        return authority.isEmpty();
    }

    /** The one authority they may see, or empty when they may see all. */
    public Optional<String> ownAuthority() {
        return province() ? Optional.empty() : Optional.of(authority);
    }

    @Override
    public String getName() {
        return subject;
    }
}
