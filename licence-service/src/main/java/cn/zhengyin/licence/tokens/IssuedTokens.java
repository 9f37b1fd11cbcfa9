package cn.zhengyin.licence.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The tokens the authorisation server issued and still holds (in memory, like Spring Authorization Server's default
 * store), found by access token in constant time, and forgotten once expired (checked at most once a minute on a save),
 * so the store does not grow with every token request.
 *
 * <p>{@link #stillValid()} is the licence service's revocation check: a bearer token is accepted only while this store
 * holds it and it was not revoked ({@code /oauth2/revoke}), so revocation takes effect here at once. A token the store
 * does not hold — revoked and forgotten, or issued before a restart (whose signing key is gone anyway) — is refused.
 */
public final class IssuedTokens implements OAuth2AuthorizationService {
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private final InMemoryOAuth2AuthorizationService authorizations = new InMemoryOAuth2AuthorizationService();
    private final Map<String, String> idByAccessToken = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile Instant nextPurge;

    public IssuedTokens(Clock clock) {
        this.clock = clock;
        this.nextPurge = clock.instant().plus(PURGE_EVERY);
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        purgeIfDue();
        authorizations.save(authorization);
        OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
        if (access != null) {
            idByAccessToken.put(access.getToken().getTokenValue(), authorization.getId());
        }
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        authorizations.remove(authorization);
        OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
        if (access != null) {
            idByAccessToken.remove(access.getToken().getTokenValue());
        }
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return authorizations.findById(id);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        if (tokenType == null || OAuth2TokenType.ACCESS_TOKEN.equals(tokenType)) {
            String id = idByAccessToken.get(token);
            if (id != null) {
                return authorizations.findById(id);
            }
            if (tokenType != null) {
                return null;
            }
        }
        return authorizations.findByToken(token, tokenType);
    }

    /** Number of access tokens held (for tests and metrics). */
    public int size() {
        return idByAccessToken.size();
    }

    /** Accepts a bearer JWT only while it is held here and not revoked. */
    public OAuth2TokenValidator<Jwt> stillValid() {
        return jwt -> {
            OAuth2Authorization authorization = findByToken(jwt.getTokenValue(), OAuth2TokenType.ACCESS_TOKEN);
            OAuth2Authorization.Token<OAuth2AccessToken> access =
                    authorization == null ? null : authorization.getAccessToken();
            if (access == null) {
                return invalid("the token is not held by this authorisation server (revoked, expired, or issued"
                        + " before it restarted)");
            }
            if (access.isInvalidated()) {
                return invalid("the token was revoked");
            }
            return OAuth2TokenValidatorResult.success();
        };
    }

    private static OAuth2TokenValidatorResult invalid(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }

    private void purgeIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextPurge)) {
            return;
        }
        nextPurge = now.plus(PURGE_EVERY);
        idByAccessToken.values().removeIf(id -> {
            OAuth2Authorization authorization = authorizations.findById(id);
            if (authorization == null) {
                return true;
            }
            if (expired(authorization.getAccessToken(), now) && expired(authorization.getRefreshToken(), now)) {
                authorizations.remove(authorization);
                return true;
            }
            return false;
        });
    }

    private static boolean expired(OAuth2Authorization.Token<? extends OAuth2Token> token, Instant now) {
        return token == null
                || (token.getToken().getExpiresAt() != null
                        && !now.isBefore(token.getToken().getExpiresAt()));
    }
}
