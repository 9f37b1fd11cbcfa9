package cn.zhengyin.seal.image.internal;

import cn.zhengyin.seal.image.ImageUploadPolicy;
import cn.zhengyin.seal.image.SealImageLibrary;
import cn.zhengyin.seal.image.SealImageRenderer;
import cn.zhengyin.seal.image.SealImages;
import cn.zhengyin.service.security.JwtScopes;
import cn.zhengyin.service.security.ProblemAccessDeniedHandler;
import cn.zhengyin.service.security.ProblemAuthenticationEntryPoint;
import cn.zhengyin.trust.font.FontChain;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Wires the seal image library: {@link SealImageLibrary} (Mongo {@code seal_images}), {@link SealImages} and the
 * security rules of {@code /api/v1/seal-images/**}: {@code seal:admin} to generate and upload, {@code seal:read} (or
 * {@code seal:admin}) to read. The renderer draws with the bundled Song typeface; the {@link Clock} is the composition root's.
 */
@Configuration(proxyBeanMethods = false)
class SealImageConfiguration {

    @Bean
    SealImageLibrary sealImageLibrary(MongoDatabase database) {
        return new MongoSealImageLibrary(database);
    }

    @Bean
    SealImageRenderer sealImageRenderer() {
        return new SealImageRenderer(FontChain.cjk());
    }

    @Bean
    SealImages sealImages(SealImageLibrary library, SealImageRenderer renderer, Clock clock) {
        return new SealImages(library, renderer, new ImageUploadPolicy(), clock);
    }

    /** Ordered before the service's catch-all chain, and limited to the seal image API. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 20)
    SecurityFilterChain sealImageApi(
            HttpSecurity http, ProblemAuthenticationEntryPoint entryPoint, ProblemAccessDeniedHandler denied) {
        http.securityMatcher(SealImageController.BASE, SealImageController.BASE + "/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                HttpMethod.POST, SealImageController.BASE, SealImageController.BASE + "/**")
                        .hasAuthority("SCOPE_seal:admin")
                        .requestMatchers(HttpMethod.GET, SealImageController.BASE, SealImageController.BASE + "/**")
                        .hasAnyAuthority("SCOPE_seal:read", "SCOPE_seal:admin")
                        .anyRequest()
                        .denyAll())
                .oauth2ResourceServer(JwtScopes.resourceServer(entryPoint, denied))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied));
        return http.build();
    }
}
