package cn.zhengyin.seal.ca;

import cn.zhengyin.trust.pki.Credential;
import cn.zhengyin.trust.pki.CrlIssuer;
import cn.zhengyin.trust.pki.RevokedCertificate;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current CRL of each CA this service operates (the dev seal CA and its root). A CRL is re-issued when the cached
 * one is older than {@code reissueAfter}, so verifiers always find one well inside its nextUpdate. No certificate is
 * revoked yet: seal suspension and revocation (issue 3) will add entries here.
 */
public final class RevocationLists {
    private final Map<String, Credential> authorities;
    private final CrlIssuer issuer;
    private final Clock clock;
    private final Duration validity;
    private final Duration reissueAfter;
    private final Map<String, X509CRL> current = new ConcurrentHashMap<>();

    public RevocationLists(Map<String, Credential> authorities, Clock clock, Duration validity, Duration reissueAfter) {
        this.authorities = Map.copyOf(authorities);
        this.issuer = new CrlIssuer(clock);
        this.clock = clock;
        this.validity = validity;
        this.reissueAfter = reissueAfter;
    }

    /** The current CRL of the named CA, issuing a fresh one if needed. */
    public Optional<X509CRL> current(String caName) {
        Credential ca = authorities.get(caName);
        if (ca == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return Optional.of(current.compute(caName, (name, crl) ->
                crl != null && crl.getThisUpdate().toInstant().plus(reissueAfter).isAfter(now)
                        ? crl
                        : issuer.issue(ca, CrlIssuer.crlNumberFor(now), validity, List.<RevokedCertificate>of())));
    }
}
