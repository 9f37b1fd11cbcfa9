package cn.zhengyin.licence.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the licence service.
 *
 * @param templatesDirectory folder of the licence types ({@code templates/})
 * @param publicBaseUrl      base URL printed in QR codes, e.g. https://licence.example.gov.cn
 * @param sealServiceUrl     base URL of the seal service
 * @param trustAnchors       PEM file with the trust anchors that verification accepts
 * @param trustIntermediates PEM files with CA certificates to build paths with when a signature does not carry its
 *                           chain (GB/T 38540 SES signatures carry only the end certificate; dev: the SM2 seal CA)
 * @param maxUploadBytes     largest file accepted for verification
 * @param approvalSystems    approval systems (OAuth2 client id → the authority they issue for and its seal)
 */
@ConfigurationProperties("zhengyin")
public record LicenceServiceProperties(
        @DefaultValue("templates") Path templatesDirectory,
        @DefaultValue("http://localhost:8081") URI publicBaseUrl,
        @DefaultValue("http://localhost:8082") URI sealServiceUrl,
        @DefaultValue("keys-dev/trust-anchors.pem") Path trustAnchors,
        @DefaultValue("keys-dev/sm2-seal-ca.crt.pem") List<Path> trustIntermediates,
        @DefaultValue("20971520") long maxUploadBytes,
        Map<String, ApprovalSystem> approvalSystems) {

    public LicenceServiceProperties {
        approvalSystems = approvalSystems == null ? Map.of() : Map.copyOf(approvalSystems);
        trustIntermediates = trustIntermediates == null ? List.of() : List.copyOf(trustIntermediates);
    }

    /**
     * What an approval system (审批系统) issues.
     *
     * @param issuerName   the issuing authority (证照颁发机构) it acts for
     * @param issuerCode   that authority's unified social credit code
     * @param sealId       the seal that signs its licences
     * @param licenceTypes the licence type codes it may issue
     */
    public record ApprovalSystem(String issuerName, String issuerCode, String sealId, List<String> licenceTypes) {
        public ApprovalSystem {
            licenceTypes = licenceTypes == null ? List.of() : List.copyOf(licenceTypes);
        }
    }
}
