package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.ses.SealSigner;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * GB/T 38540 electronic seal signatures across both running services: the licence-service client signs an SM3 hash
 * through the seal service's {@code POST /api/v1/signatures/ses}, and {@code POST /api/v1/verifications} verifies the
 * SES_Signature with the data (multipart or JSON); tampered data fails; a signed registered rendition is found in the
 * registry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SesVerificationIT {
    private static final String SCOPE = "/Doc_0/Signs/Sign_0/Signature.xml";
    private static final byte[] DATA = "<ofd:Signature>证印示范市 电子签章 验证</ofd:Signature>".getBytes(StandardCharsets.UTF_8);

    private TwoServices services;
    private String sealToken;

    @BeforeAll
    void start() {
        services = TwoServices.shared();
        sealToken = services.token("licence-service", "licence-service-secret", "seal:sign seal:read");
    }

    private byte[] sign(byte[] data) {
        String body = TwoServices.JSON.writeValueAsString(Map.of(
                "sealId",
                "ZYDEV-SEAL-0001",
                "dataHash",
                Base64.getEncoder().encodeToString(SealSigner.sm3(data)),
                "propertyInfo",
                SCOPE,
                "licenceIdentifier",
                TwoServices.marketSupervisionLicenceId()));
        HttpResponse<String> response =
                services.send(HttpRequest.newBuilder(services.sealUrl.resolve("/api/v1/signatures/ses"))
                        .header("Authorization", "Bearer " + sealToken)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode json = TwoServices.json(response.body());
        assertThat(json.get("format").asString()).isEqualTo("SES");
        return Base64.getDecoder().decode(json.get("sesSignature").asString());
    }

    private JsonNode verifyJson(byte[] signature, byte[] data) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("sesSignature", Base64.getEncoder().encodeToString(signature));
        body.put("data", Base64.getEncoder().encodeToString(data));
        HttpResponse<String> response =
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/verifications"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(TwoServices.JSON.writeValueAsString(body)))
                        .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TwoServices.json(response.body());
    }

    private HttpResponse<String> multipart(Map<String, byte[]> parts) {
        String boundary = "----zhengyin" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        parts.forEach((name, content) -> {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                            + name + ".bin\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/verifications"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    }

    @Test
    void anSesSignatureMadeByTheSealServiceVerifiesWithItsDataAsJsonAndMultipart() {
        byte[] signature = sign(DATA);

        JsonNode report = verifyJson(signature, DATA);
        assertThat(report.get("indication").asString()).as(report.toString()).isEqualTo("TOTAL_PASSED");
        assertThat(report.get("summaryZh").asString()).contains("电子签章有效").contains("不是证照库登记");
        assertThat(report.get("registry").get("found").asBoolean()).isFalse();
        JsonNode sig = report.get("document").get("signatures").get(0);
        assertThat(sig.get("fieldName").asString()).isEqualTo("SES_Signature:ZYDEV-SEAL-0001");
        assertThat(sig.get("indication").asString()).isEqualTo("TOTAL_PASSED");
        assertThat(sig.get("timestampTime").isNull()).isFalse();
        assertThat(sig.get("checks").toString())
                .contains("ses.signature.data-hash")
                .contains("ses.signature.timestamp")
                .contains("ses.seal.signature");

        HttpResponse<String> viaMultipart = multipart(Map.of("signature", signature, "data", DATA));
        assertThat(viaMultipart.statusCode()).as(viaMultipart.body()).isEqualTo(200);
        assertThat(TwoServices.json(viaMultipart.body()).get("indication").asString())
                .isEqualTo("TOTAL_PASSED");
    }

    @Test
    void tamperedDataOrATamperedSignatureDoesNotPass() {
        byte[] signature = sign(DATA);
        byte[] tampered = DATA.clone();
        tampered[tampered.length - 3] ^= 1;
        JsonNode report = verifyJson(signature, tampered);
        assertThat(report.get("indication").asString()).isEqualTo("TOTAL_FAILED");
        assertThat(report.get("subIndication").asString()).isEqualTo("HASH_FAILURE");
        assertThat(report.get("summaryEn").asString()).startsWith("Failed");

        byte[] badSignature = signature.clone();
        badSignature[badSignature.length / 2] ^= 1;
        assertThat(TwoServices.json(multipart(Map.of("signature", badSignature, "data", DATA))
                                .body())
                        .get("indication")
                        .asString())
                .isNotEqualTo("TOTAL_PASSED");
    }

    @Test
    void incompleteSesRequestsAreProblems() {
        HttpResponse<String> onlySignature = multipart(Map.of("signature", sign(DATA)));
        assertThat(onlySignature.statusCode()).isEqualTo(400);
        assertThat(onlySignature.body()).contains("'signature'").contains("'data'");
        HttpResponse<String> noBase64 =
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/verifications"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"sesSignature\":\"%%%\",\"data\":\"\"}"))
                        .build());
        assertThat(noBase64.statusCode()).isEqualTo(400);
        assertThat(noBase64.body()).contains("sesSignature is not valid base64");
    }

    @Test
    void anSesSignatureOverARegisteredRenditionIsFoundInTheRegistry() {
        String approval = services.approvalToken();
        String licence = """
                {"licenceType": "business-licence", "caseNumber": "XF-2026-SES-1", "fields": {
                  "uscc": "%s", "licenceNumber": "99010000202611210077",
                  "name": "示范市青禾数字科技有限公司", "entityType": "有限责任公司（自然人投资或控股）",
                  "legalRepresentative": "林晓峰", "businessScope": "一般项目：技术服务、技术开发。",
                  "registeredCapital": 500, "establishedDate": "2019-03-12", "operatingFrom": "2019-03-12",
                  "address": "示范市青禾区科创大道88号2号楼1203室"}}""".formatted(Holders.uniqueUscc());
        HttpResponse<String> issued =
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences"))
                        .header("Authorization", "Bearer " + approval)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", "ses-" + UUID.randomUUID())
                        .POST(HttpRequest.BodyPublishers.ofString(licence, StandardCharsets.UTF_8))
                        .build());
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String identifier = TwoServices.json(issued.body()).get("identifier").asString();
        HttpResponse<byte[]> xml = services.sendForBytes(
                HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences/" + identifier + "/xml"))
                        .header("Authorization", "Bearer " + approval)
                        .GET()
                        .build());
        assertThat(xml.statusCode()).isEqualTo(200);

        JsonNode report = verifyJson(sign(xml.body()), xml.body());
        assertThat(report.get("indication").asString()).as(report.toString()).isEqualTo("TOTAL_PASSED");
        assertThat(report.get("registry").get("found").asBoolean()).isTrue();
        assertThat(report.get("registry").get("identifier").asString()).isEqualTo(identifier);
        assertThat(report.get("summaryZh").asString()).contains("数据为证照库登记的文件").contains("有效");
    }
}
