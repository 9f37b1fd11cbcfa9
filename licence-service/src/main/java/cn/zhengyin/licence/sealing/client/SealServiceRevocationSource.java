package cn.zhengyin.licence.sealing.client;

import cn.zhengyin.licence.sealing.LicenceSealer.SealingFailedException;
import cn.zhengyin.trust.validation.HttpRevocationSource;
import cn.zhengyin.trust.validation.RevocationSource;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link RevocationSource} for the long-term validation material of licences. Shortcut: <b>the CA is the seal
 * service</b>. The dev PKI's certificates name CRL distribution points on the seal service
 * ({@code http://localhost:8082/crl/<ca>.crl}, see keys-dev/README.md), but the seal service the licence service is
 * configured with may run elsewhere (tests: a random port). So only the path of the distribution point URL is
 * used — {@code /crl/<ca>.crl} becomes {@link SealServiceClient#crl(String) GET /crl/<ca>.crl} on the configured
 * seal-service base URL — and its host and port are ignored. A certificate whose distribution point is not of that
 * form cannot be covered and sealing fails (not retryable): a licence is only issued with complete B-LT material.
 * With a CA that is not the seal service, use {@link HttpRevocationSource} instead.
 */
public final class SealServiceRevocationSource implements RevocationSource {
    private static final Pattern CRL_PATH = Pattern.compile("/crl/([A-Za-z0-9._-]+)\\.crl");

    private final SealServiceClient sealService;

    public SealServiceRevocationSource(SealServiceClient sealService) {
        this.sealService = sealService;
    }

    @Override
    public Optional<byte[]> crl(X509Certificate issued) {
        List<URI> uris = HttpRevocationSource.crlUris(issued);
        if (uris.isEmpty()) {
            return Optional.empty();
        }
        for (URI uri : uris) {
            Matcher matcher = CRL_PATH.matcher(uri.getPath() == null ? "" : uri.getPath());
            if (matcher.matches()) {
                return Optional.of(sealService.crl(matcher.group(1)));
            }
        }
        throw new SealingFailedException(
                "the certificate " + issued.getSubjectX500Principal().getName()
                        + " names CRL distribution points " + uris
                        + ", none of the form /crl/<ca>.crl served by the seal "
                        + "service; its revocation data cannot be embedded",
                false,
                null);
    }
}
