package cn.zhengyin.service.security;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.support.BasicAuthenticationInterceptor;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.introspection.SpringOpaqueTokenIntrospector;
import org.springframework.web.client.RestTemplate;

/**
 * The {@link AccessTokenValidator} of {@code zhengyin.tokens.*} (issuer, audience, optional revocation check by
 * introspection). Boot's JWT decoder (a {@code jwk-set-uri} resource server) adds it to its validators; a service that
 * makes its own {@code JwtDecoder} (the licence service, which is also the dev authorisation server) adds it itself.
 */
@AutoConfiguration
@ConditionalOnClass(JwtDecoder.class)
@ConditionalOnProperty(name = "zhengyin.tokens.issuer")
@EnableConfigurationProperties(AccessTokenProperties.class)
public final class AccessTokenAutoConfiguration {

    @Bean
    AccessTokenValidator accessTokenValidator(AccessTokenProperties tokens, Clock clock) {
        AccessTokenProperties.Introspection introspection = tokens.introspection();
        Optional<OAuth2TokenValidator<Jwt>> revocation = Optional.empty();
        if (introspection.enabled()) {
            JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(3))
                    .build());
            requests.setReadTimeout(Duration.ofSeconds(5));
            RestTemplate rest = new RestTemplate(requests);
            rest.getInterceptors()
                    .add(new BasicAuthenticationInterceptor(introspection.clientId(), introspection.clientSecret()));
            revocation = Optional.of(new IntrospectedRevocation(
                    new SpringOpaqueTokenIntrospector(introspection.uri(), rest), introspection.cacheFor(), clock));
        }
        return new AccessTokenValidator(tokens.issuer(), tokens.audience(), revocation);
    }
}
