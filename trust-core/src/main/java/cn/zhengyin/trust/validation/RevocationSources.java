package cn.zhengyin.trust.validation;

import java.security.cert.X509CRL;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where a verifier gets revocation status when the document does not embed it: CRLs from configuration (e.g.
 * {@code ca-tools verify --crl}), then optionally a live {@link RevocationSource} (the CRL distribution point or AIA
 * in the certificate, e.g. {@link HttpRevocationSource}).
 *
 * @param crls configured CRLs
 * @param live asked when neither embedded nor configured CRLs decide; empty: offline
 */
public record RevocationSources(List<X509CRL> crls, Optional<RevocationSource> live) {

    public RevocationSources {
        crls = List.copyOf(crls);
    }

    public static RevocationSources offline(Collection<X509CRL> crls) {
        return new RevocationSources(List.copyOf(crls), Optional.empty());
    }

    public static RevocationSources none() {
        return new RevocationSources(List.of(), Optional.empty());
    }
}
