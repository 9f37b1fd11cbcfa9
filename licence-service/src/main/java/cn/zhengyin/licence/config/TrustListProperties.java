package cn.zhengyin.licence.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The signed trust list of other regions' issuing authorities (证照互认, docs/trust-list.md), consulted by verification
 * under the {@code baseline} policy ({@code zhengyin.trust-list.*}).
 *
 * @param location          file path or URL of the list
 * @param signerCertificate PEM certificate of the list signer, pinned
 * @param allowedUrls       URL prefixes the list may be fetched from; empty: no URL is fetched (a file only)
 * @param refreshInterval   how often a good list is re-read
 * @param retryAfterFailure how soon a failed read or signature check is retried (the previous good list stays in
 *                          force until its nextUpdate, then verification of other regions' licences fails closed)
 */
@ConfigurationProperties("zhengyin.trust-list")
public record TrustListProperties(
        @DefaultValue("keys-dev/trust-list.xml") String location,
        @DefaultValue("keys-dev/trust-list-signer.crt.pem") Path signerCertificate,
        List<String> allowedUrls,
        @DefaultValue("1h") Duration refreshInterval,
        @DefaultValue("1m") Duration retryAfterFailure) {
    public TrustListProperties {
        allowedUrls = allowedUrls == null ? List.of() : List.copyOf(allowedUrls);
    }
}
