package cn.zhengyin.licence.tokens;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Who may introspect which token ({@code /oauth2/introspect}, RFC 7662): a client its own tokens, and a client
 * registered for the introspection scope (the seal service, which checks every caller's token for revocation) any
 * token. Any other introspection is answered {@code {"active": false}}, as for an unknown token, so it tells nothing
 * about other clients' tokens (Spring Authorization Server's default answers every authenticated client).
 */
public final class IntrospectionPolicy {
    private final String introspectionScope;

    /** @param introspectionScope the scope of clients that may introspect every token, e.g. {@code token:introspect} */
    public IntrospectionPolicy(String introspectionScope) {
        if (introspectionScope == null || introspectionScope.isBlank()) {
            throw new IllegalArgumentException("the introspection scope is required");
        }
        this.introspectionScope = introspectionScope;
    }

    /** Spring Authorization Server's introspection provider, answering only what this policy allows. */
    public AuthenticationProvider around(AuthenticationProvider introspection) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                Authentication result = introspection.authenticate(authentication);
                if (!(result instanceof OAuth2TokenIntrospectionAuthenticationToken answer)
                        || !answer.getTokenClaims().isActive()
                        || allowed(answer)) {
                    return result;
                }
                return new OAuth2TokenIntrospectionAuthenticationToken(
                        answer.getToken(),
                        (Authentication) answer.getPrincipal(),
                        OAuth2TokenIntrospection.builder().build());
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return introspection.supports(authentication);
            }
        };
    }

    private boolean allowed(OAuth2TokenIntrospectionAuthenticationToken answer) {
        RegisteredClient caller = answer.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
                ? client.getRegisteredClient()
                : null;
        return caller != null
                && (caller.getScopes().contains(introspectionScope)
                        || caller.getClientId().equals(answer.getTokenClaims().getClientId()));
    }
}
