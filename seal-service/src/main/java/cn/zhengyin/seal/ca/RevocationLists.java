package cn.zhengyin.seal.ca;

import cn.zhengyin.seal.lifecycle.CertificateStatusListener;
import cn.zhengyin.seal.lifecycle.Seal;
import cn.zhengyin.seal.lifecycle.SealCertificate;
import cn.zhengyin.seal.lifecycle.SealRepository;
import cn.zhengyin.trust.pki.Credential;
import cn.zhengyin.trust.pki.CrlIssuer;
import cn.zhengyin.trust.pki.RevokedCertificate;
import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current CRL of each CA this service operates (dev: root-ca, seal-ca, sm2-root-ca, sm2-seal-ca). Entries come
 * from the seal store: every certificate of a suspended seal (certificateHold) or a revoked or destroyed one (its
 * reason). A CRL is issued afresh when a seal's status changes ({@link #statusChanged}) or when the cached one is older
 * than {@code reissueAfter}; nextUpdate is {@code validity} later. CRL numbers strictly increase.
 */
public final class RevocationLists implements CertificateStatusListener {
    private final Map<String, Credential> authorities;
    private final SealRepository seals;
    private final CrlIssuer issuer;
    private final Clock clock;
    private final Duration validity;
    private final Duration reissueAfter;
    private final Map<String, X509CRL> current = new ConcurrentHashMap<>();
    private BigInteger lastNumber = BigInteger.ZERO;

    public RevocationLists(
            Map<String, Credential> authorities,
            SealRepository seals,
            Clock clock,
            Duration validity,
            Duration reissueAfter) {
        this.authorities = Map.copyOf(authorities);
        this.seals = seals;
        this.issuer = new CrlIssuer(clock);
        this.clock = clock;
        this.validity = validity;
        this.reissueAfter = reissueAfter;
    }

    /** The names of the CAs whose CRLs this service issues, e.g. {@code seal-ca}. */
    public java.util.Set<String> caNames() {
        return new java.util.TreeSet<>(authorities.keySet());
    }

    /** The current CRL of the named CA, issuing a fresh one if needed. */
    public Optional<X509CRL> current(String caName) {
        Credential ca = authorities.get(caName);
        if (ca == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return Optional.of(current.compute(
                caName,
                (name, crl) -> crl != null
                                && crl.getThisUpdate()
                                        .toInstant()
                                        .plus(reissueAfter)
                                        .isAfter(now)
                        ? crl
                        : issuer.issue(ca, nextNumber(now), validity, entries(name))));
    }

    /** Drops the cached CRLs so the next request issues them from the seal store. */
    @Override
    public void statusChanged(Seal seal) {
        current.clear();
    }

    /** The entries of a CA's CRL now. */
    public List<RevokedCertificate> entries(String caName) {
        List<RevokedCertificate> entries = new ArrayList<>();
        for (Seal seal : seals.withRevokedCertificates()) {
            seal.revocation().ifPresent(r -> {
                for (SealCertificate certificate : seal.certificates()) {
                    if (certificate.issuerCa().equals(caName)) {
                        entries.add(new RevokedCertificate(certificate.serialNumber(), r.at(), r.reason()));
                    }
                }
            });
        }
        return entries;
    }

    private synchronized BigInteger nextNumber(Instant now) {
        BigInteger candidate = CrlIssuer.crlNumberFor(now);
        lastNumber = candidate.compareTo(lastNumber) > 0 ? candidate : lastNumber.add(BigInteger.ONE);
        return lastNumber;
    }
}
