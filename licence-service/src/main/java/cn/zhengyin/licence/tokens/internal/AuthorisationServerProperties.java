package cn.zhengyin.licence.tokens.internal;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The development authorisation server's token rules ({@code zhengyin.authorisation-server.*}; docs/security.md
 * "Access tokens").
 *
 * @param audiences          the services that accept tokens, each with its audience and the scopes it serves: a
 *                           client's tokens name every service one of whose scopes the client is registered for
 * @param introspectionScope the scope of clients that may introspect any token (others only their own)
 */
@ConfigurationProperties("zhengyin.authorisation-server")
record AuthorisationServerProperties(List<Audience> audiences, String introspectionScope) {
    AuthorisationServerProperties {
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
        introspectionScope =
                introspectionScope == null || introspectionScope.isBlank() ? "token:introspect" : introspectionScope;
    }

    /**
     * @param audience the service's {@code aud} value
     * @param scopes   the scopes it serves
     */
    record Audience(String audience, List<String> scopes) {
        Audience {
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
        }
    }
}
