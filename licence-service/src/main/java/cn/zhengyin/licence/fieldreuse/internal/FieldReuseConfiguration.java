package cn.zhengyin.licence.fieldreuse.internal;

import cn.zhengyin.licence.authority.ApprovalSystems;
import cn.zhengyin.licence.fieldreuse.FieldReuse;
import cn.zhengyin.licence.fieldreuse.FieldReusePolicy;
import cn.zhengyin.licence.fieldreuse.ThirdParties;
import cn.zhengyin.licence.fieldreuse.ThirdParty;
import cn.zhengyin.licence.licencetype.LicenceTypeCatalogue;
import cn.zhengyin.licence.registry.LicenceFileStore;
import cn.zhengyin.licence.registry.LicenceRegistry;
import cn.zhengyin.licence.registry.PublicLinks;
import cn.zhengyin.licence.sealing.client.SealServiceClient;
import cn.zhengyin.service.audit.AuditLog;
import cn.zhengyin.service.security.JwtScopes;
import cn.zhengyin.service.security.ProblemAccessDeniedHandler;
import cn.zhengyin.service.security.ProblemAuthenticationEntryPoint;
import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.crypto.SoftwareKeyCustody;
import com.mongodb.client.MongoDatabase;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Wires field reuse, and secures its machine API: bearer tokens of registered clients, scopes {@code licence:fields}
 * (consent and use-code reads, copies), {@code licence:duty} (reads by duty) and {@code licence:read} (issuers'
 * usage records). This chain matches only its own paths and sits before the licence API's catch-all chain.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FieldReuseProperties.class)
class FieldReuseConfiguration {
    static final String FIELDS = "SCOPE_licence:fields";
    static final String DUTY = "SCOPE_licence:duty";

    @Bean
    ThirdParties thirdParties(FieldReuseProperties properties) {
        Map<String, ThirdParty> parties = properties.thirdParties().entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        e -> new ThirdParty(
                                e.getKey(),
                                e.getValue().name(),
                                e.getValue().duties().stream()
                                        .map(d -> new ThirdParty.Duty(
                                                d.serviceItem(),
                                                d.serviceItemName(),
                                                new java.util.HashSet<>(d.licenceTypes()),
                                                d.sensitiveFields(),
                                                d.purposes()))
                                        .toList())));
        return clientId -> Optional.ofNullable(clientId).map(parties::get);
    }

    @Bean
    FieldReuse fieldReuse(
            MongoDatabase database,
            LicenceRegistry registry,
            LicenceTypeCatalogue types,
            LicenceFileStore files,
            ThirdParties thirdParties,
            SealServiceClient sealService,
            ApprovalSystems approvalSystems,
            AuditLog audit,
            Clock clock,
            FieldReuseProperties properties,
            PublicLinks links,
            org.springframework.context.ApplicationEventPublisher events) {
        Providers.bouncyCastle();
        var key = SoftwareKeyCustody.loadPkcs12(
                "field-release", properties.keyStore(), properties.keyPassword().toCharArray(), properties.keyAlias());
        var policy = new FieldReusePolicy(
                properties.maxConsentDuration(),
                properties.useCodeLifetime(),
                properties.maxCopyValidity(),
                links.base(),
                properties.copyCreator());
        return new FieldReuse(
                registry,
                types,
                files,
                new MongoConsentStore(database),
                new MongoUseCodeStore(database),
                new PublishingUsageRecords(new MongoUsageRecords(database), events::publishEvent),
                thirdParties,
                new JoseReleaseSigner(key),
                new SealedCopyMaker(sealService, approvalSystems),
                audit,
                clock,
                policy);
    }

    /** The wallet's view of field reuse: usage records and consents on the licence page. */
    @Bean
    WalletFieldReuse walletFieldReuse(
            FieldReuse fieldReuse, ThirdParties thirdParties, FieldReuseProperties properties, Clock clock) {
        return new WalletFieldReuse(fieldReuse, thirdParties, properties, clock);
    }

    @Bean
    @Order(1)
    SecurityFilterChain fieldReuseApi(
            HttpSecurity http, ProblemAuthenticationEntryPoint entryPoint, ProblemAccessDeniedHandler denied) {
        http.securityMatcher(
                        "/api/v1/licences/*/fields",
                        "/api/v1/licences/*/annotated-copies",
                        "/api/v1/use-codes/**",
                        "/api/v1/usage-records",
                        "/api/v1/field-releases/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/field-releases/certificate")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/licences/*/fields")
                        .hasAnyAuthority(FIELDS, DUTY)
                        .requestMatchers(HttpMethod.POST, "/api/v1/licences/*/annotated-copies")
                        .hasAnyAuthority(FIELDS, DUTY)
                        .requestMatchers(HttpMethod.POST, "/api/v1/use-codes/redemption")
                        .hasAuthority(FIELDS)
                        .requestMatchers(HttpMethod.GET, "/api/v1/usage-records")
                        .hasAuthority("SCOPE_licence:read")
                        .anyRequest()
                        .denyAll())
                .oauth2ResourceServer(JwtScopes.resourceServer(entryPoint, denied))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied));
        return http.build();
    }
}
