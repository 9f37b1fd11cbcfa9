package cn.zhengyin.licence.tokens.internal;

import cn.zhengyin.licence.tokens.ClientAuthenticationGuard;
import cn.zhengyin.licence.tokens.IntrospectionPolicy;
import cn.zhengyin.licence.tokens.IssuedTokens;
import cn.zhengyin.licence.tokens.TokenAudiences;
import cn.zhengyin.service.security.AccessTokenValidator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import java.util.HashSet;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Wires the dev authorisation server's token rules: the store of issued tokens (Spring Authorization Server's
 * authorisation service), the audiences of access tokens (its JWT customizer), the introspection policy, the limits on
 * failed client authentications, and the
 * licence service's own bearer-token decoder: signed by the server's key, the configured issuer, this service's
 * audience ({@code zhengyin.tokens.*}, service-kit's {@link AccessTokenValidator}), and still held and not revoked.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthorisationServerProperties.class)
class TokenConfiguration {

    @Bean
    IssuedTokens issuedTokens(Clock clock) {
        return new IssuedTokens(clock);
    }

    @Bean
    TokenAudiences tokenAudiences(AuthorisationServerProperties properties) {
        return new TokenAudiences(properties.audiences().stream()
                .map(a -> new TokenAudiences.ResourceServer(a.audience(), new HashSet<>(a.scopes())))
                .toList());
    }

    @Bean
    IntrospectionPolicy introspectionPolicy(AuthorisationServerProperties properties) {
        return new IntrospectionPolicy(properties.introspectionScope());
    }

    @Bean
    ClientAuthenticationGuard clientAuthenticationGuard(AuthorisationServerProperties properties, Clock clock) {
        AuthorisationServerProperties.ClientAuthentication limits = properties.clientAuthentication();
        return new ClientAuthenticationGuard(
                new ClientAuthenticationGuard.Limits(
                        limits.failuresPerClient(),
                        limits.clientRefill(),
                        limits.failuresPerAddress(),
                        limits.addressRefill(),
                        limits.rememberSecretsFor()),
                clock);
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys, AccessTokenValidator accessTokens, IssuedTokens issued) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(accessTokens, issued.stillValid()));
        return decoder;
    }
}
