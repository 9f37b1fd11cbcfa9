package cn.zhengyin.trust.pki;

import cn.zhengyin.trust.pki.internal.BcProvider;
import cn.zhengyin.trust.pki.internal.KeyIdentifiers;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Issues X.509 v3 certificates (RFC 5280) for a {@link CertificateProfile}. Validity starts at the injected clock's
 * current second and ends a {@link Period} later (UTC calendar arithmetic); serial numbers are 128-bit positive random
 * numbers (RFC 5280 §4.1.2.2 allows up to 20 octets). The signature algorithm follows the issuer's key
 * ({@link KeyAlgorithm}). Thread-safe if the {@link SecureRandom} is.
 */
public final class CertificateIssuer {
    private final Clock clock;
    private final SecureRandom random;
    private final CrlDistributionPoints crlDistributionPoints;

    public CertificateIssuer(Clock clock, SecureRandom random, CrlDistributionPoints crlDistributionPoints) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.crlDistributionPoints = Objects.requireNonNull(crlDistributionPoints, "crlDistributionPoints");
    }

    /** With a default {@link SecureRandom} and {@link CrlDistributionPoints#defaults()}. */
    public CertificateIssuer(Clock clock) {
        this(clock, new SecureRandom(), CrlDistributionPoints.defaults());
    }

    /**
     * Creates a self-signed root CA certificate for {@code keyPair} and returns it as a credential named
     * {@code name}. Roots carry no CRL distribution point.
     */
    public Credential issueRoot(String name, CertificateProfile.RootCa profile, KeyPair keyPair, Period validity) {
        Instant notBefore = now();
        Instant notAfter = notAfter(notBefore, validity);
        X500Name subject = subjectOf(profile);
        X509Certificate certificate = build(
                subject,
                keyPair.getPublic(),
                profile,
                notBefore,
                notAfter,
                subject,
                keyPair.getPublic(),
                null,
                keyPair.getPrivate(),
                null);
        return new Credential(name, keyPair.getPrivate(), List.of(certificate));
    }

    /**
     * Issues a certificate for {@code subjectKey} signed by {@code issuer}, whose certificate must be a CA valid for
     * the whole new validity period.
     *
     * @throws PkiException if the issuer is not a CA, or the certificate would outlive its issuer
     */
    public X509Certificate issue(CertificateProfile profile, PublicKey subjectKey, Period validity, Credential issuer) {
        if (profile instanceof CertificateProfile.RootCa) {
            throw new PkiException("A RootCa profile is self-signed; use issueRoot(..), not issue(..)");
        }
        X509Certificate issuerCert = issuer.certificate();
        if (issuerCert.getBasicConstraints() < 0) {
            throw new PkiException("Issuer '" + issuer.name() + "' ("
                    + issuerCert.getSubjectX500Principal().getName()
                    + ") is not a CA (basicConstraints CA:false); only CA certificates may sign certificates"
                    + " (RFC 5280 §4.2.1.9)");
        }
        Instant notBefore = now();
        Instant notAfter = notAfter(notBefore, validity);
        if (notAfter.isAfter(issuerCert.getNotAfter().toInstant())) {
            throw new PkiException("Certificate for " + subjectOf(profile) + " would end at " + notAfter
                    + ", after its issuer '" + issuer.name() + "' ends at "
                    + issuerCert.getNotAfter().toInstant()
                    + "; shorten the validity (" + validity + ") or renew the issuer");
        }
        return build(
                subjectOf(profile),
                subjectKey,
                profile,
                notBefore,
                notAfter,
                X500Name.getInstance(issuerCert.getSubjectX500Principal().getEncoded()),
                issuerCert.getPublicKey(),
                issuerCert,
                issuer.privateKey(),
                issuer.name());
    }

    /** Issues a certificate for {@code subjectKey} and returns the credential with the issuer's chain appended. */
    public Credential issueCredential(
            String name, CertificateProfile profile, KeyPair keyPair, Period validity, Credential issuer) {
        X509Certificate certificate = issue(profile, keyPair.getPublic(), validity, issuer);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        chain.addAll(issuer.chain());
        return new Credential(name, keyPair.getPrivate(), chain);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static Instant notAfter(Instant notBefore, Period validity) {
        if (validity.isNegative() || validity.isZero()) {
            throw new PkiException("Validity " + validity + " is not positive; give e.g. P5Y");
        }
        return notBefore.atOffset(ZoneOffset.UTC).plus(validity).toInstant();
    }

    private BigInteger serial() {
        BigInteger serial;
        do {
            serial = new BigInteger(128, random);
        } while (serial.signum() == 0);
        return serial;
    }

    private X509Certificate build(
            X500Name subject,
            PublicKey subjectKey,
            CertificateProfile profile,
            Instant notBefore,
            Instant notAfter,
            X500Name issuerName,
            PublicKey issuerKey,
            @Nullable X509Certificate issuerCert,
            PrivateKey signingKey,
            @Nullable String issuerCaName) {
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuerName, serial(), Date.from(notBefore), Date.from(notAfter), subject, subjectKey);
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
            builder.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    issuerCert == null
                            ? ext.createAuthorityKeyIdentifier(issuerKey)
                            : KeyIdentifiers.authorityKeyIdentifier(issuerCert));
            addProfileExtensions(builder, profile);
            addAuthorityInformationAccess(builder, profile.authorityInformationAccess());
            if (issuerCaName != null) {
                GeneralName uri = new GeneralName(
                        GeneralName.uniformResourceIdentifier,
                        crlDistributionPoints.forCa(issuerCaName).toString());
                DistributionPoint point =
                        new DistributionPoint(new DistributionPointName(new GeneralNames(uri)), null, null);
                builder.addExtension(
                        Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {point}));
            }
            ContentSigner signer = new JcaContentSignerBuilder(
                            KeyAlgorithm.require(issuerKey).signatureAlgorithm())
                    .setProvider(BcProvider.get())
                    .build(signingKey);
            return new JcaX509CertificateConverter()
                    .setProvider(BcProvider.get())
                    .getCertificate(builder.build(signer));
        } catch (CertIOException
                | OperatorCreationException
                | CertificateException
                | java.security.NoSuchAlgorithmException e) {
            throw new PkiException("Cannot build the certificate for " + subject + ": " + e.getMessage(), e);
        }
    }

    private static void addProfileExtensions(X509v3CertificateBuilder builder, CertificateProfile profile)
            throws CertIOException {
        switch (profile) {
            case CertificateProfile.RootCa ignored -> {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }
            case CertificateProfile.IssuingCa ca -> {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca.pathLength()));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }
            case CertificateProfile.SealSigning ignored -> {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(
                        Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            }
            case CertificateProfile.OrganisationSigning ignored -> {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(
                        Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            }
            case CertificateProfile.TimeStamping ignored -> {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(
                        Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
            }
            case CertificateProfile.OcspResponder ignored -> {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(
                        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
                builder.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
            }
        }
    }

    private static void addAuthorityInformationAccess(
            X509v3CertificateBuilder builder, AuthorityInformationAccess access) throws CertIOException {
        if (access.isEmpty()) {
            return;
        }
        List<AccessDescription> descriptions = new ArrayList<>();
        access.ocsp()
                .ifPresent(uri -> descriptions.add(new AccessDescription(
                        AccessDescription.id_ad_ocsp,
                        new GeneralName(GeneralName.uniformResourceIdentifier, uri.toString()))));
        access.caIssuers()
                .ifPresent(uri -> descriptions.add(new AccessDescription(
                        AccessDescription.id_ad_caIssuers,
                        new GeneralName(GeneralName.uniformResourceIdentifier, uri.toString()))));
        builder.addExtension(
                Extension.authorityInfoAccess,
                false,
                new org.bouncycastle.asn1.x509.AuthorityInformationAccess(
                        descriptions.toArray(AccessDescription[]::new)));
    }

    /** The subject distinguished name a profile produces (see {@link CertificateProfile}), most significant RDN first. */
    static X500Name subjectOf(CertificateProfile profile) {
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "CN");
        switch (profile) {
            case CertificateProfile.RootCa p ->
                name.addRDN(BCStyle.O, p.organisation()).addRDN(BCStyle.CN, p.commonName());
            case CertificateProfile.IssuingCa p ->
                name.addRDN(BCStyle.O, p.organisation()).addRDN(BCStyle.CN, p.commonName());
            case CertificateProfile.TimeStamping p ->
                name.addRDN(BCStyle.O, p.organisation()).addRDN(BCStyle.CN, p.commonName());
            case CertificateProfile.OcspResponder p ->
                name.addRDN(BCStyle.O, p.organisation()).addRDN(BCStyle.CN, p.commonName());
            case CertificateProfile.OrganisationSigning p ->
                name.addRDN(BCStyle.O, p.organisation())
                        .addRDN(BCStyle.ORGANIZATION_IDENTIFIER, p.uscc())
                        .addRDN(BCStyle.CN, p.commonName());
            case CertificateProfile.SealSigning p ->
                name.addRDN(BCStyle.O, p.organisation())
                        .addRDN(BCStyle.ORGANIZATION_IDENTIFIER, p.uscc())
                        .addRDN(BCStyle.CN, p.sealName())
                        .addRDN(BCStyle.SERIALNUMBER, p.sealId());
        }
        return name.build();
    }
}
