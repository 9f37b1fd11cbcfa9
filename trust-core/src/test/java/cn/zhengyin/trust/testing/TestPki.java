package cn.zhengyin.trust.testing;

import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.crypto.SoftwareKeyCustody;
import cn.zhengyin.trust.pki.CertificateIssuer;
import cn.zhengyin.trust.pki.CertificateProfile;
import cn.zhengyin.trust.pki.Credential;
import cn.zhengyin.trust.pki.CrlDistributionPoints;
import cn.zhengyin.trust.pki.KeyAlgorithm;
import cn.zhengyin.trust.timestamp.TimestampAuthority;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Throw-away ECDSA P-256 PKI for tests, built in memory around a given "now": root CA → issuing CA → signer
 * (digitalSignature + nonRepudiation) and TSA (critical EKU timeStamping). Certificates are valid from now − 1 day
 * to now + 1 year (CAs: + 10 years). Reused by the services through trust-core's test-jar. {@link Issued} is the
 * same kind of fixture made by trust-core's own {@code CertificateIssuer}, for one algorithm (ECDSA P-256 or SM2).
 */
public final class TestPki {

    public static final char[] PKCS12_PASSWORD = "test-only".toCharArray();

    private final Instant now;
    private final KeyPair rootKeys = generateKeyPair();
    private final KeyPair issuingKeys = generateKeyPair();
    private final KeyPair signerKeys = generateKeyPair();
    private final KeyPair tsaKeys = generateKeyPair();
    private final AtomicLong serials = new AtomicLong(1000);
    private final X509Certificate root;
    private final X509Certificate issuing;
    private final X509Certificate signer;
    private final X509Certificate tsa;

    private TestPki(Instant now, String name) {
        Providers.bouncyCastle();
        this.now = now;
        X500Name rootName = new X500Name("CN=" + name + " Root CA,O=Zhengyin Test,C=CN");
        X500Name issuingName = new X500Name("CN=" + name + " Issuing CA,O=Zhengyin Test,C=CN");
        root = certificate(rootName, rootKeys, rootName, rootKeys.getPublic(), Duration.ofDays(3650), Role.CA);
        issuing = certificate(rootName, rootKeys, issuingName, issuingKeys.getPublic(), Duration.ofDays(3650), Role.CA);
        signer = issue(
                new X500Name("CN=" + name + " Seal,O=Zhengyin Test Bureau,C=CN"),
                signerKeys.getPublic(),
                Duration.ofDays(365),
                Role.SIGNER);
        tsa = issue(
                new X500Name("CN=" + name + " TSA,O=Zhengyin Test,C=CN"),
                tsaKeys.getPublic(),
                Duration.ofDays(365),
                Role.TSA);
    }

    /** A fresh PKI whose certificates are valid around {@code now}. */
    public static TestPki create(Instant now) {
        return new TestPki(now, "Test");
    }

    /** A fresh PKI with another name, e.g. to act as an untrusted anchor. */
    public static TestPki create(Instant now, String name) {
        return new TestPki(now, name);
    }

    /** What a certificate is for. */
    public enum Role {
        CA,
        SIGNER,
        TSA,
        /** A TSA-like certificate with EKU clientAuth instead of timeStamping. */
        TSA_WITHOUT_TIME_STAMPING,
        /** A signer certificate with keyEncipherment only. */
        SIGNER_WITHOUT_SIGNATURE_USAGE
    }

    public X509Certificate root() {
        return root;
    }

    public X509Certificate issuingCa() {
        return issuing;
    }

    public X509Certificate signerCertificate() {
        return signer;
    }

    public X509Certificate tsaCertificate() {
        return tsa;
    }

    /** The signer key; chain signer → issuing CA → root. */
    public SigningKey signerKey() {
        return SoftwareKeyCustody.fromKey("test-signer", signerKeys.getPrivate(), List.of(signer, issuing, root));
    }

    /** The signer's private key, for tests that sign with another producer's code ({@link OtherProducer}). */
    public java.security.PrivateKey signerPrivateKey() {
        return signerKeys.getPrivate();
    }

    /** The TSA key; chain TSA → issuing CA. */
    public SigningKey tsaKey() {
        return SoftwareKeyCustody.fromKey("test-tsa", tsaKeys.getPrivate(), List.of(tsa, issuing));
    }

    /** A new key pair with a certificate of the given role, issued by the issuing CA, valid for [from, to]. */
    public SigningKey issueKey(String keyId, Role role, Instant notBefore, Instant notAfter) {
        KeyPair keys = generateKeyPair();
        X509Certificate cert = certificate(
                X500Name.getInstance(issuing.getSubjectX500Principal().getEncoded()),
                issuingKeys,
                new X500Name("CN=" + keyId + ",O=Zhengyin Test,C=CN"),
                keys.getPublic(),
                notBefore,
                notAfter,
                role);
        return SoftwareKeyCustody.fromKey(keyId, keys.getPrivate(), List.of(cert, issuing, root));
    }

