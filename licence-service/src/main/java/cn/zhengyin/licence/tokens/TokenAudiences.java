package cn.zhengyin.licence.tokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * The audience of an access token: every service (resource server) one of whose scopes the client is registered for —
 * never the client's own id, which is Spring Authorization Server's default. A token of an approval system names only
 * the licence service, one of the licence service's own client ({@code licence-service}, {@code seal:sign
 * seal:read}) only the seal service, the auditor's both. Each service accepts only tokens naming its own audience.
 * The token also carries {@code client_id} (RFC 9068).
 */
public final class TokenAudiences implements OAuth2TokenCustomizer<JwtEncodingContext> {
    private final List<ResourceServer> services;

    /**
     * A service that accepts tokens, and the scopes it serves.
     *
     * @param audience the {@code aud} value the service requires ({@code zhengyin.tokens.audience} there)
     * @param scopes   the scopes whose holders call it
     */
    public record ResourceServer(String audience, Set<String> scopes) {
        public ResourceServer {
            if (audience == null || audience.isBlank()) {
                throw new IllegalArgumentException("a resource server needs its audience");
            }
            scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
        }
    }

    public TokenAudiences(List<ResourceServer> services) {
        if (services.isEmpty()) {
            throw new IllegalArgumentException(
                    "zhengyin.authorisation-server.audiences is empty: tokens would be accepted by no service");
        }
        this.services = List.copyOf(services);
    }

    /** The audiences of a client registered for these scopes, in configuration order. */
    public List<String> of(Set<String> registeredScopes) {
        List<String> audiences = new ArrayList<>();
        for (ResourceServer service : services) {
            if (service.scopes().stream().anyMatch(registeredScopes::contains)
                    && !audiences.contains(service.audience())) {
                audiences.add(service.audience());
            }
        }
        return audiences;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        RegisteredClient client = context.getRegisteredClient();
        context.getClaims().audience(of(client.getScopes())).claim("client_id", client.getClientId());
    }
}
