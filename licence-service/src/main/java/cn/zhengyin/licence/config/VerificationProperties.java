package cn.zhengyin.licence.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Revocation data of the licence service's verifiers ({@code zhengyin.verification.*}, docs/verification.md). The
 * verifiers fail closed: under both policies a signature whose signer's revocation status is unknown is never
 * TOTAL_PASSED. Status comes from the document's embedded data, then these CRL files, then the CRL the certificate's
 * distribution point names, fetched from the seal service (the dev CA).
 *
 * @param crls       PEM or DER CRL files used when a document embeds none (e.g. CAs other than the seal service's)
 * @param crlMaxAge  how long a CRL fetched from the seal service is reused for further verifications (never past its
 *                   nextUpdate); {@code 0s}: fetched for every verification
 */
@ConfigurationProperties("zhengyin.verification")
public record VerificationProperties(
        List<Path> crls, @DefaultValue("30s") Duration crlMaxAge) {
    public VerificationProperties {
        crls = crls == null ? List.of() : List.copyOf(crls);
    }
}
