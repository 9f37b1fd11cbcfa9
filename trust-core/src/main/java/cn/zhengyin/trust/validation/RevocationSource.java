package cn.zhengyin.trust.validation;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Where revocation information for a certificate comes from when it is not already at hand: the CA's CRL
 * (RFC 5280 §5) or an OCSP response (RFC 6960), as DER. Used to gather long-term validation material when signing
 * (PAdES B-LT) and, optionally, as a live fallback when verifying. Implementations throw
 * {@link RevocationSourceException} when a source the certificate names cannot be read; they return empty when the
 * certificate names no source they can use.
 */
public interface RevocationSource {

    /** @return the current CRL of the CA that issued {@code issued}, DER; empty if the certificate names none */
    Optional<byte[]> crl(X509Certificate issued);

    /** @return an OCSP response (DER OCSPResponse) on {@code cert}; empty when OCSP is not offered (the default) */
    default Optional<byte[]> ocsp(X509Certificate cert, X509Certificate issuer) {
        return Optional.empty();
    }

    /** A source that has nothing: verification offline with only what is at hand. */
    static RevocationSource none() {
        return issued -> Optional.empty();
    }
}
