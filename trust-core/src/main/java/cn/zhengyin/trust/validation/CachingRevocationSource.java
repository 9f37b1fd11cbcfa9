package cn.zhengyin.trust.validation;

import java.io.ByteArrayInputStream;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.x500.X500Principal;

/**
 * A {@link RevocationSource} that reuses each CA's CRL for a while: a CRL fetched for one certificate serves every
 * certificate of the same issuer for {@code maxAge}, and never once its nextUpdate has passed (a CRL without
 * nextUpdate, or one that cannot be read, is not reused). For gathering long-term validation material at signing
 * time, where a CRL that is a minute old is as good as a fresh one: the signer has just checked the key is in force.
 * OCSP responses are never cached (each is about one certificate at one moment). Failures are not cached.
 * Thread-safe if the delegate is.
 */
public final class CachingRevocationSource implements RevocationSource {

    private final RevocationSource delegate;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<X500Principal, Cached> crls = new ConcurrentHashMap<>();

    private record Cached(byte[] der, Instant fetched, Instant nextUpdate) {}

    /**
     * @param delegate where CRLs really come from
     * @param maxAge   how long a fetched CRL is reused; {@link Duration#ZERO} asks the delegate every time
     * @param clock    the time the age and nextUpdate are judged at
     */
    public CachingRevocationSource(RevocationSource delegate, Duration maxAge, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative; got " + maxAge + ".");
        }
    }

    @Override
    public Optional<byte[]> crl(X509Certificate issued) {
        Instant now = clock.instant();
        X500Principal issuer = issued.getIssuerX500Principal();
        Cached cached = crls.get(issuer);
        if (cached != null && now.isBefore(cached.fetched().plus(maxAge)) && now.isBefore(cached.nextUpdate())) {
            return Optional.of(cached.der().clone());
        }
        Optional<byte[]> fetched = delegate.crl(issued);
        if (fetched.isPresent() && maxAge.isPositive()) {
            nextUpdate(fetched.get())
                    .ifPresent(next -> crls.put(issuer, new Cached(fetched.get().clone(), now, next)));
        }
        return fetched;
    }

    @Override
    public Optional<byte[]> ocsp(X509Certificate cert, X509Certificate issuer) {
        return delegate.ocsp(cert, issuer);
    }

    /** Forgets every cached CRL, e.g. after a certificate's status changed. */
    public void clear() {
        crls.clear();
    }

    private static Optional<Instant> nextUpdate(byte[] der) {
        try {
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
            return Optional.ofNullable(crl.getNextUpdate()).map(java.util.Date::toInstant);
        } catch (CRLException | CertificateException | RuntimeException e) {
            return Optional.empty(); // unreadable here: simply not reused (the collector reports it)
        }
    }
}
