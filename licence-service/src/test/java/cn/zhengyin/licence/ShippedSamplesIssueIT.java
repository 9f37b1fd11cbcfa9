package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every shipped {@code templates/<type>/sample.json} issues as it is (issue #15): its fields, authority included, are
 * sent unchanged by the approval system of the authority that issues the type, and the licence shows that authority —
 * a 医师执业证书 by the health commission (卫生健康委员会), not a market-supervision bureau. With
 * {@code -Dzhengyin.docs.regenerate=true} each issued PDF, as sealed, becomes {@code docs/images/issued-<slug>.png}
 * ({@code pdftoppm -png -r 70}), the pictures in the README.
 */
class ShippedSamplesIssueIT {

    static Stream<Path> samples() throws IOException {
        try (Stream<Path> folders = Files.list(TwoServices.TEMPLATES)) {
            List<Path> found = folders.map(f -> f.resolve("sample.json"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
            assertThat(found).as("the shipped samples").hasSizeGreaterThanOrEqualTo(4);
            return found.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theSampleIssuesAsItIs(Path sample) throws IOException, InterruptedException {
        TwoServices services = TwoServices.shared();
        String slug = sample.getParent().getFileName().toString();
        JsonNode fields = TwoServices.json(Files.readString(sample)).get("fields");
        ObjectNode body = TwoServices.JSON.createObjectNode();
        body.put("licenceType", slug);
        body.put("caseNumber", "SAMPLE-IT-" + UUID.randomUUID());
        body.set("fields", fields);
        // the sample company's 营业执照 issued by an earlier test is revoked first: a company holds one in force
        HttpResponse<String> issued = WalletFixture.replacingTheOneInForce(
                services,
                () -> services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences"))
                        .header(
                                "Authorization",
                                "Bearer " + services.approvalTokenFor(slug, "licence:issue licence:read"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                        .build()));
        assertThat(issued.statusCode()).as(slug + ": " + issued.body()).isEqualTo(201);
        JsonNode licence = TwoServices.json(issued.body());
        String authority = fields.has("issuingAuthority")
                ? fields.get("issuingAuthority").asString()
                : fields.get("registrationAuthority").asString();
        assertThat(issued.body()).contains(authority);
        if (slug.equals("physician-certificate")) {
            assertThat(authority).contains("卫生健康委员会");
        }
        assertThat(licence.get("identifier").asString()).isNotBlank();
        if (Boolean.getBoolean("zhengyin.docs.regenerate")) {
            byte[] pdf = services.sendForBytes(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences/"
                                    + licence.get("identifier").asString() + "/pdf"))
                            .header("Authorization", "Bearer " + services.approvalTokenFor(slug, "licence:read"))
                            .GET()
                            .build())
                    .body();
            Path file = Files.createTempFile("issued-" + slug, ".pdf");
            Files.write(file, pdf);
            Process png = new ProcessBuilder(
                            "pdftoppm",
                            "-png",
                            "-r",
                            "70",
                            "-singlefile",
                            file.toString(),
                            Path.of("..", "docs", "images", "issued-" + slug).toString())
                    .inheritIO()
                    .start();
            assertThat(png.waitFor()).as("pdftoppm " + slug).isZero();
            Files.delete(file);
        }
    }
}