    /** A time-stamp authority with the TSA key, dev policy, the given clock, sequential serials, 1 s accuracy. */
    public TimestampAuthority timestampAuthority(Clock clock) {
        AtomicLong tsaSerials = new AtomicLong(1);
        return new TimestampAuthority(
                tsaKey(),
                TimestampAuthority.DEV_POLICY_OID,
                clock,
                () -> BigInteger.valueOf(tsaSerials.getAndIncrement()),
                Duration.ofSeconds(1));
    }

    /** A CRL of the issuing CA, issued now, next update in 7 days, revoking the given serials at the given times. */
    public X509CRL issuingCaCrl(Map<BigInteger, Instant> revoked) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(issuing.getSubjectX500Principal().getEncoded()), Date.from(now));
            builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
            revoked.forEach((serial, at) -> builder.addCRLEntry(serial, Date.from(at), CRLReason.keyCompromise));
            return new JcaX509CRLConverter()
                    .setProvider(Providers.bouncyCastle())
                    .getCRL(builder.build(signerFor(issuingKeys)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CRL of the root CA with no entries (covers the issuing CA). */
    public X509CRL rootCrl() {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(root.getSubjectX500Principal().getEncoded()), Date.from(now));
            builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(30))));
            return new JcaX509CRLConverter()
                    .setProvider(Providers.bouncyCastle())
                    .getCRL(builder.build(signerFor(rootKeys)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signer key and chain as a PKCS#12 file (alias "signer", password {@link #PKCS12_PASSWORD}). */
    public byte[] signerPkcs12() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12", Providers.bouncyCastle());
            store.load(null, null);
            store.setKeyEntry("signer", signerKeys.getPrivate(), PKCS12_PASSWORD, new java.security.cert.Certificate[] {
                signer, issuing, root
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, PKCS12_PASSWORD);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private X509Certificate issue(X500Name subject, PublicKey key, Duration validity, Role role) {
        return certificate(
                X500Name.getInstance(issuing.getSubjectX500Principal().getEncoded()),
                issuingKeys,
                subject,
                key,
                validity,
                role);
    }

    private X509Certificate certificate(
            X500Name issuer, KeyPair issuerKeys, X500Name subject, PublicKey key, Duration validity, Role role) {
        return certificate(issuer, issuerKeys, subject, key, now.minus(Duration.ofDays(1)), now.plus(validity), role);
    }

    private X509Certificate certificate(
            X500Name issuer,
            KeyPair issuerKeys,
            X500Name subject,
            PublicKey key,
            Instant notBefore,
            Instant notAfter,
            Role role) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer,
                    BigInteger.valueOf(serials.getAndIncrement()),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    subject,
                    key);
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
            builder.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    utils.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
            switch (role) {
                case CA -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    builder.addExtension(
                            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                }
                case SIGNER ->
                    builder.addExtension(
                            Extension.keyUsage,
                            true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
                case SIGNER_WITHOUT_SIGNATURE_USAGE ->
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyAgreement));
                case TSA -> {
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    builder.addExtension(
                            Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
                }
                case TSA_WITHOUT_TIME_STAMPING -> {
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    builder.addExtension(
                            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                }
            }
            return new JcaX509CertificateConverter()
                    .setProvider(Providers.bouncyCastle())
                    .getCertificate(builder.build(signerFor(issuerKeys)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ContentSigner signerFor(KeyPair keys) throws Exception {
        return new JcaContentSignerBuilder("SHA256withECDSA")
                .setProvider(Providers.bouncyCastle())
                .build(keys.getPrivate());
    }

    private static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Providers.bouncyCastle());
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A PKI for one algorithm made by trust-core's own {@link CertificateIssuer} (root → seal CA → leaves) at a fixed
     * instant, for the tests of the issuer itself, of PKCS#12 and of CRLs.
     */
    public static final class Issued {
        public static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
        public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
        public static final String ORG = "Zhengyin Test PKI";
        public static final CertificateProfile.SealSigning SEAL = new CertificateProfile.SealSigning(
                "证印示范市市场监督管理局电子证照专用章", "证印示范市市场监督管理局", "11110100000000019Q", "ZYTEST-SEAL-1");

        public final KeyAlgorithm algorithm;
        public final SecureRandom random = new SecureRandom();
        public final CertificateIssuer issuer =
                new CertificateIssuer(CLOCK, random, new CrlDistributionPoints("http://localhost:8082/crl/"));
        public final Credential root;
        public final Credential sealCa;

        public Issued(KeyAlgorithm algorithm) {
            this.algorithm = algorithm;
            root = issuer.issueRoot(
                    "root-ca",
                    new CertificateProfile.RootCa("Test Root " + algorithm, ORG),
                    algorithm.generateKeyPair(random),
                    Period.ofYears(20));
            sealCa = issuer.issueCredential(
                    "seal-ca",
                    new CertificateProfile.IssuingCa("Test Seal CA " + algorithm, ORG, 0),
                    algorithm.generateKeyPair(random),
                    Period.ofYears(10),
                    root);
        }

        public Credential leaf(String name, CertificateProfile profile) {
            return issuer.issueCredential(name, profile, algorithm.generateKeyPair(random), Period.ofYears(5), sealCa);
        }

        /** The certificate as the JDK's own X.509 implementation parses it (for JDK PKIX validation). */
        public static X509Certificate jdk(X509Certificate certificate) {
            try {
                return (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(certificate.getEncoded()));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}
