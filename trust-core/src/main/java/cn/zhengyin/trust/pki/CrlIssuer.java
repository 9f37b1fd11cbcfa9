package cn.zhengyin.trust.pki;

import cn.zhengyin.trust.pki.internal.BcProvider;
import cn.zhengyin.trust.pki.internal.KeyIdentifiers;
import java.math.BigInteger;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues X.509 v2 CRLs (RFC 5280 §5) signed by a CA credential: authorityKeyIdentifier and cRLNumber extensions,
 * thisUpdate = the injected clock's current second, nextUpdate = thisUpdate + the given interval, and one entry per
 * revoked certificate with its reasonCode entry extension (§5.3.1).
 */
public final class CrlIssuer {
    private final Clock clock;

    public CrlIssuer(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Issues a CRL listing exactly {@code revoked}.
     *
     * @param crlNumber monotonically increasing per CA (RFC 5280 §5.2.3); {@link #crlNumberFor(Instant)} gives one
     *                  from the issue time
     * @throws PkiException if the credential is not a CA allowed to sign CRLs
     */
    public X509CRL issue(
            Credential ca, BigInteger crlNumber, Duration nextUpdateIn, Collection<RevokedCertificate> revoked) {
        if (crlNumber.signum() < 0) {
            throw new PkiException(
                    "CRL number " + crlNumber + " is negative; RFC 5280 §5.2.3 needs a non-negative integer");
        }
        if (nextUpdateIn.isNegative() || nextUpdateIn.isZero()) {
            throw new PkiException("nextUpdate interval " + nextUpdateIn + " is not positive; give e.g. P30D");
        }
        var caCert = ca.certificate();
        boolean[] keyUsage = caCert.getKeyUsage();
        if (keyUsage == null || keyUsage.length < 7 || !keyUsage[6]) {
            throw new PkiException(
                    "'" + ca.name() + "' (" + caCert.getSubjectX500Principal().getName()
                            + ") lacks keyUsage cRLSign, so it may not sign CRLs (RFC 5280 §4.2.1.3); use a CA credential");
        }
        Instant thisUpdate = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(thisUpdate.plus(nextUpdateIn)));
            for (RevokedCertificate entry : revoked) {
                builder.addCRLEntry(
                        entry.serialNumber(),
                        Date.from(entry.revocationDate()),
                        entry.reason().code());
            }
            builder.addExtension(
                    Extension.authorityKeyIdentifier, false, KeyIdentifiers.authorityKeyIdentifier(caCert));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(crlNumber));
            var signer = new JcaContentSignerBuilder(
                            KeyAlgorithm.require(caCert.getPublicKey()).signatureAlgorithm())
                    .setProvider(BcProvider.get())
                    .build(ca.privateKey());
            return new JcaX509CRLConverter().setProvider(BcProvider.get()).getCRL(builder.build(signer));
        } catch (CertIOException
                | OperatorCreationException
                | CRLException
                | java.security.NoSuchAlgorithmException e) {
            throw new PkiException("Cannot issue a CRL for '" + ca.name() + "': " + e.getMessage(), e);
        }
    }

    /** A CRL number that grows with time: the issue instant in epoch seconds. */
    public static BigInteger crlNumberFor(Instant thisUpdate) {
        return BigInteger.valueOf(thisUpdate.getEpochSecond());
    }

    /** The clock's current second as a CRL number ({@link #crlNumberFor(Instant)}). */
    public BigInteger nextCrlNumber() {
        return crlNumberFor(clock.instant());
    }
}
