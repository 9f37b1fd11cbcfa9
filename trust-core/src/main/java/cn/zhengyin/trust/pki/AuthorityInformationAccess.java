package cn.zhengyin.trust.pki;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a relying party finds the issuer's OCSP responder and the issuer's certificate (RFC 5280 §4.2.2.1,
 * authorityInfoAccess: id-ad-ocsp and id-ad-caIssuers). Both are optional; {@link #none()} means the certificate gets
 * no authorityInfoAccess extension. The URLs come from the caller's configuration (each service passes its own
 * responder URL), never from a default.
 */
public record AuthorityInformationAccess(Optional<URI> ocsp, Optional<URI> caIssuers) {
    private static final AuthorityInformationAccess NONE =
            new AuthorityInformationAccess(Optional.empty(), Optional.empty());

    public AuthorityInformationAccess {
        Objects.requireNonNull(ocsp, "ocsp");
        Objects.requireNonNull(caIssuers, "caIssuers");
        ocsp.ifPresent(uri -> requireHttp(uri, "OCSP responder"));
        caIssuers.ifPresent(uri -> requireHttp(uri, "caIssuers"));
    }

    /** No authorityInfoAccess extension. */
    public static AuthorityInformationAccess none() {
        return NONE;
    }

    /** Only an OCSP responder URL. */
    public static AuthorityInformationAccess ocsp(URI responder) {
        return new AuthorityInformationAccess(Optional.of(responder), Optional.empty());
    }

    /**
     * Parses configuration text: blank or {@code null} values mean absent.
     *
     * @throws PkiException if a value is not an absolute http or https URL
     */
    public static AuthorityInformationAccess of(@Nullable String ocspUrl, @Nullable String caIssuersUrl) {
        return new AuthorityInformationAccess(uri(ocspUrl, "OCSP responder"), uri(caIssuersUrl, "caIssuers"));
    }

    public boolean isEmpty() {
        return ocsp.isEmpty() && caIssuers.isEmpty();
    }

    private static Optional<URI> uri(@Nullable String text, String what) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(text.trim()));
        } catch (java.net.URISyntaxException e) {
            throw new PkiException(what + " URL '" + text + "' is not a URI: " + e.getMessage(), e);
        }
    }

    private static void requireHttp(URI uri, String what) {
        if (!uri.isAbsolute()
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getHost() == null) {
            throw new PkiException(what + " URL '" + uri + "' must be an absolute http or https URL (RFC 5280"
                    + " §4.2.2.1; relying parties fetch it over HTTP), e.g. http://localhost:8082/ocsp");
        }
    }
}
