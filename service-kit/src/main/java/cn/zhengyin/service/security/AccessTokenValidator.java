package cn.zhengyin.service.security;

import java.util.List;
import java.util.Optional;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The claims a bearer JWT must carry for this service, besides a valid signature and validity window: the configured
 * issuer ({@code iss}, compared exactly) and this service's audience (one of {@code aud}); then, if configured, the
 * revocation check. A failure is an {@code invalid_token} (401).
 */
public final class AccessTokenValidator implements OAuth2TokenValidator<Jwt> {
    private final String issuer;
    private final String audience;
    private final Optional<OAuth2TokenValidator<Jwt>> revocation;

    /**
     * @param revocation checked last, only for tokens whose issuer and audience are right (e.g.
     *                   {@link IntrospectedRevocation})
     */
    public AccessTokenValidator(String issuer, String audience, Optional<OAuth2TokenValidator<Jwt>> revocation) {
        if (issuer == null || issuer.isBlank() || audience == null || audience.isBlank()) {
            throw new IllegalArgumentException(
                    "zhengyin.tokens.issuer and zhengyin.tokens.audience are required: which authorisation server's"
                            + " tokens this service accepts, and its own audience");
        }
        this.issuer = issuer;
        this.audience = audience;
        this.revocation = revocation;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        Object iss = token.getClaims().get("iss");
        if (iss == null || !issuer.equals(iss.toString())) {
            return invalid("the token's issuer is not " + issuer);
        }
        List<String> aud = token.getAudience();
        if (aud == null || !aud.contains(audience)) {
            return invalid("the token is not meant for this service (its audience does not name " + audience + ")");
        }
        return revocation.map(r -> r.validate(token)).orElseGet(OAuth2TokenValidatorResult::success);
    }

    static OAuth2TokenValidatorResult invalid(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
