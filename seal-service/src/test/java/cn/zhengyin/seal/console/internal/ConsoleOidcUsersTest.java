package cn.zhengyin.seal.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

class ConsoleOidcUsersTest {
    static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

    @Test
    void theRolesClaimGrantsConsoleRolesAndTheSubjectIsTheActor() {
        ConsoleUser user = signIn(
                new ConsoleProperties.Oidc(null, null, null, null),
                Map.of("sub", "zhang.san", "name", "张三", "roles", List.of("seal:apply", "unrelated")));
        assertThat(user.actor()).isEqualTo("zhang.san");
        assertThat(user.displayName()).isEqualTo("张三");
        assertThat(user.roles()).containsExactly(ConsoleRole.APPLICANT);
    }

    @Test
    void claimNamesAndRoleValuesAreConfigurable() {
        ConsoleUser user = signIn(
                new ConsoleProperties.Oidc(
                        "preferred_username",
                        "nickname",
                        "groups",
                        Map.of(ConsoleRole.APPROVER, "/印章/审批", ConsoleRole.ADMINISTRATOR, "/印章/管理")),
                Map.of("sub", "8f2c", "preferred_username", "li.si", "nickname", "李四", "groups", "/印章/审批 /其他"));
        assertThat(user.actor()).isEqualTo("li.si");
        assertThat(user.displayName()).isEqualTo("李四");
        assertThat(user.roles()).containsExactly(ConsoleRole.APPROVER);
    }

    @Test
    void aPersonWithoutTheRolesClaimHasNoRole() {
        ConsoleUser user = signIn(new ConsoleProperties.Oidc(null, null, null, null), Map.of("sub", "wang.wu"));
        assertThat(user.roles()).isEmpty();
        assertThat(user.displayName()).isEqualTo("wang.wu");
    }

    private static ConsoleUser signIn(ConsoleProperties.Oidc config, Map<String, Object> claims) {
        ClientRegistration registration = ClientRegistration.withRegistrationId("idp")
                .clientId("console")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/console/login/oauth2/code/{registrationId}")
                .authorizationUri("https://idp.invalid/authorize")
                .tokenUri("https://idp.invalid/token")
                .userNameAttributeName("sub")
                .scope("openid")
                .build();
        OidcIdToken idToken = OidcIdToken.withTokenValue("id-token")
                .claims(c -> c.putAll(claims))
                .issuedAt(NOW)
                .expiresAt(NOW.plusSeconds(300))
                .build();
        OAuth2AccessToken access = new OAuth2AccessToken(
                OAuth2AccessToken.TokenType.BEARER, "access", NOW, NOW.plusSeconds(300), Set.of("openid"));
        OidcUser oidc = new ConsoleOidcUsers(config).loadUser(new OidcUserRequest(registration, access, idToken));
        return ConsoleUser.of(new OAuth2AuthenticationToken(oidc, oidc.getAuthorities(), "idp"));
    }
}
