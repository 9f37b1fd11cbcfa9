package cn.zhengyin.seal.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.seal.SealServiceApplication;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The production sign-in: with an OpenID Connect client registered and the development sign-in off. */
@SpringBootTest(
        classes = SealServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=seal-service",
            "spring.application.name=seal-console-oidc-test",
            "zhengyin.store.embedded.in-memory=true",
            "zhengyin.console.dev-sign-in.enabled=false",
            "spring.security.oauth2.client.registration.province.client-id=zhengyin-seal-console",
            "spring.security.oauth2.client.registration.province.client-secret=s3cret",
            "spring.security.oauth2.client.registration.province.client-name=统一身份认证平台",
            "spring.security.oauth2.client.registration.province.authorization-grant-type=authorization_code",
            "spring.security.oauth2.client.registration.province.scope=openid,profile",
            "spring.security.oauth2.client.registration.province.redirect-uri={baseUrl}/console/login/oauth2/code/{registrationId}",
            "spring.security.oauth2.client.provider.province.authorization-uri=https://idp.invalid/authorize",
            "spring.security.oauth2.client.provider.province.token-uri=https://idp.invalid/token",
            "spring.security.oauth2.client.provider.province.jwk-set-uri=https://idp.invalid/jwks",
            "spring.security.oauth2.client.provider.province.user-name-attribute=sub"
        })
class ConsoleOidcSignInTest {
    @TempDir
    static Path keyStoreDir;

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void keyStore(DynamicPropertyRegistry registry) {
        registry.add(
                "zhengyin.keys-directory",
                () -> Path.of("../keys-dev").toAbsolutePath().normalize().toString());
        registry.add(
                "zhengyin.seal-keys.file", () -> keyStoreDir.resolve("keys.p12").toString());
    }

    @Test
    void theSignInPageOffersTheProviderAndNoSamplePeople() throws Exception {
        HttpResponse<String> page = get("/console/sign-in");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("/console/oauth2/authorization/province")
                .contains("统一身份认证平台")
                .doesNotContain("开发环境")
                .doesNotContain("seal-applicant-demo");
    }

    @Test
    void signingInRedirectsToTheProviderWithTheConsoleCallback() throws Exception {
        HttpResponse<String> start = get("/console/oauth2/authorization/province");
        assertThat(start.statusCode()).isEqualTo(302);
        String location =
                URLDecoder.decode(start.headers().firstValue("Location").orElseThrow(), StandardCharsets.UTF_8);
        assertThat(location)
                .startsWith("https://idp.invalid/authorize?")
                .contains("client_id=zhengyin-seal-console")
                .contains("scope=openid profile")
                .contains("redirect_uri=http://localhost:" + port + "/console/login/oauth2/code/province");
    }

    @Test
    void consolePagesNeedASignedInSession() throws Exception {
        HttpResponse<String> list = get("/console/seals");
        assertThat(list.statusCode()).isEqualTo(302);
        assertThat(list.headers().firstValue("Location").orElse("")).endsWith("/console/sign-in");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
