package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue #15: both services describe their API (title, OAuth2 client-credentials scheme, each operation's scopes read
 * from the security rules, problem+json answers, summaries) and serve Swagger UI themselves at /swagger-ui, publicly in
 * development, with nothing loaded from elsewhere.
 */
class ApiDocsIT {
    private final TwoServices services = TwoServices.shared();

    @Test
    void theLicenceServiceDescribesItsApiWithScopesAndProblems() {
        JsonNode api = apiDocs(services.licenceUrl);
        assertThat(api.at("/info/title").asString()).contains("电子证照", "licence service");
        assertThat(api.at("/components/securitySchemes/oauth2/flows/clientCredentials/tokenUrl")
                        .asString())
                .endsWith("/oauth2/token");
        assertThat(api.at("/components/securitySchemes/oauth2/flows/clientCredentials/scopes")
                        .has("licence:issue"))
                .isTrue();
        JsonNode issue = api.at("/paths/~1api~1v1~1licences/post");
        assertThat(issue.at("/security/0/oauth2/0").asString()).isEqualTo("licence:issue");
        assertThat(issue.at("/summary").asString()).isNotBlank();
        assertThat(issue.at("/responses/401/content").has("application/problem+json"))
                .isTrue();
        assertThat(issue.at("/responses/400/content/application~1problem+json/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/Problem");
        JsonNode revoke = api.at("/paths/~1api~1v1~1licences~1{identifier}~1revocation/post");
        assertThat(
                        revoke.isMissingNode()
                                ? api.at("/paths").propertyNames().stream()
                                        .filter(p -> p.endsWith("/revocation"))
                                        .findFirst()
                                        .map(p -> api.at("/paths")
                                                .get(p)
                                                .at("/post/security/0/oauth2/0")
                                                .asString())
                                        .orElse("")
                                : revoke.at("/security/0/oauth2/0").asString())
                .isEqualTo("licence:status");
        JsonNode verify = api.at("/paths/~1api~1v1~1verifications/post");
        assertThat(verify.get("security")).as("verification is public").isEmpty();
        assertThat(api.at("/info/description").asString()).contains("/revocation", "/revoke");
    }

    @Test
    void theSealServiceDescribesItsApiWithScopes() {
        JsonNode api = apiDocs(services.sealUrl);
        assertThat(api.at("/info/title").asString()).contains("电子印章", "seal service");
        JsonNode apply = api.at("/paths/~1api~1v1~1seals/post");
        assertThat(apply.at("/security/0/oauth2/0").asString()).isEqualTo("seal:apply");
        assertThat(api.at("/paths").propertyNames()).noneMatch(p -> p.startsWith("/console"));
    }

    @Test
    void swaggerUiIsServedByEachServiceWithNothingFromOutside() {
        for (URI base : new URI[] {services.licenceUrl, services.sealUrl}) {
            HttpResponse<String> page = services.send(HttpRequest.newBuilder(base.resolve("/swagger-ui/index.html"))
                    .GET()
                    .build());
            assertThat(page.statusCode()).as(base + " /swagger-ui/index.html").isEqualTo(200);
            assertThat(page.body()).contains("swagger-ui").doesNotContain("https://", "http://cdn", "//unpkg");
            assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                    .contains("script-src 'self'")
                    .doesNotContain("http");
            HttpResponse<String> initializer =
                    services.send(HttpRequest.newBuilder(base.resolve("/swagger-ui/swagger-initializer.js"))
                            .GET()
                            .build());
            assertThat(initializer.statusCode()).isEqualTo(200);
            assertThat(initializer.body()).contains("/v3/api-docs");
            HttpResponse<String> entry = services.send(
                    HttpRequest.newBuilder(base.resolve("/swagger-ui")).GET().build());
            assertThat(entry.statusCode())
                    .as("/swagger-ui answers (a redirect to the page)")
                    .isIn(200, 302);
        }
    }

    private JsonNode apiDocs(URI base) {
        HttpResponse<String> response = services.send(
                HttpRequest.newBuilder(base.resolve("/v3/api-docs")).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        return TwoServices.json(response.body());
    }
}
