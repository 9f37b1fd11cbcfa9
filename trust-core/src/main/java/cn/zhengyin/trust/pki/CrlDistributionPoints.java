package cn.zhengyin.trust.pki;

import java.net.URI;
import java.util.Objects;

/**
 * Where each CA publishes its CRL: {@code <baseUrl>/<ca-name>.crl}. The default matches seal-service, which serves
 * CRLs on port 8082 under {@code /crl/}.
 */
public record CrlDistributionPoints(String baseUrl) {
    public static final String DEFAULT_BASE_URL = "http://localhost:8082/crl";

    public CrlDistributionPoints {
        Objects.requireNonNull(baseUrl, "baseUrl");
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new PkiException("CRL base URL '" + baseUrl + "' is not a URI: " + e.getMessage(), e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new PkiException("CRL base URL '" + baseUrl + "' must be http or https (RFC 5280 §4.2.1.13;"
                    + " relying parties fetch CRLs over HTTP), e.g. " + DEFAULT_BASE_URL);
        }
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
    }

    public static CrlDistributionPoints defaults() {
        return new CrlDistributionPoints(DEFAULT_BASE_URL);
    }

    /** The CRL URL of the CA with this name. */
    public URI forCa(String caName) {
        return URI.create(baseUrl + "/" + caName + ".crl");
    }
}
