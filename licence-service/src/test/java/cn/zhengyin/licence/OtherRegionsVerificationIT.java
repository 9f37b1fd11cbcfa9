package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.identifier.LicenceIdentifier;
import cn.zhengyin.trust.testing.OtherProvinceLicences;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * 证照互认 through the API: a PAdES and a XAdES licence of "another province" (trust-core's test fixture, its own dev
 * PKI) verify with {@code policy=baseline} through the signed trust list the service loads, labelled with the authority
 * and region; under {@code licence} they are not this store's licences; once a list marking the authority withdrawn is
 * loaded (higher sequence number), they fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OtherRegionsVerificationIT {
    private TwoServices services;
    private OtherProvinceLicences other;

    @BeforeAll
    void start() {
        services = TwoServices.shared();
        other = OtherProvinceLicences.load(TwoServices.KEYS, Clock.systemUTC());
    }

    @Test
    void anotherProvincesLicenceVerifiesThroughTheTrustListAndFailsOnceWithdrawn() throws Exception {
        long sequence = System.currentTimeMillis();
        LicenceIdentifier id = other.identifier("20260000077");
        byte[] pdf = other.padesLicence(id);
        byte[] xml = other.xadesLicence(id);
        Files.write(services.trustListFile, other.trustList(sequence, false));

        JsonNode report = verifyOnceListRead(pdf, "TOTAL_PASSED");
        assertThat(report.get("indication").asString()).as(report.toString()).isEqualTo("TOTAL_PASSED");
        assertThat(report.get("conclusion").asString()).isEqualTo("VALID");
        assertThat(report.get("issuedBy").asString()).contains(OtherProvinceLicences.AUTHORITY_NAME, "示范邻省");
        assertThat(check(report, "trust-list.authority").get("outcome").asString())
                .isEqualTo("PASSED");
        JsonNode xmlReport = verify(xml, "application/xml", "baseline");
        assertThat(xmlReport.get("conclusion").asString())
                .as(xmlReport.toString())
                .isEqualTo("VALID");
        assertThat(xmlReport.get("issuedBy").asString()).contains("示范邻省");

        JsonNode underLicence = verify(pdf, "application/pdf", "licence");
        assertThat(underLicence.get("conclusion").asString()).isEqualTo("INDETERMINATE");

        Files.write(services.trustListFile, other.trustList(sequence + 1, true));
        JsonNode withdrawn = verifyOnceListRead(pdf, "TOTAL_FAILED");
        assertThat(withdrawn.get("indication").asString()).isEqualTo("TOTAL_FAILED");
        assertThat(withdrawn.get("conclusion").asString()).isEqualTo("FAILED");
        assertThat(check(withdrawn, "trust-list.authority").get("message").asString())
                .contains("WITHDRAWN", "示范邻省");
        assertThat(verify(xml, "application/xml", "baseline").get("conclusion").asString())
                .isEqualTo("FAILED");
    }

    @Test
    void aLicenceNamingAnotherIssuerThanTheAuthorityWhoseSealSignedItFails() {
        // sealed by the other province's market authority, but the identifier names an issuer of this province
        LicenceIdentifier id =
                LicenceIdentifier.first(OtherProvinceLicences.BUSINESS_LICENCE, "11110100000000019Q", "20260000078");
        JsonNode report = verify(other.padesLicence(id), "application/pdf", "baseline");
        assertThat(report.get("conclusion").asString()).as(report.toString()).isIn("FAILED", "INDETERMINATE");
        assertThat(report.get("indication").asString()).isNotEqualTo("TOTAL_PASSED");
        assertThat(check(report, "trust-list.authority").get("outcome").asString())
                .isEqualTo("FAILED");
    }

    private static JsonNode check(JsonNode report, String id) {
        for (JsonNode check : report.get("document").get("documentChecks")) {
            if (check.get("id").asString().equals(id)) {
                return check;
            }
        }
        throw new AssertionError("no check " + id + " in " + report);
    }

    /**
     * The PDF's report under {@code baseline} once the service has read the list just written (it re-reads the file
     * every second): asked every 100 ms until the indication is the expected one, at most 10 s, rather than sleeping
     * a fixed time; the caller asserts on the last report.
     */
    private JsonNode verifyOnceListRead(byte[] pdf, String indication) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        JsonNode report = verify(pdf, "application/pdf", "baseline");
        while (!report.get("indication").asString().equals(indication) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            report = verify(pdf, "application/pdf", "baseline");
        }
        return report;
    }

    private JsonNode verify(byte[] content, String type, String policy) {
        HttpResponse<String> response = services.send(
                HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/verifications?policy=" + policy))
                        .header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(content))
                        .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TwoServices.json(response.body());
    }
}
