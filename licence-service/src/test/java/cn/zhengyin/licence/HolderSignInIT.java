package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class HolderSignInIT {
    private final TwoServices services = TwoServices.shared();

    @Test
    void devSignInGivesTheHolderASessionThatKnowsTheirCodesAndTheCompaniesTheyRepresent() {
        HolderSession session = HolderSession.signIn(services.licenceUrl, "990101198203154411");
        HttpResponse<String> me = session.get("/api/v1/holder/me");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(TwoServices.json(me.body()).get("name").asString()).isEqualTo("林晓峰");
        assertThat(me.body()).contains("91990100MA00XF8K1E");
    }

    @Test
    void theHolderApiWithoutSignInIsA401ProblemAndTheWalletRedirectsToTheSignInPage() throws Exception {
        HttpClient plain = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpResponse<String> api = plain.send(
                HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/holder/me"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
        HttpResponse<String> wallet = plain.send(
                HttpRequest.newBuilder(services.licenceUrl.resolve("/wallet"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wallet.statusCode()).isEqualTo(302);
        assertThat(wallet.headers().firstValue("Location"))
                .hasValueSatisfying(v -> assertThat(v).endsWith("/sign-in"));
    }

    @Test
    void aWriteWithoutTheCsrfTokenIsRefusedEvenWhenSignedIn() {
        HolderSession session = HolderSession.signIn(services.licenceUrl, "990101198807214622");
        HttpResponse<String> noToken = session.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/sign-out"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
        assertThat(session.get("/api/v1/holder/me").statusCode()).isEqualTo(200);

        // a browser's form post without the token (a page left open across a restart): the error page, in its language
        for (String lang : new String[] {"", "?lang=en"}) {
            HttpResponse<String> page =
                    session.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/sign-out" + lang))
                            .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("_csrf=stale"))
                            .build());
            assertThat(page.statusCode()).isEqualTo(403);
            assertThat(page.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
            assertThat(page.body())
                    .contains("id=\"error-title\"", lang.isEmpty() ? "页面已过期" : "The page has expired")
                    .doesNotContain("\"type\"", "Exception", "at org.");
        }
        assertThat(session.get("/api/v1/holder/me").statusCode()).isEqualTo(200);
    }

    /**
     * An error outside Spring MVC's handling (here the firewall rejecting an encoded percent sign in the address, which
     * reaches the container's error dispatch): a browser gets the error page, a program and any API address
     * problem+json.
     */
    @Test
    void aRequestTheFirewallRejectsIsAPageForABrowserAndProblemJsonForAProgram() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.util.function.BiFunction<String, String, HttpResponse<String>> get = (path, accept) -> {
            try {
                return http.send(
                        HttpRequest.newBuilder(services.licenceUrl.resolve(path))
                                .header("Accept", accept)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        String browser = "text/html,application/xhtml+xml,*/*;q=0.8";
        HttpResponse<String> page = get.apply("/wallet/%25?lang=en", browser);
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("id=\"error-title\"").doesNotContain("\"type\"", "Exception", "at org.");

        for (var request : java.util.List.of(
                java.util.List.of("/wallet/%25", "application/json"), java.util.List.of("/api/v1/%25", browser))) {
            HttpResponse<String> problem = get.apply(request.get(0), request.get(1));
            assertThat(problem.statusCode()).as(request.toString()).isEqualTo(400);
            assertThat(problem.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
        }
    }

    @Test
    void anUnknownSampleHolderIsABadRequestNotASignIn() {
        HolderSession session = HolderSession.signIn(services.licenceUrl, "990101198807214622");
        HttpResponse<String> bad =
                session.send(session.withCsrf(HttpRequest.newBuilder(services.licenceUrl.resolve("/sign-in/dev")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("holder=110101190001011234"))
                        .build());
        assertThat(bad.statusCode()).isEqualTo(400);
    }
}
