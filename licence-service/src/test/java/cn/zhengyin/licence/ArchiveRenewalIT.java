package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.licence.registry.LicenceFileStore;
import cn.zhengyin.licence.registry.LicenceRegistry;
import cn.zhengyin.licence.registry.LicenceVersion;
import cn.zhengyin.licence.registry.Rendition;
import cn.zhengyin.trust.crypto.Digests;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Archive time-stamp renewal (docs/verification.md): a stored licence PDF gets fresh validation data and a new
 * document time-stamp; the renewed file is a further file of the version, and both the file handed out before and the
 * renewed one verify and are found in the registry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchiveRenewalIT {
    private TwoServices services;
    private String token;

    @BeforeAll
    void start() {
        services = TwoServices.shared();
        token = services.token("approval-demo", "approval-demo-secret", "licence:issue licence:status licence:read");
    }

    @Test
    void aRenewedLicenceAndTheFileHandedOutBeforeBothVerifyAndAreFound() throws Exception {
        String id = issue();
        byte[] original = download(id);

        // not due: the dev TSA certificate is valid for years, far beyond the 90-day window
        JsonNode notDue = json(renew(id, "{\"force\":false}", token), 200);
        assertThat(notDue.get("renewed").asBoolean()).isFalse();
        assertThat(notDue.get("reason").asString()).contains("valid until");

        JsonNode renewed = json(renew(id, "{}", token), 201);
        assertThat(renewed.get("kind").asString()).isEqualTo("PDF-RENEWAL-1");
        byte[] first = stored(id, "PDF-RENEWAL-1");
        assertThat(Digests.sha256Hex(first)).isEqualTo(renewed.get("sha256").asString());
        // an incremental update of the file handed out, with one more document time-stamp
        assertThat(Arrays.copyOf(first, original.length)).isEqualTo(original);
        assertThat(documentTimestamps(original)).isEqualTo(1);
        assertThat(documentTimestamps(first)).isEqualTo(2);

        // a second renewal builds on the newest file
        json(renew(id, "{}", token), 201);
        byte[] second = stored(id, "PDF-RENEWAL-2");
        assertThat(Arrays.copyOf(second, first.length)).isEqualTo(first);
        assertThat(documentTimestamps(second)).isEqualTo(3);

        for (byte[] file : List.of(original, first, second)) {
            JsonNode report = verify(file);
            assertThat(report.get("indication").asString())
                    .as(report.toString())
                    .isEqualTo("TOTAL_PASSED");
            assertThat(report.get("registry").get("found").asBoolean()).isTrue();
            assertThat(report.get("registry").get("identifier").asString()).isEqualTo(id);
            assertThat(report.get("document").get("signatures"))
                    .allSatisfy(s -> assertThat(s.get("indication").asString()).isEqualTo("TOTAL_PASSED"));
        }
        // the version still serves the PDF it was issued with; the registry lists every file
        assertThat(download(id)).isEqualTo(original);
        LicenceVersion version =
                services.licence.getBean(LicenceRegistry.class).findVersion(id).orElseThrow();
        assertThat(version.renditions())
                .extracting(Rendition::kind)
                .containsExactly("PDF", "XML", "OFD", "PDF-RENEWAL-1", "PDF-RENEWAL-2");

        // a later status change logs every file of the version in the transparency log (it was a 500 once)
        HttpResponse<String> revoked = services.send(
                HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences/" + id + "/revocation"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"档案续期后吊销\"}", StandardCharsets.UTF_8))
                        .build());
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
    }

    @Test
    void onlyTheLicencesOwnAuthorityRenewsIt() {
        String id = issue();
        String forestry = services.token("approval-forestry-demo", "approval-forestry-secret", "licence:status");
        HttpResponse<String> refused = renew(id, "{}", forestry);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("not-own-licence");
        String readOnly = services.token("approval-demo", "approval-demo-secret", "licence:read");
        assertThat(renew(id, "{}", readOnly).statusCode()).isEqualTo(403);
        assertThat(renew("1.2.156.3005.2.11100000XF0000001X001.11110100000000019Q.NOSUCH.001.X", "{}", token)
                        .statusCode())
                .isEqualTo(404);
    }

    private String issue() {
        HttpResponse<String> issued = services.send(HttpRequest.newBuilder(
                        services.licenceUrl.resolve("/api/v1/licences"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                                {"licenceType": "business-licence", "caseNumber": "LTA-1", "fields": {
                                  "uscc": "%s", "licenceNumber": "99010000202612010001",
                                  "name": "示范市档案续期测试有限公司", "entityType": "有限责任公司（自然人投资或控股）",
                                  "legalRepresentative": "林晓峰", "businessScope": "档案时间戳续期测试。",
                                  "registeredCapital": 100, "establishedDate": "2021-01-04",
                                  "operatingFrom": "2021-01-04", "address": "示范市青禾区档案路1号"}}
                                """.formatted(Holders.uniqueUscc()), StandardCharsets.UTF_8))
                .build());
        return json(issued, 201).get("identifier").asString();
    }

    private HttpResponse<String> renew(String id, String body, String bearer) {
        return services.send(
                HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences/" + id + "/archive-renewals"))
                        .header("Authorization", "Bearer " + bearer)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
    }

    private byte[] download(String id) {
        HttpResponse<byte[]> response = services.sendForBytes(
                HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences/" + id + "/pdf"))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private byte[] stored(String id, String kind) {
        LicenceVersion version =
                services.licence.getBean(LicenceRegistry.class).findVersion(id).orElseThrow();
        Rendition r = version.renditions().stream()
                .filter(x -> x.kind().equals(kind))
                .findFirst()
                .orElseThrow();
        return services.licence.getBean(LicenceFileStore.class).get(r.fileId()).orElseThrow();
    }

    private JsonNode verify(byte[] pdf) {
        return json(
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/verifications"))
                        .header("Content-Type", "application/pdf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(pdf))
                        .build()),
                200);
    }

    private static int documentTimestamps(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return (int) document.getSignatureDictionaries().stream()
                    .map(PDSignature::getSubFilter)
                    .filter("ETSI.RFC3161"::equals)
                    .count();
        }
    }

    private static JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return TwoServices.json(response.body());
    }
}
