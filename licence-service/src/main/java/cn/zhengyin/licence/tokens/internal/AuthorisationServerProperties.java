package cn.zhengyin.licence.tokens.internal;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The development authorisation server's token rules ({@code zhengyin.authorisation-server.*}; docs/security.md
 * "Access tokens").
 *
 * @param audiences          the services that accept tokens, each with its audience and the scopes it serves: a
 *                           client's tokens name every service one of whose scopes the client is registered for
 * @param introspectionScope   the scope of clients that may introspect any token (others only their own)
 * @param clientAuthentication limits on failed client authentications (issue #14, finding 2)
 */
@ConfigurationProperties("zhengyin.authorisation-server")
record AuthorisationServerProperties(
        List<Audience> audiences, String introspectionScope, ClientAuthentication clientAuthentication) {
    AuthorisationServerProperties {
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
        introspectionScope =
                introspectionScope == null || introspectionScope.isBlank() ? "token:introspect" : introspectionScope;
        clientAuthentication = clientAuthentication == null
                ? new ClientAuthentication(null, null, null, null, null)
                : clientAuthentication;
    }

    /**
     * Failed client authentications are limited before any secret is hashed.
     *
     * @param failuresPerClient  failed checks in a row for one claimed client id before it is refused (default 10)
     * @param clientRefill       one more check for a client id every this long (default 6 s: 10 a minute)
     * @param failuresPerAddress failed checks in a row from one source address before it is refused (default 20)
     * @param addressRefill      one more check for an address every this long (default 3 s: 20 a minute)
     * @param rememberSecretsFor how long a verified client secret is recognised without hashing (default 1 h)
     */
    record ClientAuthentication(
            Integer failuresPerClient,
            Duration clientRefill,
            Integer failuresPerAddress,
            Duration addressRefill,
            Duration rememberSecretsFor) {
        ClientAuthentication {
            failuresPerClient = failuresPerClient == null ? 10 : failuresPerClient;
            clientRefill = clientRefill == null ? Duration.ofSeconds(6) : clientRefill;
            failuresPerAddress = failuresPerAddress == null ? 20 : failuresPerAddress;
            addressRefill = addressRefill == null ? Duration.ofSeconds(3) : addressRefill;
            rememberSecretsFor = rememberSecretsFor == null ? Duration.ofHours(1) : rememberSecretsFor;
        }
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
