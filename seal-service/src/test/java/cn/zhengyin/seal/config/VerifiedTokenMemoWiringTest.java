package cn.zhengyin.seal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.service.security.AccessTokenValidator;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The memo is put in front of Boot's decoder with the very validator the decoder applies: a token of another issuer is
 * refused the first time and every time after; a good one is verified once; other decoders are left alone.
 */
class VerifiedTokenMemoWiringTest {
    private static final String ISSUER = "http://localhost:8081";
    private static final String AUDIENCE = "urn:zhengyin:seal-service";

    @Test
    void bootsDecoderGetsTheMemoWithTheSameValidator() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair keys = rsa.generateKeyPair();
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(
                new ImmutableJWKSet<>(new JWKSet(new RSAKey.Builder((RSAPublicKey) keys.getPublic())
                        .privateKey((RSAPrivateKey) keys.getPrivate())
                        .build())));
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("accessTokenValidator", new AccessTokenValidator(ISSUER, AUDIENCE, Optional.empty()));
        beans.registerSingleton("clock", Clock.systemUTC());
        BeanPostProcessor memo = SealSecurityConfiguration.verifiedTokenMemo(
                validators(beans), beans.getBeanProvider(Clock.class), new MockEnvironment());

        Object wrapped = memo.postProcessAfterInitialization(
                NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic()).build(), "jwtDecoder");
        assertThat(wrapped).isInstanceOf(VerifiedTokenMemo.class);
        JwtDecoder decoder = (JwtDecoder) wrapped;

        String good = token(encoder, ISSUER);
        assertThat(decoder.decode(good).getSubject()).isEqualTo("licence-service");
        assertThat(decoder.decode(good).getSubject()).isEqualTo("licence-service");
        assertThat(((VerifiedTokenMemo) decoder).size()).isOne();
        String foreign = token(encoder, "https://elsewhere.invalid");
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> decoder.decode(foreign))
                    .isInstanceOf(JwtValidationException.class)
                    .hasMessageContaining("issuer");
        }
        assertThat(((VerifiedTokenMemo) decoder).size()).isOne();

        JwtDecoder other = token -> {
            throw new UnsupportedOperationException();
        };
        assertThat(memo.postProcessAfterInitialization(other, "testJwtDecoder")).isSameAs(other);
        NimbusJwtDecoder off =
                NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic()).build();
        BeanPostProcessor disabled = SealSecurityConfiguration.verifiedTokenMemo(
                validators(beans),
                beans.getBeanProvider(Clock.class),
                new MockEnvironment().withProperty("zhengyin.tokens.verified-memo.max-entries", "0"));
        assertThat(disabled.postProcessAfterInitialization(off, "jwtDecoder")).isSameAs(off);
    }

    @SuppressWarnings("unchecked")
    private static ObjectProvider<OAuth2TokenValidator<Jwt>> validators(DefaultListableBeanFactory beans) {
        return (ObjectProvider<OAuth2TokenValidator<Jwt>>) (ObjectProvider<?>)
                beans.getBeanProvider(ResolvableType.forClassWithGenerics(OAuth2TokenValidator.class, Jwt.class));
    }

    private static String token(NimbusJwtEncoder encoder, String issuer) {
        Instant now = Instant.now();
        return encoder.encode(JwtEncoderParameters.from(JwtClaimsSet.builder()
                        .issuer(issuer)
                        .audience(List.of(AUDIENCE))
                        .subject("licence-service")
                        .issuedAt(now)
                        .expiresAt(now.plusSeconds(300))
                        .build()))
                .getTokenValue();
    }
}
