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

    /**
     * An error outside Spring MVC's handling (the firewall rejecting an encoded percent sign, which reaches the
     * container's error dispatch) on a console address: the console's error page for a browser, in the language asked
     * for; problem+json for a program and for every address outside the console.
     */
    @Test
    void aRequestTheFirewallRejectsIsTheConsolesPageForABrowserAndProblemJsonOtherwise() throws Exception {
        String browser = "text/html,application/xhtml+xml,*/*;q=0.8";
        HttpResponse<String> page = get("/console/seals/%25?lang=en", browser);
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body())
                .contains("id=\"error\"", "The console cannot handle this address")
                .doesNotContain("\"type\"", "Exception", "at org.");
        assertThat(get("/console/seals/%25", browser).body()).contains("无法处理这个地址");

        for (String[] request : new String[][] {
            {"/console/seals/%25", "application/json"}, {"/api/v1/%25", browser}, {"/crl/%25", browser}
        }) {
            HttpResponse<String> problem = get(request[0], request[1]);
            assertThat(problem.statusCode()).as(request[0]).isEqualTo(400);
            assertThat(problem.headers().firstValue("Content-Type"))
                    .as(request[0])
                    .hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Accept", accept)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
