package cn.zhengyin.trust.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * {@link RevocationSource} that fetches the CRL named by a certificate's CRL distribution points extension
 * (RFC 5280 §4.2.1.13; the first http or https URI) with {@code java.net.http}, with a timeout and a size limit. A
 * fetched body must parse as an X.509 CRL. OCSP is not offered. Thread-safe.
 */
public final class HttpRevocationSource implements RevocationSource {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_CRL_BYTES = 4 * 1024 * 1024;

    private final HttpClient http;
    private final Duration timeout;
    private final int maxBytes;

    /**
     * @param http     the client (its connect timeout applies too)
     * @param timeout  time allowed for one request, response included
     * @param maxBytes largest CRL accepted
     */
    public HttpRevocationSource(HttpClient http, Duration timeout, int maxBytes) {
        this.http = http;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /** A source with its own client, {@link #DEFAULT_TIMEOUT} and {@link #DEFAULT_MAX_CRL_BYTES}. */
    public static HttpRevocationSource withDefaults() {
        return new HttpRevocationSource(
                HttpClient.newBuilder()
                        .connectTimeout(DEFAULT_TIMEOUT)
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build(),
                DEFAULT_TIMEOUT,
                DEFAULT_MAX_CRL_BYTES);
    }

    @Override
    public Optional<byte[]> crl(X509Certificate issued) {
        Optional<URI> uri = crlUris(issued).stream().findFirst();
        if (uri.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(fetch(uri.get()));
    }

    private byte[] fetch(URI uri) {
        HttpResponse<InputStream> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new RevocationSourceException("Cannot fetch the CRL at " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RevocationSourceException("Interrupted while fetching the CRL at " + uri, e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new RevocationSourceException("The CRL distribution point " + uri + " answered HTTP "
                        + response.statusCode() + "; expected 200 with a DER CRL.");
            }
            byte[] bytes = body.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new RevocationSourceException(
                        "The CRL at " + uri + " is larger than " + maxBytes + " bytes; refusing it.");
            }
            CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(bytes));
            return bytes;
        } catch (IOException e) {
            throw new RevocationSourceException("Cannot read the CRL at " + uri + ": " + e.getMessage(), e);
        } catch (CRLException | CertificateException e) {
            throw new RevocationSourceException("The body at " + uri + " is not an X.509 CRL: " + e.getMessage(), e);
        }
    }

    /** The http(s) URIs of a certificate's CRL distribution points, in order; empty if it has none. */
    public static List<URI> crlUris(X509Certificate cert) {
        byte[] extension = cert.getExtensionValue(Extension.cRLDistributionPoints.getId());
        if (extension == null) {
            return List.of();
        }
        List<URI> uris = new ArrayList<>();
        try {
            CRLDistPoint points = CRLDistPoint.getInstance(
                    ASN1OctetString.getInstance(extension).getOctets());
            for (DistributionPoint point : points.getDistributionPoints()) {
                DistributionPointName name = point.getDistributionPoint();
                if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
                    continue;
                }
                for (GeneralName general :
                        GeneralNames.getInstance(name.getName()).getNames()) {
                    if (general.getTagNo() == GeneralName.uniformResourceIdentifier) {
                        String value = general.getName().toString();
                        if (value.startsWith("http://") || value.startsWith("https://")) {
                            uris.add(URI.create(value));
                        }
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            throw new RevocationSourceException(
                    "The CRL distribution points extension of "
                            + cert.getSubjectX500Principal().getName() + " cannot be read: " + e.getMessage(),
                    e);
        }
        return uris;
    }
}
