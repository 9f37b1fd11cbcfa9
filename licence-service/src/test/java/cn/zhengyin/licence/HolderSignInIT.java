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
        assertThat(session.get("/api/v1/holder/me").statusCode()).isEqualTo(200);
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
